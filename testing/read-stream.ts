import type { JetStreamManager } from "@nats-io/jetstream";

export interface StreamMessage {
  seq: number;
  subject: string;
  /** Size of the message's data as stored. */
  bytes: number;
  data: unknown;
}

/** Every message of `stream` after `afterSeq`, in stream order (bounded by the stream's last seq when called). */
export async function readStream(jsm: JetStreamManager, stream: string, afterSeq = 0): Promise<StreamMessage[]> {
  const { state } = await jsm.streams.info(stream);
  const messages: StreamMessage[] = [];
  for (let seq = Math.max(afterSeq + 1, state.first_seq); seq <= state.last_seq; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (message) messages.push({ seq: message.seq, subject: message.subject, bytes: message.data.length, data: message.json() });
  }
  return messages;
}

export async function lastSeq(jsm: JetStreamManager, stream: string): Promise<number> {
  return (await jsm.streams.info(stream)).state.last_seq;
}
