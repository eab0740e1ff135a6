import type { HTMLAttributes, ReactNode } from "react";

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, "title"> {
  /** A heading for the card; its id labels the section. */
  title?: ReactNode;
  /** Heading level of the title (h2 unless told). */
  level?: 2 | 3;
  /** Buttons shown at the right of the title. */
  actions?: ReactNode;
  tone?: "default" | "warning" | "danger" | "info";
}

/** A surface with an optional title row: the unit every screen is built from. */
export function Card({ title, level = 2, actions, tone = "default", className, children, ...props }: CardProps) {
  const Heading = level === 2 ? "h2" : "h3";
  const classes = ["card", "ui-card", tone === "default" ? "" : `ui-card--${tone}`, className].filter(Boolean).join(" ");
  return (
    <section className={classes} {...props}>
      {(title || actions) && (
        <header className="ui-card__head">
          {title && <Heading className="ui-card__title">{title}</Heading>}
          {actions && <div className="ui-card__actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
