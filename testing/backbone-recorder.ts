/**
 * Everything published on a nats-server's account, as a test sees it: a subscriber on `>` from
 * its own connection, each message kept with its text and msgID, until `stop()`.
 */
import { connectNats } from "../server/platform/backbone/backbone";

export interface RecordedMessage {
  subject: string;
  text: string;
  /** The `Nats-Msg-Id` header (JetStream's dedupe key), or null. */
  msgId: string | null;
}

export interface BackboneRecorder {
  readonly seen: readonly RecordedMessage[];
  /** Resolves once the server has everything published before the call. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export async function recordBackbone(url: string, name: string): Promise<BackboneRecorder> {
  const connection = await connectNats(url, name);
  const subscription = connection.subscribe(">");
  const seen: RecordedMessage[] = [];
  const collecting = (async () => {
    for await (const message of subscription) seen.push({ subject: message.subject, text: message.string(), msgId: message.headers?.get("Nats-Msg-Id") || null });
  })();
  await connection.flush();
  return {
    seen,
    flush: () => connection.flush(),
    async stop() {
      subscription.unsubscribe();
      await collecting;
      await connection.close();
    },
  };
}
