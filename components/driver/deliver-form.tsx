"use client";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { resizeImage } from "@/lib/driver/resize-image";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TDriverStatusRequest } from "@/lib/schemas/driver";
import { Button } from "../ui/button";
import { FormField } from "../ui/form-field";
import { SignaturePad } from "./signature-pad";

/**
 * "Delivered", with optional proof: a photo (resized here, on the phone), a signature and a note.
 * Off shift, it warns first: nobody could follow a delivery made without sharing the position.
 */
export function DeliverForm({ onSubmit, onCancel, isOnShift, onStartShift }: { onSubmit(body: TDriverStatusRequest): void; onCancel(): void; isOnShift: boolean; onStartShift(): void }) {
  const t = useMessages().driver.deliver;
  const [photo, setPhoto] = useState<string | null>(null);
  const [signature, setSignature] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);

  const onPhoto = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setError(null);
    if (!file) return setPhoto(null);
    try {
      setPhoto(await resizeImage(file));
    } catch {
      setError(t.photoError);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const proof = photo || signature ? { ...(photo ? { photo } : {}), ...(signature ? { signature } : {}) } : undefined;
    onSubmit({ status: "delivered", ...(note.trim() ? { note: note.trim() } : {}), ...(proof ? { proof } : {}) });
  };

  return (
    <form className="stop-form" onSubmit={submit} data-testid="deliver-form">
      {!isOnShift && (
        <div className="driver-warning" role="alert" data-testid="off-shift-warning">
          <p>{t.offShiftWarning}</p>
          <Button variant="primary" onClick={onStartShift} data-testid="start-shift-now">
            {t.startShiftNow}
          </Button>
        </div>
      )}
      <FormField label={t.photo}>
        <input type="file" accept="image/*" capture="environment" onChange={(event) => void onPhoto(event)} data-testid="proof-photo" />
      </FormField>
      {/* A local data: URL preview: next/image has nothing to optimise here. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      {photo ? <img className="proof-preview" src={photo} alt={t.photoAlt} data-testid="proof-preview" /> : null}
      <span className="ui-field__label">{t.signature}</span>
      <SignaturePad onChange={setSignature} label={t.signature} clearLabel={t.clearSignature} />
      <FormField label={t.note}>
        <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={1000} placeholder={t.notePlaceholder} />
      </FormField>
      {error ? (
        <p className="driver-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="stop-actions">
        <Button type="submit" variant="primary" size="lg">
          {t.confirm}
        </Button>
        <Button size="lg" onClick={onCancel}>
          {t.cancel}
        </Button>
      </div>
    </form>
  );
}
