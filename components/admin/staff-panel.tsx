"use client";
import { useState, type FormEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";
import { formatTime } from "@/lib/i18n/format";
import { ZOkAnswer, ZStaffAccount, ZStaffAccountList } from "@/lib/schemas/admin-responses";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmDialog } from "../ui/dialog";
import { FormField } from "../ui/form-field";
import { Table, Td } from "../ui/table";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import { isStaffRole } from "@/lib/domain/staff-permissions";

const EMPTY = { email: "", name: "", password: "", role: "support" };

/** Staff accounts (admin only): who can sign in, with which role; add and remove (confirmed). */
export function StaffPanel() {
  const t = useAdminMessages();
  const w = t.staff;
  const staff = usePolled(() => adminFetch(ZStaffAccountList, "GET", "/api/admin/staff"), 30_000, "staff");
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await adminFetch(ZStaffAccount, "POST", "/api/admin/staff", form);
      setForm(EMPTY);
      void staff.reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const onDelete = async (id: string) => {
    await adminFetch(ZOkAnswer, "DELETE", `/api/admin/staff/${id}`).catch((failure: unknown) => setError(errorMessage(failure)));
    void staff.reload();
  };

  return (
    <div className="admin-page admin-columns">
      <Card title={w.title} aria-label={w.label} data-testid="staff-panel">
        {staff.error && <p className="admin-error">{staff.error}</p>}
        {staff.data && staff.data.length === 0 ? (
          <p className="admin-empty" data-testid="staff-empty">
            {w.empty}
          </p>
        ) : (
          <Table data-testid="staff-table">
            <thead>
              <tr>
                <th>{w.columns.name}</th>
                <th>{w.columns.email}</th>
                <th>{w.columns.role}</th>
                <th>{w.columns.since}</th>
                <th>
                  <span className="visually-hidden">{w.columns.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.data?.map((row) => (
                <tr key={row.id} data-testid="staff-row">
                  <td>
                    <strong>{row.name}</strong>
                  </td>
                  <Td label={w.columns.email}>{row.email}</Td>
                  <Td label={w.columns.role}>
                    <span className={`ui-badge${row.role === "admin" ? " ui-badge--info" : ""}`}>{isStaffRole(row.role) ? w.roleNames[row.role] : row.role}</span>
                  </Td>
                  <Td label={w.columns.since}>{formatTime(row.createdAt)}</Td>
                  <td>
                    <ConfirmDialog
                      trigger={(open) => (
                        <Button size="sm" variant="ghost" onClick={open}>
                          {w.remove}
                        </Button>
                      )}
                      title={w.removeTitle(row.name)}
                      description={w.removeBody(row.email)}
                      confirmLabel={w.removeConfirm}
                      onConfirm={() => onDelete(row.id)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <Card title={w.addTitle}>
        <form className="admin-form" onSubmit={(event) => void onCreate(event)} aria-label={w.formLabel}>
          <FormField label={w.name}>
            <input required value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} autoComplete="off" />
          </FormField>
          <FormField label={w.email}>
            <input type="email" required value={form.email} onChange={(event) => setForm({ ...form, email: event.target.value })} autoComplete="off" />
          </FormField>
          <FormField label={w.password} hint={w.passwordHint}>
            <input type="password" required minLength={10} value={form.password} onChange={(event) => setForm({ ...form, password: event.target.value })} autoComplete="new-password" />
          </FormField>
          <FormField label={w.role} hint={w.roleHint}>
            <select value={form.role} onChange={(event) => setForm({ ...form, role: event.target.value })}>
              <option value="support">{w.roleNames.support}</option>
              <option value="admin">{w.roleNames.admin}</option>
            </select>
          </FormField>
          <Button type="submit" variant="primary">
            {w.add}
          </Button>
          {error && <p className="admin-error">{error}</p>}
        </form>
      </Card>
    </div>
  );
}
