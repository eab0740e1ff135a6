"use client";
import { useMemo, useState } from "react";
import { useFleet } from "@/lib/admin/use-fleet";
import { classifyDriver } from "@/lib/domain/driver-state";
import { DriverPanel } from "./driver-panel";
import { FleetMap, STATE_COLOURS } from "./fleet-map";
import { NewDriverForm } from "./new-driver-form";

/** Rows in the side list; the map shows every driver, the list the first matches of a search. */
const LIST_LIMIT = 100;

export function FleetPanel(props: { canDispatch: boolean; canMessage: boolean; tileUrl: string; tileAttribution: string; initialSelectedId?: string | null }) {
  const { canDispatch, tileUrl, tileAttribution } = props;
  const fleet = useFleet();
  // An alert opens the dashboard on its driver.
  const [selectedId, setSelectedId] = useState<string | null>(props.initialSelectedId ?? null);
  const [search, setSearch] = useState("");
  const now = Date.now();
  const list = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return [...fleet.drivers.values()].filter((driver) => !needle || driver.name.toLowerCase().includes(needle)).slice(0, LIST_LIMIT);
    // `revision` is listed because the fleet hook swaps its map on each tick.
  }, [fleet.drivers, fleet.revision, search]);

  return (
    <div className="admin-fleet">
      <FleetMap
        drivers={fleet.drivers}
        revision={fleet.revision}
        silentAfterMs={fleet.silentAfterMs}
        selectedId={selectedId}
        onSelect={setSelectedId}
        tileUrl={tileUrl}
        tileAttribution={tileAttribution}
      />
      <aside className="admin-fleet__side">
        <p className="admin-live" data-testid="fleet-live">
          {fleet.isLive ? "live" : "connecting…"} · {fleet.drivers.size} drivers
        </p>
        {fleet.error && <p className="admin-error">{fleet.error}</p>}
        <input type="search" placeholder="Find a driver" value={search} onChange={(event) => setSearch(event.target.value)} aria-label="Find a driver" />
        <ul className="admin-drivers">
          {list.map((driver) => {
            const state = classifyDriver(driver, now, fleet.silentAfterMs);
            return (
              <li key={driver.id}>
                <button
                  type="button"
                  data-testid="fleet-driver"
                  data-driver-id={driver.id}
                  data-state={state}
                  aria-pressed={driver.id === selectedId}
                  onClick={() => setSelectedId(driver.id)}
                >
                  <span className="admin-dot" style={{ background: STATE_COLOURS[state] }} aria-hidden="true" />
                  {driver.name} <small data-testid="fleet-driver-state">{state.replace("_", " ")}</small>
                  <small data-testid="fleet-driver-position">{driver.lat !== null && driver.lng !== null ? `${driver.lat.toFixed(4)}, ${driver.lng.toFixed(4)}` : "no fix"}</small>
                </button>
              </li>
            );
          })}
        </ul>
        {selectedId && (
          <DriverPanel key={selectedId} driverId={selectedId} canDispatch={canDispatch} canMessage={props.canMessage} onClose={() => setSelectedId(null)} tileUrl={tileUrl} tileAttribution={tileAttribution} />
        )}
        {canDispatch && <NewDriverForm />}
      </aside>
    </div>
  );
}
