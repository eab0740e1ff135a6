/**
 * Which IP addresses the server may send a request to on someone else's say-so (a webhook URL, a
 * browser's push endpoint): public unicast only. Refused: loopback, unspecified, private (RFC
 * 1918, ULA), carrier-grade NAT, link-local (169.254/16 holds the clouds' metadata service),
 * site-local, multicast, reserved, benchmarking and documentation ranges.
 *
 * An IPv6 address that carries an IPv4 address is judged by that IPv4 address: IPv4-mapped
 * (`::ffff:a.b.c.d`), SIIT-translated (`::ffff:0:a.b.c.d`), the well-known NAT64 prefix
 * (`64:ff9b::/96`) and 6to4 (`2002:AABB:CCDD::/48`), so `[::ffff:127.0.0.1]`,
 * `[64:ff9b::a9fe:a9fe]` (169.254.169.254) and `[2002:7f00:1::]` are as refused as the IPv4
 * address inside. Refused whole: IPv4-compatible `::/96` (deprecated; `::127.0.0.1` would be
 * loopback), the local-use NAT64 prefix `64:ff9b:1::/48` (RFC 8215: where the IPv4 address sits
 * depends on the site's own prefix length, and it only exists inside a private network) and
 * Teredo `2001::/32` (its client address is obfuscated, and no push service or webhook
 * receiver lives there). Pure: no framework imports; an address that does not parse is not public.
 */

type Bytes = readonly number[];

function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    // Decimal only, no leading zeros: resolvers and URL parsers give this form; others are not trusted.
    if (!/^(?:0|[1-9]\d{0,2})$/.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes.push(value);
  }
  return bytes;
}

function parseIpv6(text: string): number[] | null {
  let rest = text;
  let tail: number[] = [];
  // A dotted IPv4 address may end it (`::ffff:127.0.0.1`).
  const lastColon = rest.lastIndexOf(":");
  if (lastColon >= 0 && rest.slice(lastColon + 1).includes(".")) {
    const v4 = parseIpv4(rest.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    rest = `${rest.slice(0, lastColon + 1)}0:0`;
  }
  const halves = rest.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (half: string) => (half === "" ? [] : half.split(":"));
  const head = groupsOf(halves[0] ?? "");
  const back = halves.length === 2 ? groupsOf(halves[1] ?? "") : [];
  const missing = 8 - head.length - back.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...back];
  const bytes: number[] = [];
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    const value = parseInt(group, 16);
    bytes.push(value >> 8, value & 255);
  }
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** `network`'s first `bits` bits equal `bytes`'s. */
function inNetwork(bytes: Bytes, network: Bytes, bits: number): boolean {
  for (let index = 0; bits > 0; index++, bits -= 8) {
    const mask = bits >= 8 ? 255 : (255 << (8 - bits)) & 255;
    if (((bytes[index] ?? 0) & mask) !== ((network[index] ?? 0) & mask)) return false;
  }
  return true;
}

const NON_PUBLIC_V4: [Bytes, number][] = [
  [[0, 0, 0, 0], 8], // "this network"
  [[10, 0, 0, 0], 8], // private
  [[100, 64, 0, 0], 10], // carrier-grade NAT
  [[127, 0, 0, 0], 8], // loopback
  [[169, 254, 0, 0], 16], // link-local, cloud metadata (169.254.169.254)
  [[172, 16, 0, 0], 12], // private
  [[192, 0, 0, 0], 24], // IETF protocol assignments
  [[192, 0, 2, 0], 24], // documentation
  [[192, 88, 99, 0], 24], // 6to4 relay anycast
  [[192, 168, 0, 0], 16], // private
  [[198, 18, 0, 0], 15], // benchmarking
  [[198, 51, 100, 0], 24], // documentation
  [[203, 0, 113, 0], 24], // documentation
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved, broadcast
];

const v6 = (text: string) => parseIpv6(text)!;
const NON_PUBLIC_V6: [Bytes, number][] = [
  [v6("::"), 96], // unspecified, loopback, IPv4-compatible (deprecated)
  [v6("64:ff9b:1::"), 48], // local-use NAT64 (RFC 8215)
  [v6("100::"), 64], // discard-only
  [v6("2001::"), 32], // Teredo
  [v6("2001:2::"), 48], // benchmarking
  [v6("2001:10::"), 28], // ORCHID
  [v6("2001:20::"), 28], // ORCHIDv2
  [v6("2001:db8::"), 32], // documentation
  [v6("3fff::"), 20], // documentation (RFC 9637)
  [v6("5f00::"), 16], // segment routing SIDs
  [v6("fc00::"), 7], // unique local (private)
  [v6("fe80::"), 10], // link-local
  [v6("fec0::"), 10], // site-local (deprecated)
  [v6("ff00::"), 8], // multicast
];

/** IPv6 prefixes that carry an IPv4 address, and where it sits (byte offset). */
const CARRIES_V4: [Bytes, number, number][] = [
  [v6("::ffff:0:0"), 96, 12], // IPv4-mapped
  [v6("::ffff:0:0:0"), 96, 12], // SIIT IPv4-translated
  [v6("64:ff9b::"), 96, 12], // NAT64 well-known prefix
  [v6("2002::"), 16, 2], // 6to4
];

function isPublicV4(bytes: Bytes): boolean {
  return !NON_PUBLIC_V4.some(([network, bits]) => inNetwork(bytes, network, bits));
}

function isPublicV6(bytes: Bytes): boolean {
  for (const [network, bits, offset] of CARRIES_V4) {
    if (inNetwork(bytes, network, bits)) return isPublicV4(bytes.slice(offset, offset + 4));
  }
  return !NON_PUBLIC_V6.some(([network, bits]) => inNetwork(bytes, network, bits));
}

/** The address inside an IP literal as a URL's host or a resolver gives it (`[::1]`, `fe80::1%eth0`). */
function bareAddress(address: string): string {
  return address.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
}

/** Whether `address` is an IP literal (IPv4, or IPv6 with or without brackets). */
export function isIpLiteral(address: string): boolean {
  const bare = bareAddress(address);
  return parseIpv4(bare) !== null || (bare.includes(":") && parseIpv6(bare) !== null);
}

/** Whether `address` (an IP literal) is a public unicast address the server may connect to. */
export function isPublicAddress(address: string): boolean {
  const bare = bareAddress(address);
  const v4 = parseIpv4(bare);
  if (v4) return isPublicV4(v4);
  if (!bare.includes(":")) return false;
  const bytes = parseIpv6(bare);
  return bytes !== null && isPublicV6(bytes);
}

/** Names that mean this machine whatever DNS says (RFC 6761): refused without a lookup. */
export function isLocalHostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}
