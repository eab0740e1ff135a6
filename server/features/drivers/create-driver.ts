import { randomInt, randomUUID } from "node:crypto";
import type { TCreateDriverRequest } from "../../../lib/schemas/api";
import { generateToken, hashToken } from "../../platform/auth/tokens";
import { AlreadyTaken } from "../../platform/domain-errors";
import type { CoreDeps } from "../../deps";
import { orConflict } from "../../platform/db/unique-violation";

export interface CreatedDriver {
  id: string;
  name: string;
  trackerId: string | null;
  /** The driver's bearer token: returned once, stored only as a hash. */
  token: string;
  createdAt: string;
}

/** No 0/o, 1/l/i: the id may have to be typed into a tracker app by hand. */
const TRACKER_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
/** 22 characters of 31: about 109 bits, as unguessable as it needs to be to sign a driver's fixes. */
const TRACKER_ID_LENGTH = 22;

export function generateTrackerId(): string {
  let id = "";
  for (let i = 0; i < TRACKER_ID_LENGTH; i++) id += TRACKER_ID_ALPHABET[randomInt(TRACKER_ID_ALPHABET.length)];
  return id;
}

/** Every driver gets a tracker id: generated unless the admin chose one (see ZCreateDriverRequest). */
export async function createDriver(deps: Pick<CoreDeps, "prisma">, input: TCreateDriverRequest): Promise<CreatedDriver> {
  const token = generateToken();
  const trackerId = input.trackerId ?? generateTrackerId();
  // The unique index decides (two simultaneous requests for one id both find it free).
  const driver = await orConflict(
    () => deps.prisma.driver.create({ data: { id: randomUUID(), name: input.name, trackerId, tokenHash: hashToken(token) } }),
    () => new AlreadyTaken("tracker_id_taken", `trackerId "${trackerId}" already belongs to another driver`),
  );
  return { id: driver.id, name: driver.name, trackerId: driver.trackerId, token, createdAt: driver.createdAt.toISOString() };
}
