/**
 * The tracker's picture of the fleet: each driver's route and position, each order's status,
 * and from them each order's customer view. Pure (domain rules and plain data only), so the
 * privacy rule and stops away are unit-tested without servers.
 */
import { isDriverVisibleToCustomer } from "../../lib/domain/driver-visibility";
import { createDriverEtaState, estimateArrival, observeDwell, observeSpeed, type DriverEtaState } from "../../lib/domain/eta";
import { acceptFixes, createGpsFilterState, fixSpeed, type Fix, type GpsFilterState } from "../../lib/domain/gps-filter";
import type { OrderProgressInput } from "../../lib/domain/order-progress";
import { isFinished, isPickedUp, type OrderStatus } from "../../lib/domain/order-status";
import { computeStopsAwayForRoute } from "../../lib/domain/stops-away";
import type { TLocationEvent, TOrderEvent } from "../../lib/schemas/events";
import type { TOrderView } from "../../lib/schemas/order-view";

export interface OrderState {
  id: string;
  status: OrderStatus;
  driverId: string | null;
  lat: number;
  lng: number;
  address: string;
  /** ms epoch of the last status change */
  statusAt: number;
  /** ms epoch the driver arrived, for learning dwell times */
  arrivedAt: number | null;
  /** ms epoch of the (last) pick-up: a fix after it means the driver set off with the order. */
  pickedUpAt?: number | null;
}

interface DriverState {
  id: string;
  route: string[];
  position: Fix | null;
  gps: GpsFilterState;
  eta: DriverEtaState;
}

/** A view without the fields the publisher stamps (version, updatedAt). */
export type ViewContent = Omit<TOrderView, "version" | "updatedAt">;

export class FleetState {
  private readonly orders = new Map<string, OrderState>();
  private readonly drivers = new Map<string, DriverState>();

  constructor(private readonly visibleStops: number) {}

  private driver(id: string): DriverState {
    let driver = this.drivers.get(id);
    if (!driver) {
      driver = { id, route: [], position: null, gps: createGpsFilterState(), eta: createDriverEtaState() };
      this.drivers.set(id, driver);
    }
    return driver;
  }

  hasOrder(orderId: string): boolean {
    return this.orders.has(orderId);
  }

  loadOrder(order: OrderState): void {
    this.orders.set(order.id, order);
  }

  loadRoute(driverId: string, route: string[]): void {
    this.driver(driverId).route = route;
  }

  loadPosition(driverId: string, fix: Fix): void {
    const driver = this.driver(driverId);
    driver.position = fix;
    driver.gps.lastAccepted = fix;
  }

  routeOf(driverId: string): readonly string[] {
    return this.drivers.get(driverId)?.route ?? [];
  }

  /** Applies an order event; returns the orders whose view may have changed. */
  applyOrderEvent(event: TOrderEvent): string[] {
    const order = this.orders.get(event.orderId);
    switch (event.type) {
      case "order.created": {
        this.orders.set(event.orderId, {
          id: event.orderId,
          status: event.status,
          driverId: order?.driverId ?? null,
          lat: event.lat,
          lng: event.lng,
          address: event.address,
          statusAt: event.at,
          arrivedAt: null,
        });
        return [event.orderId];
      }
      case "order.status_changed": {
        if (!order) return [];
        if (event.to === "arrived") order.arrivedAt = event.at;
        if (event.to === "picked_up" && order.status !== "arrived") order.pickedUpAt = event.at;
        if (order.status === "arrived" && isFinished(event.to) && order.arrivedAt !== null && order.driverId) {
          observeDwell(this.driver(order.driverId).eta, event.at - order.arrivedAt);
        }
        order.status = event.to;
        order.statusAt = event.at;
        // A finished stop changes stops away and ETA for everyone after it on the route.
        return order.driverId ? [...this.routeOf(order.driverId)] : [event.orderId];
      }
      case "order.route_changed": {
        const affected = new Set<string>([event.orderId, ...(event.route ?? [])]);
        if (order && order.driverId && order.driverId !== event.driverId) {
          const previous = this.driver(order.driverId);
          previous.route = previous.route.filter((id) => id !== event.orderId);
          for (const id of previous.route) affected.add(id);
        }
        if (order) order.driverId = event.driverId;
        if (event.driverId && event.route) this.driver(event.driverId).route = [...event.route];
        return [...affected];
      }
      // Progress, instructions, ratings and tracking-link changes alter nothing the tracker computes.
      default:
        return [];
    }
  }

