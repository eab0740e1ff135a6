"use client";
import { useState, type FormEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { TokenQr } from "./token-qr";

/** Adds a driver (POST /api/drivers, the contract) and shows their sign-in QR once. */
/** The fleet list picks the driver up with its next snapshot. */
export function NewDriverForm() {
  const [name, setName] = useState("");
  const [trackerId, setTrackerId] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const driver = await adminFetch<{ name: string; token: string }>("POST", "/api/drivers", { name, ...(trackerId.trim() ? { trackerId: trackerId.trim() } : {}) });
      setCreated(driver);
      setName("");
      setTrackerId("");
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <form className="card admin-form" onSubmit={(event) => void onSubmit(event)} aria-label="New driver">
      <h2>New driver</h2>
      <label>
        Name
        <input required maxLength={120} value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        Tracker app id (optional)
        <input value={trackerId} onChange={(event) => setTrackerId(event.target.value)} />
      </label>
      <button type="submit">Add driver</button>
      {error && <p className="admin-error">{error}</p>}
      {created && <TokenQr token={created.token} driverName={created.name} />}
    </form>
  );
}
