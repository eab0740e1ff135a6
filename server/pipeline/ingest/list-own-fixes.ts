import type { MsgRequest } from "@nats-io/jetstream";
import type { CoreDeps } from "../../deps";
import { STREAMS, subjects } from "../../platform/backbone/subjects";
import type { TLocationEvent } from "../../../lib/schemas/events";

/**
 * The fixes stored for one driver, oldest first, read straight from the LOCATIONS stream
 * (the phone uses it to show what arrived; tests use it to prove nothing was lost or doubled).
 */
export async function listOwnFixes(deps: Pick<CoreDeps, "jsm">, driverId: string, limit: number): Promise<Array<Pick<TLocationEvent, "seq" | "at" | "lat" | "lng" | "source">>> {
  const subject = subjects.driverLocation(driverId);
  const fixes: Array<Pick<TLocationEvent, "seq" | "at" | "lat" | "lng" | "source">> = [];
  let seq = 1;
  while (fixes.length < limit) {
    // STREAM.MSG.GET takes next_by_subj (the first message on the subject at or after seq);
    // the client's type only lists it for the direct API.
    const request = { seq, next_by_subj: subject } as unknown as MsgRequest;
    const message = await deps.jsm.streams.getMessage(STREAMS.locations, request);
    if (!message) break;
    const event = message.json<TLocationEvent>();
    fixes.push({ seq: event.seq, at: event.at, lat: event.lat, lng: event.lng, source: event.source });
    seq = message.seq + 1;
  }
  return fixes;
}
