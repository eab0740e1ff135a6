/**
 * The tracker's picture of one partition of the fleet: each driver's open stops (from the last
 * route snapshot), position, GPS filter and ETA model, and from them each order's customer view.
 * Pure (domain rules and plain data only) and deterministic: applying the same stream messages
 * in the same order gives the same state whatever process does it and however messages were
 * batched (fixes are filtered against the time the server received them, not the clock), so a
 * new owner replaying from a checkpoint rebuilds exactly what the old one had.
 *
 * Size follows open work: an order is in memory only while it is an open stop on a route of this
 * partition; it leaves when a route snapshot lists it in `left`. The whole state round-trips
 * through JSON (`snapshot()` / `FleetState.restore()`) for checkpoints.
 */
import { isDriverVisibleToCustomer, type TrackingVisibility } from "../../../lib/domain/driver-visibility";
import {
  createDriverEtaState,
  estimateArrival,
  fleetEtaPrior,
  observeArrival,
  observeDeparture,
  observeDwell,
  observeFix,
  upgradeDriverEtaState,
  type DriverEtaState,
  type EtaFleetPrior,
} from "../../../lib/domain/eta";
import { acceptFixes, createGpsFilterState, fixSpeed, type Fix, type GpsFilterState } from "../../../lib/domain/gps-filter";
import { nextOrderProgress, type OrderProgressMemory, type OrderProgressStep } from "../../../lib/domain/order-progress";
import { isFinished, isPickedUp, type OrderStatus } from "../../../lib/domain/order-status";
import { computeStopsAwayForRoute } from "../../../lib/domain/stops-away";
import type { TLocationEvent, TRouteEvent, TTrackedOrder } from "../../../lib/schemas/events";
import type { TOrderView } from "../../../lib/schemas/order-view";
import { FLEET_PRIOR_EVERY_MS } from "./fleet-prior-pool";
import { isoTime } from "./iso-times";

export interface OrderState {
  id: string;
  driverId: string;
  status: OrderStatus;
  lat: number;
  lng: number;
  address: string;
  /** ms epoch of the last status change */
  statusAt: number;
  /** ms epoch the driver arrived, for learning dwell times */
  arrivedAt: number | null;
  /** ms epoch of the (last) pick-up: a fix after it means the driver set off with the order. */
  pickedUpAt: number | null;
  /** What the customer's timeline was last told (order.progress). */
  progress: OrderProgressMemory | null;
}

export interface DriverState {
  id: string;
  /** Open stops in visiting order (order ids; each one is in `orders`). */
  stops: string[];
  position: Fix | null;
  gps: GpsFilterState;
  eta: DriverEtaState;
  /** Accepted fixes applied to this driver since the partition's first start (a check that nothing is applied twice). */
  fixesApplied: number;
}

/** A view without the fields the publisher stamps (version, updatedAt). */
export type ViewContent = Omit<TOrderView, "version" | "updatedAt">;

/** What one applied message changed. */
export interface AppliedChange {
  /** Orders in memory whose view may have changed. */
  affected: string[];
  /**
   * Stops that left a route finished (delivered, failed, cancelled) or for no route at all (taken
   * off, rescheduled): their last view, without stops or ETA, then they are gone.
   */
  finished: TTrackedOrder[];
  /** Orders that left memory (finished, moved to another driver, taken off every route). */
  evicted: string[];
  acceptedFix: Fix | null;
  /** Delivered stops, with when the driver reached the door, for settling ETA predictions. */
  delivered: { orderId: string; actualAt: number }[];
}

/**
 * A checkpoint's content. A driver's ETA model is kept without its config: restoring takes the
 * current config anyway (upgradeDriverEtaState), and the same constants in every driver's state
 * were an eighth of every checkpoint.
 */
export interface FleetSnapshot {
  drivers: (Omit<DriverState, "eta"> & { eta: Partial<DriverEtaState> })[];
  orders: OrderState[];
}

/** Accepted-fix keys kept per driver (see applyLocation). */
const RECENT_KEYS_KEPT = 8;

const NO_CHANGE = (): AppliedChange => ({ affected: [], finished: [], evicted: [], acceptedFix: null, delivered: [] });

export class FleetState {
  /** Bound: the drivers of this partition (master data, not history). */
  private readonly drivers = new Map<string, DriverState>();
  /** Bound: the open stops on this partition's routes; an order leaves with its route snapshot's `left`. */
  private readonly orders = new Map<string, OrderState>();
  /** Derived from the drivers' models, not checkpointed: what the fleet knows, for a driver who does not yet. */
  private fleetPrior: { prior: EtaFleetPrior; at: number } | null = null;
  private fleetPriorSource: ((now: number) => EtaFleetPrior) | null = null;

