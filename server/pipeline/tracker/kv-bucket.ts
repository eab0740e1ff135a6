/**
 * A JetStream KV bucket (stream `KV_<name>`, subjects `$KV.<name>.<key>`, one message kept per
 * key, entries expire after the bucket's TTL unless rewritten), with the compare-and-set
 * operations partition ownership needs. Written over the JetStream API directly, in the layout
 * nats.js's KV and the `nats kv` CLI use, so it works on nats-server 2.9 and on a cluster
 * without another client package.
 */
import { headers } from "@nats-io/nats-core";
import { DiscardPolicy, JetStreamApiCodes, JetStreamApiError, RetentionPolicy, StorageType, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";

const OPERATION = "KV-Operation";

export interface KvEntry {
  value: string;
  revision: number;
}

/** The server's answer to a publish whose `expect.lastSubjectSequence` no longer holds (JetStream API error 10071). */
function isWrongSequence(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamWrongLastSequence;
}

export class KvBucket {
  private readonly stream: string;
  private readonly prefix: string;

  private constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    name: string,
  ) {
    this.stream = `KV_${name}`;
    this.prefix = `$KV.${name}.`;
  }

  /** Opens the bucket, creating it when missing; `ttlMs` is how long an entry lives unless rewritten. */
  static async open(deps: { js: JetStreamClient; jsm: JetStreamManager }, name: string, options: { ttlMs: number; replicas?: number }): Promise<KvBucket> {
    const bucket = new KvBucket(deps.js, deps.jsm, name);
    const ttlNs = options.ttlMs * 1_000_000;
    const config = {
      name: bucket.stream,
      subjects: [`${bucket.prefix}>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: options.replicas ?? 1,
      max_msgs_per_subject: 1,
      max_age: ttlNs,
      duplicate_window: Math.min(ttlNs, 120_000_000_000),
      discard: DiscardPolicy.New,
      allow_rollup_hdrs: true,
      deny_delete: true,
      deny_purge: false,
      allow_direct: true,
    };
    const existing = await deps.jsm.streams.info(bucket.stream).catch(() => null);
    if (!existing) {
      await deps.jsm.streams.add(config).catch(async (error: unknown) => {
        // Another process created it first.
        if (!(await deps.jsm.streams.info(bucket.stream).catch(() => null))) throw error;
      });
    }
    return bucket;
  }

  async get(key: string): Promise<KvEntry | null> {
    const message = await this.jsm.streams.getMessage(this.stream, { last_by_subj: this.prefix + key });
    if (!message) return null;
    const operation = message.header.get(OPERATION);
    if (operation === "DEL" || operation === "PURGE") return null;
    return { value: message.string(), revision: message.seq };
  }

  /** Writes unconditionally; returns the new revision. */
  async put(key: string, value: string): Promise<number> {
    return (await this.js.publish(this.prefix + key, value, { timeout: 5_000 })).seq;
  }

  /** Writes only when the key has no live value (absent, expired or deleted); null when it has one. */
  async create(key: string, value: string): Promise<number | null> {
    try {
      return (await this.js.publish(this.prefix + key, value, { expect: { lastSubjectSequence: 0 }, timeout: 5_000 })).seq;
    } catch (error) {
      if (!isWrongSequence(error)) throw error;
    }
    // A delete marker is the last message: overwrite it, still by revision.
    const message = await this.jsm.streams.getMessage(this.stream, { last_by_subj: this.prefix + key });
    const operation = message?.header.get(OPERATION);
    if (!message || (operation !== "DEL" && operation !== "PURGE")) return null;
    return this.update(key, value, message.seq);
  }

  /** Writes only when `revision` is still the key's latest; null when someone wrote in between. */
  async update(key: string, value: string, revision: number): Promise<number | null> {
    try {
      return (await this.js.publish(this.prefix + key, value, { expect: { lastSubjectSequence: revision }, timeout: 5_000 })).seq;
    } catch (error) {
      if (isWrongSequence(error)) return null;
      throw error;
    }
  }

  /** Deletes by revision (a delete marker); false when the key moved on meanwhile. */
  async delete(key: string, revision: number): Promise<boolean> {
    const h = headers();
    h.set(OPERATION, "DEL");
    try {
      await this.js.publish(this.prefix + key, "", { headers: h, expect: { lastSubjectSequence: revision }, timeout: 5_000 });
      return true;
    } catch (error) {
      if (isWrongSequence(error)) return false;
      throw error;
    }
  }

  /** Removes a key and its history outright (no marker left). */
  async purge(key: string): Promise<void> {
    await this.jsm.streams.purge(this.stream, { filter: this.prefix + key });
  }

  /** Keys under `prefix` that have a message (expired ones are gone; delete markers count: check with get()). */
  async keys(prefix: string): Promise<string[]> {
    const info = await this.jsm.streams.info(this.stream, { subjects_filter: `${this.prefix}${prefix}>` });
    return Object.keys(info.state.subjects ?? {}).map((subject) => subject.slice(this.prefix.length));
  }
}
