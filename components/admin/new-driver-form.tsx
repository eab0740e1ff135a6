"use client";
import { ZDriverWithToken } from "@/lib/schemas/admin-responses";
import { useState, type FormEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { TokenQr } from "./token-qr";
import { Button } from "../ui/button";
import { FormField } from "../ui/form-field";

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
      const driver = await adminFetch(ZDriverWithToken, "POST", "/api/drivers", { name, ...(trackerId.trim() ? { trackerId: trackerId.trim() } : {}) });
      setCreated(driver);
      setName("");
      setTrackerId("");
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <form className="card ui-card admin-form" onSubmit={(event) => void onSubmit(event)} aria-label="New driver">
      <h2 className="ui-card__title">New driver</h2>
      <FormField label="Name">
        <input required maxLength={120} value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />
      </FormField>
      <FormField label="Tracker app id (optional)" hint="The id a Traccar Client or OsmAnd app sends, if the driver uses one.">
        <input value={trackerId} onChange={(event) => setTrackerId(event.target.value)} autoComplete="off" />
      </FormField>
      <Button type="submit" variant="primary">
        Add driver
      </Button>
      {error && <p className="admin-error">{error}</p>}
      {created && <TokenQr token={created.token} driverName={created.name} />}
    </form>
  );
}
