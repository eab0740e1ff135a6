import type { JetStreamManager } from "@nats-io/jetstream";
import { parseJsonOrNull } from "./parse-json";
import { STREAMS } from "./subjects";

/**
 * Views published before the partitioned tracker carried epoch-millisecond versions (~1.7e12);
 * versions are LOCATIONS stream sequences. A browser keeps only newer versions, so one old
 * view left in ORDER_VIEWS would hide every new view of its order. Versions that large cannot
 * come from a stream sequence in practice, so finding one at the head of the stream means the
 * data dir predates the change: the stream is purged once (the tracker republishes the views
 * of open work at its first start; other orders fall back to a view read from the database).
 */
export const LEGACY_VERSION_FLOOR = 100_000_000_000;

export async function dropLegacyViews(jsm: JetStreamManager, log: (message: string) => void = () => undefined): Promise<boolean> {
  const info = await jsm.streams.info(STREAMS.orderViews).catch(() => null);
  if (!info || info.state.messages === 0) return false;
  const first = await jsm.streams.getMessage(STREAMS.orderViews, { seq: info.state.first_seq }).catch(() => null);
  const version = (parseJsonOrNull(first?.string() ?? "") as { version?: unknown } | null)?.version;
  if (typeof version !== "number" || version < LEGACY_VERSION_FLOOR) return false;
  await jsm.streams.purge(STREAMS.orderViews);
  log(`purged ${info.state.messages} views of the previous version format from ${STREAMS.orderViews}`);
  return true;
}