  constructor(private readonly visibility: TrackingVisibility) {}

  static restore(visibility: TrackingVisibility, snapshot: FleetSnapshot): FleetState {
    const state = new FleetState(visibility);
    // A checkpoint from before the learned model lacks some of its fields.
    for (const driver of snapshot.drivers) state.drivers.set(driver.id, { ...driver, eta: upgradeDriverEtaState(driver.eta) });
    for (const order of snapshot.orders) state.orders.set(order.id, order);
    return state;
  }

  /** The state as JSON text (the checkpoint's `state`): one serialisation, taken between batches. */
  serialize(): string {
    const drivers = [...this.drivers.values()].map((driver) => ({ ...driver, eta: { ...driver.eta, config: undefined } }));
    return JSON.stringify({ drivers, orders: [...this.orders.values()] } satisfies FleetSnapshot);
  }

  /** A deep copy as plain data. */
  snapshot(): FleetSnapshot {
    return JSON.parse(this.serialize()) as FleetSnapshot;
  }

  sizes(): { drivers: number; orders: number } {
    return { drivers: this.drivers.size, orders: this.orders.size };
  }

  private driver(id: string): DriverState {
    let driver = this.drivers.get(id);
    if (!driver) {
      driver = { id, stops: [], position: null, gps: createGpsFilterState(), eta: createDriverEtaState(), fixesApplied: 0 };
      this.drivers.set(id, driver);
    }
    return driver;
  }

  driverOf(driverId: string): Readonly<DriverState> | undefined {
    return this.drivers.get(driverId);
  }

  /** Every open stop in memory. */
  orderIds(): string[] {
    return [...this.orders.keys()];
  }

  hasOrder(orderId: string): boolean {
    return this.orders.has(orderId);
  }

  routeOf(driverId: string): readonly string[] {
    return this.drivers.get(driverId)?.stops ?? [];
  }

  /** Start-up from the database: a driver's last known position (no checkpoint yet). */
  loadPosition(driverId: string, fix: Fix): void {
    const driver = this.driver(driverId);
    driver.position = fix;
    driver.gps.lastAccepted = fix;
  }

  /** Applies a route snapshot: the driver's open stops now, and the stops that left. */
  applyRoute(event: TRouteEvent): AppliedChange {
    const change = NO_CHANGE();
    const driver = this.driver(event.driverId);
    for (const left of event.left) {
      const known = this.orders.get(left.orderId);
      if (known && known.driverId === event.driverId) {
        if (known.status === "arrived" && isFinished(left.status) && known.arrivedAt !== null) observeDwell(driver.eta, left.statusAt - known.arrivedAt);
        // Leaving a door starts the next leg (whose road / straight ratio the model learns).
        if (isFinished(left.status)) observeDeparture(driver.eta, driver.position ?? known, left.statusAt);
        if (left.status === "delivered") change.delivered.push({ orderId: left.orderId, actualAt: known.arrivedAt ?? left.statusAt });
        this.orders.delete(left.orderId);
        change.evicted.push(left.orderId);
      } else if (left.status === "delivered") {
        change.delivered.push({ orderId: left.orderId, actualAt: left.statusAt });
      }
      // Its view says so at this stream position: a fix applied before this snapshot cannot
      // leave an older on-route view as the newest one (the order's own unrouted event, on
      // another partition, may be read earlier or later than this).
      if (isFinished(left.status) || left.toDriverId === null) change.finished.push(left);
    }
    const open = new Set(event.stops.map((stop) => stop.orderId));
    // A stop that vanished without being listed in `left` (should not happen) leaves memory too.
    for (const id of driver.stops) {
      if (!open.has(id) && this.orders.get(id)?.driverId === event.driverId) {
        this.orders.delete(id);
        change.evicted.push(id);
      }
    }
    for (const stop of event.stops) {
      const known = this.orders.get(stop.orderId);
      const previous = known?.status ?? null;
      const order: OrderState = known ?? {
        id: stop.orderId,
        driverId: event.driverId,
        status: stop.status,
        lat: stop.lat,
        lng: stop.lng,
        address: stop.address,
        statusAt: stop.statusAt,
        arrivedAt: null,
        pickedUpAt: null,
        progress: null,
      };
      if (known && known.driverId !== event.driverId) {
        // Moved in from another driver of this partition (whose snapshot came first): start afresh.
        order.progress = null;
      }
      order.driverId = event.driverId;
      order.lat = stop.lat;
      order.lng = stop.lng;
      order.address = stop.address;
      if (stop.status === "arrived" && previous !== "arrived") {
        order.arrivedAt = stop.statusAt;
        observeArrival(driver.eta, stop);
      }
      if (stop.status === "picked_up" && previous !== "picked_up" && previous !== "arrived") {
        order.pickedUpAt = stop.statusAt;
        // Setting off with the first parcels: the first leg starts where the driver is.
        if (!driver.eta.leg && driver.position) observeDeparture(driver.eta, driver.position);
      }
      order.status = stop.status;
      order.statusAt = stop.statusAt;
      this.orders.set(order.id, order);
    }
    driver.stops = event.stops.map((stop) => stop.orderId);
    change.affected = [...driver.stops];
    return change;
  }

