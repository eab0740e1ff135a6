import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";

export interface FormFieldProps {
  label: ReactNode;
  /** A line under the control: what to type, the format. It describes the control, it does not name it. */
  hint?: ReactNode;
  error?: ReactNode;
  /** One control (input, select, textarea): it gets the label's id and the hint as its description. */
  children: ReactElement<{ id?: string; "aria-describedby"?: string; "aria-invalid"?: boolean }>;
  className?: string;
}

/** A visible label tied to its control (never a placeholder as the label), with an optional hint and error. */
export function FormField({ label, hint, error, children, className }: FormFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const control = isValidElement(children) ? cloneElement(children, { id: children.props.id ?? id, "aria-describedby": describedBy, ...(error ? { "aria-invalid": true } : {}) }) : children;
  const controlId = isValidElement(children) ? (children.props.id ?? id) : id;
  return (
    <div className={["ui-field", className].filter(Boolean).join(" ")}>
      <label className="ui-field__label" htmlFor={controlId}>
        {label}
      </label>
      {control}
      {hint && (
        <span className="ui-field__hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span className="ui-field__error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