  /** When the driver reached the order's door (the last "arrived"), if the tracker saw it. */
  arrivedAtOf(orderId: string): number | null {
    return this.orders.get(orderId)?.arrivedAt ?? null;
  }

  /** What the customer's timeline progress needs: the stops-away figure and whether the driver moved since pick-up. */
  progressOf(orderId: string, stopsAway: number | null): OrderProgressInput | null {
    const order = this.orders.get(orderId);
    if (!order) return null;
    const position = order.driverId ? (this.drivers.get(order.driverId)?.position ?? null) : null;
    const pickedUpAt = order.pickedUpAt ?? (isPickedUp(order.status) ? order.statusAt : null);
    return {
      isPickedUp: isPickedUp(order.status),
      stopsAway,
      hasMovedSincePickup: position !== null && pickedUpAt !== null && position.at > pickedUpAt,
    };
  }

  /** Filters and applies a batch of one driver's raw fixes; returns the orders whose view may have changed. */
  applyLocations(driverId: string, events: readonly TLocationEvent[], now: number): { acceptedFixes: Fix[]; affected: string[] } {
    const driver = this.driver(driverId);
    const fixes: Fix[] = events.map((event) => ({
      lat: event.lat,
      lng: event.lng,
      at: event.at,
      accuracy: event.accuracy,
      speed: event.speed,
      heading: event.heading,
      seq: event.seq,
    }));
    const { accepted } = acceptFixes(driver.gps, fixes, now);
    // Standing at a door is dwell, which the model learns separately: it must not drag the speed down.
    const isDwelling = driver.route.some((id) => this.orders.get(id)?.status === "arrived");
    for (const fix of accepted) {
      const speed = fixSpeed(driver.position, fix);
      if (speed !== null && !isDwelling) observeSpeed(driver.eta, speed, fix.at);
      driver.position = fix;
    }
    return { acceptedFixes: accepted, affected: accepted.length ? [...driver.route] : [] };
  }

  /** The customer view of an order; the driver's position only when the privacy rule allows. */
  viewOf(orderId: string, now: number): ViewContent | null {
    const order = this.orders.get(orderId);
    if (!order) return null;
    const driver = order.driverId ? this.drivers.get(order.driverId) : undefined;
    const routeStates = (driver?.route ?? []).flatMap((id) => {
      const stop = this.orders.get(id);
      return stop ? [{ orderId: id, status: stop.status }] : [];
    });
    const stopsAway = driver ? (computeStopsAwayForRoute(routeStates).get(orderId) ?? null) : null;
    const isVisible = isDriverVisibleToCustomer({ status: order.status, stopsAway, visibleStops: this.visibleStops });
    const position = driver?.position ?? null;

    let eta: ViewContent["eta"] = null;
    if (driver && stopsAway !== null && !isFinished(order.status)) {
      const index = driver.route.indexOf(orderId);
      const stopsBefore = driver.route
        .slice(0, Math.max(0, index))
        .flatMap((id) => {
          const stop = this.orders.get(id);
          return stop && !isFinished(stop.status) ? [{ lat: stop.lat, lng: stop.lng }] : [];
        });
      const estimate = estimateArrival(driver.eta, { now, driverPosition: position, stopsBefore, destination: order });
      if (estimate) {
        eta = {
          at: new Date(estimate.at).toISOString(),
          earliest: new Date(estimate.earliest).toISOString(),
          latest: new Date(estimate.latest).toISOString(),
        };
      }
    }

    return {
      orderId,
      status: order.status,
      stopsAway,
      eta,
      driver:
        isVisible && position
          ? { lat: position.lat, lng: position.lng, at: new Date(position.at).toISOString(), heading: position.heading ?? null }
          : null,
      destination: { lat: order.lat, lng: order.lng, address: order.address },
      statusAt: new Date(order.statusAt).toISOString(),
    };
  }
}
