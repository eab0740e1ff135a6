"use client";
import { useState, type FormEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { ZCreatedOrder, ZGeocodeAnswer, type TGeocodeResult } from "@/lib/schemas/admin-responses";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { FormField } from "../ui/form-field";
import { LocationPicker } from "./location-picker";

const EMPTY = { customerName: "", address: "", lat: "", lng: "", dueAt: "" };

/**
 * A new order: the address is searched with the configured geocoder (GEOCODER_URL) and a result
 * fills the coordinates; without one, or to correct it, click the map or type them.
 */
export function NewOrderForm({ onCreated, tileUrl, tileAttribution }: { onCreated(): void; tileUrl: string; tileAttribution: string }) {
  const [form, setForm] = useState(EMPTY);
  const [message, setMessage] = useState<string | null>(null);
  const [results, setResults] = useState<TGeocodeResult[] | null>(null);
  const [searchNote, setSearchNote] = useState<string | null>(null);
  const [isSearching, setIsSearching] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      const created = await adminFetch(ZCreatedOrder, "POST", "/api/admin/orders", {
        customerName: form.customerName,
        address: form.address,
        lat: Number(form.lat),
        lng: Number(form.lng),
        ...(form.dueAt ? { dueAt: new Date(form.dueAt).toISOString() } : {}),
      });
      setForm(EMPTY);
      setResults(null);
      setMessage(`Created. Tracking link: ${created.trackingUrl}`);
      onCreated();
    } catch (failure) {
      setMessage(errorMessage(failure));
    }
  };
  const search = async () => {
    setIsSearching(true);
    setSearchNote(null);
    try {
      const answer = await adminFetch(ZGeocodeAnswer, "GET", `/api/admin/geocode?${new URLSearchParams({ q: form.address })}`);
      if (!answer.isConfigured) setSearchNote("Address search is not set up on this server (GEOCODER_URL): click the map or type the coordinates.");
      else if (answer.results.length === 0) setSearchNote("No place found: check the address, or click the map.");
      setResults(answer.isConfigured ? answer.results : null);
    } catch (failure) {
      setSearchNote(`Address search failed (${errorMessage(failure)}): click the map or type the coordinates.`);
      setResults(null);
    } finally {
      setIsSearching(false);
    }
  };
  const pick = (result: TGeocodeResult) => {
    setForm((current) => ({ ...current, lat: String(result.lat), lng: String(result.lng) }));
    setResults(null);
    setSearchNote(`Placed at ${result.label}`);
  };
  const set = (name: keyof typeof EMPTY) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });

  return (
    <Card title="New order">
      <form className="admin-form" onSubmit={(event) => void onSubmit(event)} aria-label="New order">
        <FormField label="Customer">
          <input required value={form.customerName} onChange={set("customerName")} autoComplete="off" />
        </FormField>
        <div className="admin-address">
          <FormField label="Address" hint="Search it to place the order on the map.">
            <input required value={form.address} onChange={set("address")} autoComplete="off" />
          </FormField>
          <Button onClick={() => void search()} disabled={isSearching || form.address.trim().length < 3} data-testid="geocode-search">
            {isSearching ? "Searching…" : "Find address"}
          </Button>
        </div>
        {results && results.length > 0 && (
          <ul className="admin-geocode" data-testid="geocode-results" aria-label="Places found">
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
          <FormField label="Latitude">
            <input type="number" step="any" required value={form.lat} onChange={set("lat")} />
          </FormField>
          <FormField label="Longitude">
            <input type="number" step="any" required value={form.lng} onChange={set("lng")} />
          </FormField>
        </div>
        <LocationPicker lat={form.lat} lng={form.lng} onPick={(lat, lng) => setForm((current) => ({ ...current, lat, lng }))} tileUrl={tileUrl} tileAttribution={tileAttribution} />
        <FormField label="Due (optional)" hint="The time promised to the customer; late orders raise an alert.">
          <input type="datetime-local" value={form.dueAt} onChange={set("dueAt")} />
        </FormField>
        <Button type="submit" variant="primary">
          Create order
        </Button>
        {message && <p data-testid="new-order-message">{message}</p>}
      </form>
    </Card>
  );
}
