// Writes the driver PWA's icons (public/icons/driver-192.png, driver-512.png) with node:zlib
// alone: a blue rounded square with a white location pin. Run: node scripts/make-driver-icons.mjs
import { writeFileSync, mkdirSync } from "node:fs";
import { deflateSync } from "node:zlib";

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc(body), 8 + data.length);
  return out;
};

function icon(size) {
  const rows = [];
  const radius = size * 0.18;
  const pin = { x: size / 2, y: size * 0.42, r: size * 0.2 };
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      // Rounded square background (maskable-safe: the pin stays inside the central 80 %).
      const dx = Math.max(radius - x, x - (size - 1 - radius), 0);
      const dy = Math.max(radius - y, y - (size - 1 - radius), 0);
      const inside = dx * dx + dy * dy <= radius * radius;
      let [r, g, b, a] = inside ? [11, 92, 173, 255] : [0, 0, 0, 0];
      // Pin: a circle plus a triangle pointing down, with a hole.
      const d = Math.hypot(x - pin.x, y - pin.y);
      const tipY = size * 0.78;
      const inTriangle = y >= pin.y && y <= tipY && Math.abs(x - pin.x) <= pin.r * (1 - (y - pin.y) / (tipY - pin.y));
      if (inside && (d <= pin.r || inTriangle) && d > pin.r * 0.42) [r, g, b, a] = [255, 255, 255, 255];
      row[1 + x * 4] = r;
      row[2 + x * 4] = g;
      row[3 + x * 4] = b;
      row[4 + x * 4] = a;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

mkdirSync("public/icons", { recursive: true });
for (const size of [192, 512]) writeFileSync(`public/icons/driver-${size}.png`, icon(size));
console.log("wrote public/icons/driver-192.png and driver-512.png");
