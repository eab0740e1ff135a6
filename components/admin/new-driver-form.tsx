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
  const [isGuessableAllowed, setIsGuessableAllowed] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string; trackerId?: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const chosen = trackerId.trim() ? { trackerId: trackerId.trim(), ...(isGuessableAllowed ? { allowGuessableTrackerId: true } : {}) } : {};
      const driver = await adminFetch(ZDriverWithToken, "POST", "/api/drivers", { name, ...chosen });
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
      <FormField label="Tracker app id (optional)" hint="The id a Traccar Client or OsmAnd app sends, if the driver uses one. Leave it empty for a generated, unguessable one.">
        <input value={trackerId} onChange={(event) => setTrackerId(event.target.value)} autoComplete="off" />
      </FormField>
      {trackerId.trim() && (
        <label>
          <input type="checkbox" checked={isGuessableAllowed} onChange={(event) => setIsGuessableAllowed(event.target.checked)} />
          Use this id even if it is short enough to guess
        </label>
      )}
      <Button type="submit" variant="primary">
        Add driver
      </Button>
      {error && <p className="admin-error">{error}</p>}
      {created?.trackerId && (
        <p>
          Tracker app id: <code data-testid="driver-tracker-id">{created.trackerId}</code>
        </p>
      )}
      {created && <TokenQr token={created.token} driverName={created.name} />}
    </form>
  );
}
