"use client";
import { useState, type FormEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import { ZCreatedOrder, ZGeocodeAnswer, type TGeocodeResult } from "@/lib/schemas/admin-responses";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { FormField } from "../ui/form-field";
import { LocationPicker } from "./location-picker";

const EMPTY = { customerName: "", address: "", lat: "", lng: "", dueAt: "", driverId: "" };

/**
 * A new order. With a geocoder (GEOCODER_URL) the address is searched and a result fills the
 * coordinates; without one the form promises no search: type the coordinates or click the map
 * (and, when the map has no background, it says a click is only approximate). A driver may be
 * chosen (the order goes last on their route). The answer is the full tracking link, to copy or open.
 */
export function NewOrderForm(props: { onCreated(): void; tileUrl: string; tileAttribution: string; isGeocoderConfigured: boolean; drivers: readonly { id: string; name: string }[] }) {
  const { onCreated, tileUrl, tileAttribution, isGeocoderConfigured, drivers } = props;
  const t = useAdminMessages();
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ customerName: string; link: string } | null>(null);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");
  const [results, setResults] = useState<TGeocodeResult[] | null>(null);
  const [searchNote, setSearchNote] = useState<string | null>(null);
  const [isSearching, setIsSearching] = useState(false);
  const [hasTiles, setHasTiles] = useState(true);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setCreated(null);
    try {
      const answer = await adminFetch(ZCreatedOrder, "POST", "/api/admin/orders", {
        customerName: form.customerName,
        address: form.address,
        lat: Number(form.lat),
        lng: Number(form.lng),
        ...(form.driverId ? { driverId: form.driverId } : {}),
        ...(form.dueAt ? { dueAt: new Date(form.dueAt).toISOString() } : {}),
      });
      // Absolute whatever the server sent (relative unless PUBLIC_URL is set): this is what the customer receives.
      setCreated({ customerName: form.customerName, link: new URL(answer.trackingUrl, window.location.origin).toString() });
      setCopyState("idle");
      setForm(EMPTY);
      setResults(null);
      setSearchNote(null);
      onCreated();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const search = async () => {
    setIsSearching(true);
    setSearchNote(null);
    try {
      const answer = await adminFetch(ZGeocodeAnswer, "GET", `/api/admin/geocode?${new URLSearchParams({ q: form.address })}`);
      if (answer.isConfigured && answer.results.length === 0) setSearchNote(t.newOrder.noPlace);
      setResults(answer.isConfigured ? answer.results : null);
    } catch (failure) {
      setSearchNote(t.newOrder.searchFailed(errorMessage(failure)));
      setResults(null);
    } finally {
      setIsSearching(false);
    }
  };
  const pick = (result: TGeocodeResult) => {
    setForm((current) => ({ ...current, lat: String(result.lat), lng: String(result.lng) }));
    setResults(null);
    setSearchNote(t.newOrder.placedAt(result.label));
  };
  const copy = async (link: string) => {
    try {
      await navigator.clipboard.writeText(link);
      setCopyState("copied");
    } catch {
      setCopyState("failed");
    }
  };
  const set = (name: keyof typeof EMPTY) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });

  return (
    <Card title={t.newOrder.title}>
      <form className="admin-form" onSubmit={(event) => void onSubmit(event)} aria-label={t.newOrder.title}>
        <FormField label={t.newOrder.customer}>
          <input required value={form.customerName} onChange={set("customerName")} autoComplete="off" />
        </FormField>
        <div className="admin-address">
          <FormField label={t.newOrder.address} hint={isGeocoderConfigured ? t.newOrder.addressHintSearch : t.newOrder.addressHintNoSearch}>
            <input required value={form.address} onChange={set("address")} autoComplete="off" />
          </FormField>
          {isGeocoderConfigured && (
            <Button onClick={() => void search()} disabled={isSearching || form.address.trim().length < 3} data-testid="geocode-search">
              {isSearching ? t.newOrder.searching : t.newOrder.find}
            </Button>
          )}
        </div>
        {results && results.length > 0 && (
          <ul className="admin-geocode" data-testid="geocode-results" aria-label={t.newOrder.results}>
            {results.map((result) => (
              <li key={`${result.lat},${result.lng},${result.label}`}>
                <Button variant="link" onClick={() => pick(result)} data-testid="geocode-result">
                  {result.label}
                </Button>
              </li>
            ))}
          </ul>
        )}
        {searchNote && (
          <p className="admin-muted" role="status" data-testid="geocode-note">
            {searchNote}
          </p>
        )}
        <div className="admin-form__row">
          <FormField label={t.newOrder.latitude}>
            <input type="number" step="any" required value={form.lat} onChange={set("lat")} />
          </FormField>
          <FormField label={t.newOrder.longitude}>
            <input type="number" step="any" required value={form.lng} onChange={set("lng")} />
          </FormField>
        </div>
        {!hasTiles && (
          <p className="admin-warning" role="status" data-testid="picker-no-tiles">
            {t.newOrder.noTiles}
          </p>
        )}
        <LocationPicker
          lat={form.lat}
          lng={form.lng}
          onPick={(lat, lng) => setForm((current) => ({ ...current, lat, lng }))}
          tileUrl={tileUrl}
          tileAttribution={tileAttribution}
          label={t.newOrder.pickerLabel}
          tilesUnavailableText={t.fleet.tilesUnavailable}
          onTilesAvailability={setHasTiles}
        />
        <FormField label={t.newOrder.driver} hint={t.newOrder.driverHint}>
          <select value={form.driverId} onChange={set("driverId")} data-testid="new-order-driver">
            <option value="">{t.newOrder.driverNone}</option>
            {drivers.map((driver) => (
              <option key={driver.id} value={driver.id}>
                {driver.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t.newOrder.due} hint={t.newOrder.dueHint}>
          <input type="datetime-local" value={form.dueAt} onChange={set("dueAt")} />
        </FormField>
        <Button type="submit" variant="primary">
          {t.newOrder.create}
        </Button>
        {error && (
          <p className="admin-error" role="alert" data-testid="new-order-error">
            {error}
          </p>
        )}
        {created && (
          <div role="status" data-testid="new-order-message">
            <p>{t.newOrder.created(created.customerName)}</p>
            <div className="admin-link">
              <code data-testid="new-order-link" aria-label={t.newOrder.linkLabel}>
                {created.link}
              </code>
              <Button size="sm" onClick={() => void copy(created.link)} data-testid="new-order-copy">
                {copyState === "copied" ? t.newOrder.copied : t.newOrder.copy}
              </Button>
              <a className="ui-button ui-button--secondary ui-button--sm" href={created.link} target="_blank" rel="noopener noreferrer" data-testid="new-order-open">
                {t.newOrder.open}
              </a>
            </div>
            {copyState === "failed" && <p className="admin-error">{t.newOrder.copyFailed}</p>}
          </div>
        )}
      </form>
    </Card>
  );
}
