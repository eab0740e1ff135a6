"use client";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { resizeImage } from "@/lib/driver/resize-image";
import type { TDriverStatusRequest } from "@/lib/schemas/driver";
import { SignaturePad } from "./signature-pad";

/** "Delivered", with optional proof: a photo (resized here, on the phone), a signature and a note. */
export function DeliverForm({ onSubmit, onCancel }: { onSubmit(body: TDriverStatusRequest): void; onCancel(): void }) {
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
      setError("This photo could not be read; try another.");
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const proof = photo || signature ? { ...(photo ? { photo } : {}), ...(signature ? { signature } : {}) } : undefined;
    onSubmit({ status: "delivered", ...(note.trim() ? { note: note.trim() } : {}), ...(proof ? { proof } : {}) });
  };

  return (
    <form className="stop-form" onSubmit={submit} data-testid="deliver-form">
      <label>
        Photo
        <input type="file" accept="image/*" capture="environment" onChange={(event) => void onPhoto(event)} data-testid="proof-photo" />
      </label>
      {/* A local data: URL preview: next/image has nothing to optimise here. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      {photo ? <img className="proof-preview" src={photo} alt="Photo of the delivery" data-testid="proof-preview" /> : null}
      <span className="stop-form__label">Signature</span>
      <SignaturePad onChange={setSignature} />
      <label>
        Note
        <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={1000} placeholder="e.g. left with the neighbour" />
      </label>
      {error ? (
        <p className="driver-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="stop-actions">
        <button type="submit" className="button button--primary">
          Confirm delivered
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
