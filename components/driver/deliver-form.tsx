"use client";
import { useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { askedOutcome, outcomeFromChoice } from "@/lib/domain/delivery-outcome";
import { resizeImage } from "@/lib/driver/resize-image";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TDeliveryChoice } from "@/lib/schemas/delivery-choice";
import { DELIVERED_TO_KINDS, type DeliveredToKind, type TDeliveredTo, type TDriverStatusRequest } from "@/lib/schemas/driver";
import { Button } from "../ui/button";
import { FormField } from "../ui/form-field";
import { SignaturePad } from "./signature-pad";

/**
 * "Delivered": where the parcel was left (starting from what the customer asked: the door, a
 * neighbour with name and door, a safe place — or handed over), and optional proof: a photo from
 * the camera ("Take photo" opens it; resized here, on the phone), a signature and a note. Off
 * shift, it warns first: nobody could follow a delivery made without sharing the position.
 */
export function DeliverForm({
  choice,
  onSubmit,
  onCancel,
  isOnShift,
  onStartShift,
}: {
  choice: TDeliveryChoice | null;
  onSubmit(body: TDriverStatusRequest): void;
  onCancel(): void;
  isOnShift: boolean;
  onStartShift(): void;
}) {
  const t = useMessages().driver.deliver;
  const start = outcomeFromChoice(choice);
  const asked = askedOutcome(choice);
  const [kind, setKind] = useState<DeliveredToKind>(start.kind);
  const [name, setName] = useState(start.name);
  const [door, setDoor] = useState(start.door);
  const [place, setPlace] = useState(start.place);
  const [photo, setPhoto] = useState<string | null>(null);
  const [signature, setSignature] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<"neighbour" | "place" | null>(null);
  const cameraRef = useRef<HTMLInputElement | null>(null);

  const onPhoto = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setError(null);
    if (!file) return;
    try {
      setPhoto(await resizeImage(file));
    } catch {
      setError(t.photoError);
    }
  };
  const deliveredTo = (): TDeliveredTo | null => {
    if (kind === "neighbour") return name.trim() && door.trim() ? { kind, name: name.trim(), door: door.trim() } : null;
    if (kind === "safe_place") return place.trim() ? { kind, place: place.trim() } : null;
    return { kind };
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const outcome = deliveredTo();
    if (!outcome) return setMissing(kind === "neighbour" ? "neighbour" : "place");
    const proof = photo || signature ? { ...(photo ? { photo } : {}), ...(signature ? { signature } : {}) } : undefined;
    onSubmit({ status: "delivered", deliveredTo: outcome, ...(note.trim() ? { note: note.trim() } : {}), ...(proof ? { proof } : {}) });
  };

  return (
    <form className="stop-form" onSubmit={submit} data-testid="deliver-form" noValidate>
      {!isOnShift && (
        <div className="driver-warning" role="alert" data-testid="off-shift-warning">
          <p>{t.offShiftWarning}</p>
          <Button variant="primary" onClick={onStartShift} data-testid="start-shift-now">
            {t.startShiftNow}
          </Button>
        </div>
      )}
      <fieldset className="stop-form__outcome" data-testid="delivered-to">
        <legend className="ui-field__label">{t.deliveredTo}</legend>
        {DELIVERED_TO_KINDS.map((value) => (
          <label key={value} className="stop-form__choice">
            <input
              type="radio"
              name="delivered-to"
              value={value}
              checked={kind === value}
              onChange={() => {
                setKind(value);
                setMissing(null);
              }}
            />
            <span>
              {t.outcomes[value]}
              {asked === value ? <em className="stop-form__asked"> · {t.customerAsked}</em> : null}
            </span>
          </label>
        ))}
      </fieldset>
      {kind === "neighbour" ? (
        <>
          <FormField label={t.neighbourName} error={missing === "neighbour" && !name.trim() ? t.neighbourMissing : undefined}>
            <input value={name} onChange={(event) => setName(event.target.value)} maxLength={80} autoComplete="off" />
          </FormField>
          <FormField label={t.neighbourDoor} error={missing === "neighbour" && name.trim() && !door.trim() ? t.neighbourMissing : undefined}>
            <input value={door} onChange={(event) => setDoor(event.target.value)} maxLength={80} autoComplete="off" />
          </FormField>
        </>
      ) : null}
      {kind === "safe_place" ? (
        <FormField label={t.safePlace} error={missing === "place" ? t.placeMissing : undefined}>
          <input value={place} onChange={(event) => setPlace(event.target.value)} maxLength={300} autoComplete="off" />
        </FormField>
      ) : null}
      {/* The camera, behind a button in the app's language: the file input's own "Choose File" is never shown. */}
      <input ref={cameraRef} hidden type="file" accept="image/*" capture="environment" onChange={(event) => void onPhoto(event)} data-testid="proof-photo" />
      <Button onClick={() => cameraRef.current?.click()} data-testid="take-photo">
        {photo ? t.retakePhoto : t.takePhoto}
      </Button>
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
