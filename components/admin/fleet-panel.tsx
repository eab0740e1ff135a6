"use client";
import { useMemo, useState } from "react";
import { useFleet } from "@/lib/admin/use-fleet";
import { classifyDriver } from "@/lib/domain/driver-state";
import { DriverPanel, type ShownStop } from "./driver-panel";
import { FleetMap, PAUSED_COLOUR, STATE_COLOURS } from "./fleet-map";
import { NewDriverButton } from "./new-driver-form";
import { formatTime } from "@/lib/i18n/format";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import { Card } from "../ui/card";
import { FormField } from "../ui/form-field";

/** Rows in the side list; the map shows every driver, the list the first matches of a search. */
const LIST_LIMIT = 100;

export function FleetPanel(props: { canDispatch: boolean; canMessage: boolean; tileUrl: string; tileAttribution: string; initialSelectedId?: string | null }) {
  const { canDispatch, tileUrl, tileAttribution } = props;
  const t = useAdminMessages();
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
    <div className={`admin-fleet${fleet.isPaused ? " admin-fleet--paused" : ""}`} data-paused={fleet.isPaused}>
      {fleet.isPaused && (
        // An outage must not look live: say so, and grey what is no longer current.
        <div className="admin-outage" role="status" data-testid="live-paused">
          <strong>{fleet.isBackboneDown ? t.live.backbonePaused : t.live.paused}</strong> <span>{t.live.pausedDetail}</span>
        </div>
      )}
      <FleetMap
        isPaused={fleet.isPaused}
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
          title={t.fleet.drivers}
          actions={
            <>
              <span className={`ui-badge ${fleet.isLive ? "ui-badge--live" : ""}`} data-testid="fleet-live">
                {fleet.isLive ? t.live.live : t.live.connecting} · {t.fleet.count(fleet.drivers.size)}
              </span>
              {canDispatch && <NewDriverButton />}
            </>
          }
        >
          {fleet.error && <p className="admin-error">{fleet.error}</p>}
          <FormField label={t.fleet.find}>
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
                    data-state={fleet.isPaused ? "unknown" : state}
                    data-position={driver.lat !== null && driver.lng !== null ? `${driver.lat.toFixed(4)}, ${driver.lng.toFixed(4)}` : undefined}
                    aria-pressed={driver.id === selectedId}
                    onClick={() => setSelectedId(driver.id)}
                  >
                    <span className="admin-dot" style={{ background: fleet.isPaused ? PAUSED_COLOUR : STATE_COLOURS[state] }} aria-hidden="true" />
                    <span className="admin-drivers__main">
                      <strong>{driver.name}</strong>
                      <small data-testid="fleet-driver-next">
                        {driver.nextStop ? t.fleet.next(driver.nextStop.customerName, driver.nextStop.address) : t.fleet.noStopsLeft}
                        {driver.openStops > 1 ? ` · ${t.fleet.stopsLeft(driver.openStops)}` : ""}
                      </small>
                    </span>
                    <span className="admin-drivers__side">
                      <small data-testid="fleet-driver-state">{fleet.isPaused ? t.fleet.unknownState : t.fleet.states[state]}</small>
                      <small data-testid="fleet-driver-last-seen">{driver.lastFixAt === null ? t.fleet.noPositionYet : t.fleet.seen(formatTime(driver.lastFixAt))}</small>
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
