import assert from "node:assert/strict";
import { test } from "node:test";
import { pushEndpointProblem } from "./push-endpoint";

const strict = { allowPrivate: false };

test("the push services browsers use pass", () => {
  for (const endpoint of ["https://fcm.googleapis.com/fcm/send/abc:def", "https://updates.push.services.mozilla.com/wpush/v2/gAAA", "https://web.push.apple.com/QGx", "https://93.184.216.34/push/1"]) {
    assert.equal(pushEndpointProblem(endpoint, strict), null, endpoint);
  }
});

test("not https, no host or credentials: malformed", () => {
  for (const endpoint of ["http://fcm.googleapis.com/fcm/send/abc", "ftp://push.example.com/x", "not a url", "https://user:pw@push.example.com/x"]) {
    assert.equal(pushEndpointProblem(endpoint, strict)?.kind, "malformed", endpoint);
  }
});

test("loopback, private, link-local, metadata and translated addresses: private, whatever form the URL writes them in", () => {
  for (const endpoint of [
    "https://127.0.0.1/x",
    "https://2130706433/x",
    "https://0x7f.0.0.1/x",
    "https://localhost/x",
    "https://a.b.localhost/x",
    "https://169.254.169.254/x",
    "https://[::1]/x",
    "https://[::ffff:127.0.0.1]/x",
    "https://[::127.0.0.1]/x",
    "https://[64:ff9b::169.254.169.254]/x",
    "https://[64:ff9b:1::a00:1]/x",
    "https://[2002:a9fe:a9fe::]/x",
    "https://[fd12::1]/x",
  ]) {
    const problem = pushEndpointProblem(endpoint, strict);
    assert.equal(problem?.kind, "private", endpoint);
    assert.match(problem?.message ?? "", /loopback, private, link-local or reserved/);
  }
});

test("the tests' loopback push service is let through when allowed, still only http(s)", () => {
  assert.equal(pushEndpointProblem("http://127.0.0.1:4000/push/1", { allowPrivate: true }), null);
  assert.equal(pushEndpointProblem("ftp://127.0.0.1/push/1", { allowPrivate: true })?.kind, "malformed");
});
