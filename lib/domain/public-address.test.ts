import assert from "node:assert/strict";
import { test } from "node:test";
import { isIpLiteral, isLocalHostName, isPublicAddress } from "./public-address";

test("public IPv4 and IPv6 unicast addresses pass", () => {
  for (const address of ["93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "[2a00:1450:4001:80b::200a]", "2001:4860:4860::8888"]) {
    assert.equal(isPublicAddress(address), true, address);
  }
});

test("loopback, private, carrier-grade NAT, link-local, metadata, multicast and reserved IPv4 are refused", () => {
  for (const address of [
    "127.0.0.1",
    "127.255.255.254",
    "0.0.0.0",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "100.64.0.1",
    "169.254.169.254",
    "192.0.0.170",
    "192.0.2.1",
    "198.18.0.1",
    "224.0.0.1",
    "255.255.255.255",
  ]) {
    assert.equal(isPublicAddress(address), false, address);
  }
});

test("IPv6 loopback, unspecified, unique-local, link-local, site-local, multicast and documentation are refused", () => {
  for (const address of ["::1", "[::1]", "::", "0:0:0:0:0:0:0:1", "fd00::1", "fc12:3456::1", "fe80::1", "fe80::1%eth0", "fec0::1", "ff02::1", "2001:db8::1", "3fff::1", "100::1"]) {
    assert.equal(isPublicAddress(address), false, address);
  }
});

test("IPv6 forms that carry a private IPv4 address are refused; the same forms carrying a public one pass", () => {
  const refused = [
    "::ffff:127.0.0.1", // IPv4-mapped, dotted
    "::ffff:7f00:1", // the same as the URL parser writes it
    "[::ffff:a9fe:a9fe]", // mapped 169.254.169.254
    "::ffff:0:10.0.0.1", // SIIT translated
    "::127.0.0.1", // IPv4-compatible, dotted
    "::7f00:1", // the same, hex (what `new URL("https://[::127.0.0.1]/")` gives)
    "::a9fe:a9fe",
    "64:ff9b::127.0.0.1", // NAT64 well-known prefix
    "64:ff9b::a9fe:a9fe",
    "64:ff9b::c0a8:101",
    "64:ff9b:1::a00:1", // local-use NAT64: refused whole
    "64:ff9b:1:0:a:a00:100::",
    "64:ff9b:1:ffff::808:808",
    "2002:7f00:1::", // 6to4 of 127.0.0.1
    "2002:c0a8:101::1", // 6to4 of 192.168.1.1
    "2002:a9fe:a9fe::1", // 6to4 of the metadata address
    "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo: refused whole
  ];
  for (const address of refused) assert.equal(isPublicAddress(address), false, address);
  for (const address of ["::ffff:8.8.8.8", "::ffff:808:808", "64:ff9b::808:808", "64:ff9b::8.8.8.8", "2002:5db8:d822::1"]) assert.equal(isPublicAddress(address), true, address);
});

test("what the URL parser makes of tricky hosts is judged by the address it means", () => {
  for (const url of [
    "https://[::127.0.0.1]/",
    "https://[::ffff:127.0.0.1]/",
    "https://[64:ff9b::169.254.169.254]/",
    "https://2130706433/",
    "https://0x7f.1/",
    "https://127.1/",
    "https://[0:0:0:0:0:ffff:7f00:1]/",
  ]) {
    const host = new URL(url).hostname;
    assert.equal(isIpLiteral(host), true, `${url} → ${host}`);
    assert.equal(isPublicAddress(host), false, `${url} → ${host}`);
  }
});

test("anything that is not an address is not public", () => {
  for (const address of ["", "example.com", "1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "::ffff:1.2.3.256", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "g::1"]) {
    assert.equal(isPublicAddress(address), false, address);
    assert.equal(isIpLiteral(address), false, address);
  }
});

test("localhost names are local whatever DNS says", () => {
  for (const name of ["localhost", "LOCALHOST", "push.localhost", "localhost."]) assert.equal(isLocalHostName(name), true, name);
  for (const name of ["localhost.example.com", "mylocalhost", "example.com"]) assert.equal(isLocalHostName(name), false, name);
});
