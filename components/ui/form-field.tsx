import type { ReactNode } from "react";

export interface FormFieldProps {
  label: ReactNode;
  /** A line under the control: what to type, the format. */
  hint?: ReactNode;
  error?: ReactNode;
  children: ReactNode;
  className?: string;
}

/**
 * A visible label wrapping its control (so the control is named by it, never by a placeholder),
 * with an optional hint and error line.
 */
export function FormField({ label, hint, error, children, className }: FormFieldProps) {
  return (
    <label className={["ui-field", className].filter(Boolean).join(" ")}>
      <span className="ui-field__label">{label}</span>
      {children}
      {hint && <span className="ui-field__hint">{hint}</span>}
      {error && (
        <span className="ui-field__error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