  /**
   * Filters and applies one raw fix (the stream holds one per message, sorted by ingest). The
   * filter's clock is the time the server received the fix, so a replay decides the same way.
   */
  applyLocation(event: TLocationEvent): AppliedChange {
    const change = NO_CHANGE();
    const driver = this.driver(event.driverId);
    const fix: Fix = { lat: event.lat, lng: event.lng, at: event.at, accuracy: event.accuracy, speed: event.speed, heading: event.heading, seq: event.seq };
    const { accepted } = acceptFixes(driver.gps, [fix], event.receivedAt);
    const applied = accepted[0];
    if (!applied) return change;
    // Standing at a door is dwell, which the model learns separately: it must not drag the speed down.
    const isDwelling = driver.stops.some((id) => this.orders.get(id)?.status === "arrived");
    const speed = fixSpeed(driver.position, applied);
    observeFix(driver.eta, applied, speed, isDwelling);
    driver.position = applied;
    driver.fixesApplied++;
    // One fix per call, in time order: an older key's fix is "stale" anyway, so a short memory of
    // keys decides alike and keeps the checkpoint small (the filter itself keeps 500).
    if (driver.gps.recentAcceptedKeys.length > RECENT_KEYS_KEPT) driver.gps.recentAcceptedKeys.splice(0, driver.gps.recentAcceptedKeys.length - RECENT_KEYS_KEPT);
    change.acceptedFix = applied;
    change.affected = [...driver.stops];
    return change;
  }

  /** Stops away of every open stop of a driver. */
  private stopsAwayOf(driver: DriverState | undefined): Map<string, number | null> {
    const route = (driver?.stops ?? []).flatMap((id) => {
      const stop = this.orders.get(id);
      return stop ? [{ orderId: id, status: stop.status }] : [];
    });
    return computeStopsAwayForRoute(route);
  }

  /**
   * The timeline milestones ("out for delivery", "2 stops away") the given orders reached with
   * the last applied message, remembered in the state (so a replay from a checkpoint finds the
   * same ones and their deterministic ids dedupe on the stream).
   */
  progressSteps(orderIds: readonly string[]): { orderId: string; step: OrderProgressStep }[] {
    const steps: { orderId: string; step: OrderProgressStep }[] = [];
    const byDriver = new Map<string, Map<string, number | null>>();
    for (const orderId of orderIds) {
      const order = this.orders.get(orderId);
      if (!order) continue;
      const driver = this.drivers.get(order.driverId);
      let stopsAway = byDriver.get(order.driverId);
      if (!stopsAway) {
        stopsAway = this.stopsAwayOf(driver);
        byDriver.set(order.driverId, stopsAway);
      }
      const position = driver?.position ?? null;
      const pickedUpAt = order.pickedUpAt ?? (isPickedUp(order.status) ? order.statusAt : null);
      const result = nextOrderProgress(order.progress ?? undefined, {
        isPickedUp: isPickedUp(order.status),
        stopsAway: stopsAway.get(orderId) ?? null,
        hasMovedSincePickup: position !== null && pickedUpAt !== null && position.at > pickedUpAt,
      });
      order.progress = result.memory ?? null;
      for (const step of result.steps) steps.push({ orderId, step });
    }
    return steps;
  }

  /** The customer view of an open stop; the driver's position only when the privacy rule allows. */
  viewOf(orderId: string, now: number): ViewContent | null {
    return this.viewsOf([orderId], now).get(orderId) ?? null;
  }

  /** Views of several open stops, stops away and open stops computed once per driver (a fix touches a whole route). */
  viewsOf(orderIds: Iterable<string>, now: number): Map<string, ViewContent> {
    const views = new Map<string, ViewContent>();
    const routes = new Map<string, RouteNow>();
    for (const orderId of orderIds) {
      const order = this.orders.get(orderId);
      if (!order) continue;
      let route = routes.get(order.driverId);
      if (!route) {
        route = this.routeNow(this.drivers.get(order.driverId));
        routes.set(order.driverId, route);
      }
      views.set(orderId, this.view(order, route, now));
    }
    return views;
  }

