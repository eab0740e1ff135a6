import assert from "node:assert/strict";
import { test } from "node:test";
import { can, STAFF_PERMISSIONS } from "./staff-permissions";

test("an admin may do everything", () => {
  for (const permission of STAFF_PERMISSIONS) assert.equal(can("admin", permission), true, permission);
});

test("support may view and message but not dispatch, delete or manage staff", () => {
  assert.equal(can("support", "view"), true);
  assert.equal(can("support", "message"), true);
  assert.equal(can("support", "dispatch"), false);
  assert.equal(can("support", "delete"), false);
  assert.equal(can("support", "manage_staff"), false);
  assert.equal(can("support", "manage_webhooks"), false);
});
