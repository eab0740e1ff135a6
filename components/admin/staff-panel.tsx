"use client";
import { useState, type FormEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { usePolled } from "@/lib/admin/use-polled";

type StaffRow = { id: string; email: string; name: string; role: string };

export function StaffPanel() {
  const staff = usePolled(() => adminFetch<StaffRow[]>("GET", "/api/admin/staff"), 30_000, "staff");
  const [form, setForm] = useState({ email: "", name: "", password: "", role: "support" });
  const [error, setError] = useState<string | null>(null);

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await adminFetch("POST", "/api/admin/staff", form);
      setForm({ email: "", name: "", password: "", role: "support" });
      staff.reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const onDelete = async (id: string) => {
    await adminFetch("DELETE", `/api/admin/staff/${id}`).catch((failure: unknown) => setError(errorMessage(failure)));
    staff.reload();
  };

  return (
    <section className="card" aria-label="Staff">
      <h2>Staff accounts</h2>
      <table className="admin-table">
        <tbody>
          {staff.data?.map((row) => (
            <tr key={row.id}>
              <td>{row.name}</td>
              <td>{row.email}</td>
              <td>{row.role}</td>
              <td>
                <button type="button" onClick={() => void onDelete(row.id)}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="admin-form" onSubmit={(event) => void onCreate(event)} aria-label="New staff account">
        <input placeholder="Email" type="email" required value={form.email} onChange={(event) => setForm({ ...form, email: event.target.value })} />
        <input placeholder="Name" required value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} />
        <input placeholder="Password (10+ characters)" type="password" required value={form.password} onChange={(event) => setForm({ ...form, password: event.target.value })} />
        <select value={form.role} onChange={(event) => setForm({ ...form, role: event.target.value })} aria-label="Role">
          <option value="support">support</option>
          <option value="admin">admin</option>
        </select>
        <button type="submit">Add</button>
      </form>
      {error && <p className="admin-error">{error}</p>}
    </section>
  );
}
