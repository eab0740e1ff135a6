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

const EMPTY = { email: "", name: "", password: "", role: "support" };

/** Staff accounts (admin only): who can sign in, with which role; add and remove (confirmed). */
export function StaffPanel() {
  const staff = usePolled(() => adminFetch(ZStaffAccountList, "GET", "/api/admin/staff"), 30_000, "staff");
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await adminFetch(ZStaffAccount, "POST", "/api/admin/staff", form);
      setForm(EMPTY);
      staff.reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const onDelete = async (id: string) => {
    await adminFetch(ZOkAnswer, "DELETE", `/api/admin/staff/${id}`).catch((failure: unknown) => setError(errorMessage(failure)));
    staff.reload();
  };

  return (
    <div className="admin-page admin-columns">
      <Card title="Staff accounts" aria-label="Staff" data-testid="staff-panel">
        {staff.error && <p className="admin-error">{staff.error}</p>}
        {staff.data && staff.data.length === 0 ? (
          <p className="admin-empty" data-testid="staff-empty">
            No staff accounts yet: only the admin token can sign in. Add the people who run dispatch and support.
          </p>
        ) : (
          <Table data-testid="staff-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Role</th>
                <th>Since</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.data?.map((row) => (
                <tr key={row.id} data-testid="staff-row">
                  <td>
                    <strong>{row.name}</strong>
                  </td>
                  <Td label="Email">{row.email}</Td>
                  <Td label="Role">
                    <span className={`ui-badge${row.role === "admin" ? " ui-badge--info" : ""}`}>{row.role}</span>
                  </Td>
                  <Td label="Since">{formatTime(row.createdAt)}</Td>
                  <td>
                    <ConfirmDialog
                      trigger={(open) => (
                        <Button size="sm" variant="ghost" onClick={open}>
                          Remove
                        </Button>
                      )}
                      title={`Remove ${row.name}'s account?`}
                      description={`${row.email} can no longer sign in, and any session open now ends.`}
                      confirmLabel="Remove account"
                      onConfirm={() => onDelete(row.id)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <Card title="Add a staff account">
        <form className="admin-form" onSubmit={(event) => void onCreate(event)} aria-label="New staff account">
          <FormField label="Name">
            <input required value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} autoComplete="off" />
          </FormField>
          <FormField label="Email">
            <input type="email" required value={form.email} onChange={(event) => setForm({ ...form, email: event.target.value })} autoComplete="off" />
          </FormField>
          <FormField label="Password" hint="At least 10 characters.">
            <input type="password" required minLength={10} value={form.password} onChange={(event) => setForm({ ...form, password: event.target.value })} autoComplete="new-password" />
          </FormField>
          <FormField label="Role" hint="Support views and messages drivers; admin also manages orders, routes, staff and webhooks.">
            <select value={form.role} onChange={(event) => setForm({ ...form, role: event.target.value })}>
              <option value="support">Support</option>
              <option value="admin">Admin</option>
            </select>
          </FormField>
          <Button type="submit" variant="primary">
            Add account
          </Button>
          {error && <p className="admin-error">{error}</p>}
        </form>
      </Card>
    </div>
  );
}
