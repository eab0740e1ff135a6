/**
 * Patches that rely on a library's internals or undocumented behaviour, each with its measured
 * need, a version-range check at start-up and a test that fails when it stops applying:
 * - engine-io-upgrade-request.ts: sockets let engine.io's upgrade request and stand-in response go (heap);
 * - socket-own-room.ts: sockets leave Socket.IO's own-id room (heap);
 * - prisma-migrations.ts: the format of Prisma's `_prisma_migrations` history that server/platform/db/migrate.ts writes;
 * - pg-connection-errors.ts: pg's codeless connection errors, told by message (server/platform/db/database-unavailable.ts);
 * - pglite-socket-writes.ts: one write per statement's answer from PGlite's socket server (server/platform/db/serve-pglite.ts);
 * - pglite-socket-sessions.ts: PGlite's session kept by one connection from a statement's first message to its Sync.
 */
import { checkUpgradeRequestPatch } from "./engine-io-upgrade-request";
import { checkPgConnectionErrors } from "./pg-connection-errors";
import { checkPgliteSocketWritesPatch } from "./pglite-socket-writes";
import { checkPrismaMigrationsFormat } from "./prisma-migrations";
import { checkOwnRoomPatch } from "./socket-own-room";

/** Warns about each library outside its patch's tested range; throws PatchCannotApply when a patch cannot apply. */
export function checkLibraryPatches(warn: (message: string) => void): void {
  checkUpgradeRequestPatch(warn);
  checkOwnRoomPatch(warn);
  checkPrismaMigrationsFormat(warn);
  checkPgConnectionErrors(warn);
  checkPgliteSocketWritesPatch(warn);
}
