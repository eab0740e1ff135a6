import assert from "node:assert/strict";
import { test } from "node:test";
import { webhookUrlProblem } from "./webhook-url";

test("http and https URLs with a host are accepted", () => {
  assert.equal(webhookUrlProblem("https://example.com/hooks/lastmile"), null);
  assert.equal(webhookUrlProblem("http://127.0.0.1:8080/x?y=1"), null);
});

test("other schemes, relative URLs, credentials and fragments are refused with a reason", () => {
  assert.match(webhookUrlProblem("ftp://example.com/x") ?? "", /only http and https/);
  assert.match(webhookUrlProblem("javascript:alert(1)") ?? "", /only http and https/);
  assert.match(webhookUrlProblem("file:///etc/passwd") ?? "", /only http and https/);
  assert.match(webhookUrlProblem("/relative/path") ?? "", /not an absolute URL/);
  assert.match(webhookUrlProblem("not a url") ?? "", /not an absolute URL/);
  assert.match(webhookUrlProblem("https://user:pass@example.com/") ?? "", /credentials/);
  assert.match(webhookUrlProblem("https://example.com/#frag") ?? "", /fragment/);
});