  /** What every view of one driver's stops shares: stops away, the open stops in order, the position as a customer may see it. */
  private routeNow(driver: DriverState | undefined): RouteNow {
    const openStops: { orderId: string; lat: number; lng: number }[] = [];
    for (const id of driver?.stops ?? []) {
      const stop = this.orders.get(id);
      if (stop && !isFinished(stop.status)) openStops.push({ orderId: id, lat: stop.lat, lng: stop.lng });
    }
    const position = driver?.position ?? null;
    return {
      driver,
      stopsAway: this.stopsAwayOf(driver),
      openStops,
      visiblePosition: position ? { lat: position.lat, lng: position.lng, at: isoTime(position.at), heading: position.heading ?? null } : null,
    };
  }

  /** This partition's drivers' learned models (for a process-wide `FleetPriorPool`). */
  *driverEtaStates(): Iterable<DriverEtaState> {
    for (const driver of this.drivers.values()) yield driver.eta;
  }

  /**
   * Where the fleet's prior comes from: by default this partition's drivers; the tracker hands
   * every partition it owns the same process-wide pool (`FleetPriorPool`), so that drivers need
   * not share a partition to learn from each other.
   */
  useFleetPrior(source: ((now: number) => EtaFleetPrior) | null): void {
    this.fleetPriorSource = source;
  }

  private fleetPriorAt(now: number): EtaFleetPrior {
    if (this.fleetPriorSource) return this.fleetPriorSource(now);
    const cached = this.fleetPrior;
    if (cached && now >= cached.at && now - cached.at < FLEET_PRIOR_EVERY_MS) return cached.prior;
    const prior = fleetEtaPrior([...this.drivers.values()].map((driver) => driver.eta));
    this.fleetPrior = { prior, at: now };
    return prior;
  }

  private view(order: OrderState, route: RouteNow, now: number): ViewContent {
    const orderId = order.id;
    const { driver } = route;
    const stopsAway = route.stopsAway.get(orderId) ?? null;
    const position = driver?.position ?? null;

    let eta: ViewContent["eta"] = null;
    let minutesAway: number | null = null;
    if (driver && stopsAway !== null && !isFinished(order.status)) {
      const index = driver.stops.indexOf(orderId);
      // The open stops before this one (an unfinished order's own entry ends the prefix).
      const before = route.openStops.findIndex((stop) => stop.orderId === orderId);
      const stopsBefore = route.openStops.slice(0, before < 0 ? route.openStops.length : before);
      const first = index > 0 ? this.orders.get(driver.stops[0] ?? "") : undefined;
      const atDoorSince = first?.status === "arrived" ? first.arrivedAt : null;
      const estimate = estimateArrival(driver.eta, { now, driverPosition: position, stopsBefore, destination: order, atDoorSince, fleet: this.fleetPriorAt(now) });
      if (estimate) {
        minutesAway = (estimate.at - now) / 60_000;
        eta = { at: isoTime(estimate.at), earliest: isoTime(estimate.earliest), latest: isoTime(estimate.latest) };
      }
    }

    // The one place a position enters a customer's view: every other path (socket replies, the
    // page's first HTML, reconnects) carries this view or one without a driver.
    const isVisible = isDriverVisibleToCustomer({ status: order.status, stopsAway, minutesAway, visibility: this.visibility });
    return {
      orderId,
      status: order.status,
      stopsAway,
      eta,
      driver: isVisible ? route.visiblePosition : null,
      destination: { lat: order.lat, lng: order.lng, address: order.address },
      statusAt: isoTime(order.statusAt),
    };
  }
}

interface RouteNow {
  driver: DriverState | undefined;
  stopsAway: Map<string, number | null>;
  /** Unfinished stops in visiting order, with where they are. */
  openStops: { orderId: string; lat: number; lng: number }[];
  visiblePosition: ViewContent["driver"];
}

/** The view of an order on no route, or one that just left its route finished: no driver, no figure. */
export function viewOfOffRoute(order: TTrackedOrder): ViewContent {
  return {
    orderId: order.orderId,
    status: order.status,
    stopsAway: null,
    eta: null,
    driver: null,
    destination: { lat: order.lat, lng: order.lng, address: order.address },
    statusAt: isoTime(order.statusAt),
  };
}
