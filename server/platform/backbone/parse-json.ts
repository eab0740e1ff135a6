/** JSON from a NATS payload, or null: a malformed message is for the schema to reject, not a throw. */
export function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
