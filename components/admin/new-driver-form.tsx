"use client";
import { ZDriverWithToken, type TDriverWithToken } from "@/lib/schemas/admin-responses";
import { useState, type FormEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { TokenQrDialog } from "./token-qr";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { FormField } from "../ui/form-field";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";

/**
 * "New driver" at the top of the drivers list: the form opens in a dialog, and once the driver is
 * added (POST /api/drivers, the contract) the same place shows their sign-in QR, which exists
 * only now (tokens are stored hashed). The fleet list picks the driver up with its next snapshot.
 */
export function NewDriverButton() {
  const t = useAdminMessages();
  const [isOpen, setIsOpen] = useState(false);
  const [created, setCreated] = useState<TDriverWithToken | null>(null);
  return (
    <>
      <Button size="sm" variant="primary" onClick={() => setIsOpen(true)} data-testid="new-driver">
        {t.newDriver.button}
      </Button>
      {isOpen && !created && (
        <Dialog open onOpenChange={setIsOpen} title={t.newDriver.title} description={t.newDriver.intro}>
          <NewDriverForm onCreated={setCreated} />
        </Dialog>
      )}
      {created && (
        <TokenQrDialog
          token={created.token}
          driverName={created.name}
          onClose={() => {
            setCreated(null);
            setIsOpen(false);
          }}
        >
          {created.trackerId && (
            <p>
              {t.newDriver.trackerIdShown} <code data-testid="driver-tracker-id">{created.trackerId}</code>
            </p>
          )}
        </TokenQrDialog>
      )}
    </>
  );
}

function NewDriverForm({ onCreated }: { onCreated(driver: TDriverWithToken): void }) {
  const t = useAdminMessages();
  const [name, setName] = useState("");
  const [trackerId, setTrackerId] = useState("");
  const [isGuessableAllowed, setIsGuessableAllowed] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setIsBusy(true);
    try {
      const chosen = trackerId.trim() ? { trackerId: trackerId.trim(), ...(isGuessableAllowed ? { allowGuessableTrackerId: true } : {}) } : {};
      onCreated(await adminFetch(ZDriverWithToken, "POST", "/api/drivers", { name, ...chosen }));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <form className="admin-form" onSubmit={(event) => void onSubmit(event)} aria-label={t.newDriver.title}>
      <FormField label={t.newDriver.name}>
        <input required maxLength={120} value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />
      </FormField>
      <FormField label={t.newDriver.trackerId} hint={t.newDriver.trackerIdHint}>
        <input value={trackerId} onChange={(event) => setTrackerId(event.target.value)} autoComplete="off" />
      </FormField>
      {trackerId.trim() && (
        <label>
          <input type="checkbox" checked={isGuessableAllowed} onChange={(event) => setIsGuessableAllowed(event.target.checked)} />
          {t.newDriver.guessable}
        </label>
      )}
      <Button type="submit" variant="primary" disabled={isBusy}>
        {t.newDriver.submit}
      </Button>
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
