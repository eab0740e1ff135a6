"use client";
import { useMemo, useState } from "react";
import { useFleet } from "@/lib/admin/use-fleet";
import { classifyDriver } from "@/lib/domain/driver-state";
import { DriverPanel, type ShownStop } from "./driver-panel";
import { FleetMap, STATE_COLOURS } from "./fleet-map";
import { NewDriverButton } from "./new-driver-form";
import { formatTime } from "@/lib/i18n/format";
import type { DriverState } from "@/lib/domain/driver-state";
import { Card } from "../ui/card";
import { FormField } from "../ui/form-field";

const STATE_LABELS: Record<DriverState, string> = { moving: "moving", stopped: "stopped", silent: "silent", off_shift: "off shift" };

/** Rows in the side list; the map shows every driver, the list the first matches of a search. */
const LIST_LIMIT = 100;

export function FleetPanel(props: { canDispatch: boolean; canMessage: boolean; tileUrl: string; tileAttribution: string; initialSelectedId?: string | null }) {
  const { canDispatch, tileUrl, tileAttribution } = props;
  const fleet = useFleet();
  // An alert opens the dashboard on its driver.
  const [selectedId, setSelectedId] = useState<string | null>(props.initialSelectedId ?? null);
  const [search, setSearch] = useState("");
  // The selected driver's route as their panel shows it (saved or being edited), for the map.
  const [shownRoute, setShownRoute] = useState<ShownStop[] | null>(null);
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
        selectedRoute={selectedId ? shownRoute : null}
        onSelect={setSelectedId}
        tileUrl={tileUrl}
        tileAttribution={tileAttribution}
      />
      <aside className="admin-fleet__side">
        <Card
          title="Drivers"
          actions={
            <>
              <span className={`ui-badge ${fleet.isLive ? "ui-badge--live" : ""}`} data-testid="fleet-live">
                {fleet.isLive ? "live" : "connecting…"} · {fleet.drivers.size} drivers
              </span>
              {canDispatch && <NewDriverButton />}
            </>
          }
        >
          {fleet.error && <p className="admin-error">{fleet.error}</p>}
          <FormField label="Find a driver">
            <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
          </FormField>
          <ul className="admin-drivers">
            {list.map((driver) => {
              const state = classifyDriver(driver, now, fleet.silentAfterMs);
              return (
                <li key={driver.id}>
                  <button
                    type="button"
                    className="admin-drivers__item"
                    data-testid="fleet-driver"
                    data-driver-id={driver.id}
                    data-state={state}
                    data-position={driver.lat !== null && driver.lng !== null ? `${driver.lat.toFixed(4)}, ${driver.lng.toFixed(4)}` : undefined}
                    aria-pressed={driver.id === selectedId}
                    onClick={() => setSelectedId(driver.id)}
                  >
                    <span className="admin-dot" style={{ background: STATE_COLOURS[state] }} aria-hidden="true" />
                    <span className="admin-drivers__main">
                      <strong>{driver.name}</strong>
                      <small data-testid="fleet-driver-next">
                        {driver.nextStop ? `Next: ${driver.nextStop.customerName}, ${driver.nextStop.address}` : "No stops left"}
                        {driver.openStops > 1 ? ` · ${driver.openStops} stops left` : ""}
                      </small>
                    </span>
                    <span className="admin-drivers__side">
                      <small data-testid="fleet-driver-state">{STATE_LABELS[state]}</small>
                      <small data-testid="fleet-driver-last-seen">{driver.lastFixAt === null ? "no position yet" : `seen ${formatTime(driver.lastFixAt)}`}</small>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </Card>
        {selectedId && (
          <DriverPanel
            key={selectedId}
            driverId={selectedId}
            canDispatch={canDispatch}
            canMessage={props.canMessage}
            onClose={() => setSelectedId(null)}
            onRouteShown={setShownRoute}
            tileUrl={tileUrl}
            tileAttribution={tileAttribution}
          />
        )}
      </aside>
    </div>
  );
}
