import type { JetStreamClient } from "@nats-io/jetstream";
import type { TGpsFix } from "../../lib/schemas/api";
import type { TLocationEvent } from "../../lib/schemas/events";
import { subjects } from "../backbone/subjects";
import { publishJson } from "../backbone/publish";
import { unavailable } from "../http/api-error";

export type FixSource = TLocationEvent["source"];

/**
 * The msgID of a fix: its device sequence when it has one, else its content. A resent batch
 * (phone back online, tracker app retrying) is then dropped by JetStream, not stored twice.
 */
export function fixMessageId(driverId: string, fix: TGpsFix): string {
  return fix.seq !== undefined ? `${driverId}:s${fix.seq}` : `${driverId}:t${fix.at}:${fix.lat}:${fix.lng}`;
}

/**
 * Publishes raw fixes to `drivers.<id>.location` and resolves once JetStream stored every one.
 * Filtering (accuracy, jumps, order) is the tracker's job: the stream keeps what the device sent.
 */
export async function ingestFixes(js: JetStreamClient, driverId: string, fixes: readonly TGpsFix[], source: FixSource): Promise<{ accepted: number; duplicates: number }> {
  const receivedAt = Date.now();
  // Publishes issued in order on one connection are stored in that order: sort first so an
  // offline phone's shuffled queue lands in time order.
  const ordered = [...fixes].sort((a, b) => a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0));
  try {
    const acks = await Promise.all(
      ordered.map((fix) => {
        const event: TLocationEvent = {
          driverId,
          lat: fix.lat,
          lng: fix.lng,
          at: fix.at,
          seq: fix.seq ?? null,
          accuracy: fix.accuracy ?? null,
          speed: fix.speed ?? null,
          heading: fix.heading ?? null,
          receivedAt,
          source,
        };
        return publishJson(js, subjects.driverLocation(driverId), event, fixMessageId(driverId, fix));
      }),
    );
    const duplicates = acks.filter((ack) => ack.duplicate).length;
    return { accepted: acks.length - duplicates, duplicates };
  } catch (error) {
    throw unavailable(`fixes were not stored, send them again: ${(error as Error).message}`);
  }
}
