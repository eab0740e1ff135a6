import type { HTMLAttributes, ReactNode, TdHTMLAttributes } from "react";

/**
 * A data table that stays readable on a phone: below 40rem each row becomes a small card and
 * each cell shows its column name (`label`) before the value, so nothing scrolls sideways.
 */
export function Table({ className, children, ...props }: HTMLAttributes<HTMLTableElement>) {
  return (
    <div className="ui-table-wrap">
      <table className={["ui-table", className].filter(Boolean).join(" ")} {...props}>
        {children}
      </table>
    </div>
  );
}

export function Td({ label, children, ...props }: TdHTMLAttributes<HTMLTableCellElement> & { label?: string; children?: ReactNode }) {
  return (
    <td data-label={label} {...props}>
      {children}
    </td>
  );
}
