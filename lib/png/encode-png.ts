/**
 * The one hand-written PNG encoder (Node only: node:zlib), so nothing needs an image library:
 * the driver PWA's icons (scripts/make-driver-icons.ts), the proof images of the node tests
 * (testing/tiny-png.ts) and the photo the e2e driver spec uploads.
 */
import { deflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

export interface PngImage {
  width: number;
  height: number;
  /** 3: RGB, 4: RGBA; 8 bits per channel. */
  channels: 3 | 4;
  /** The colour of a pixel, `channels` values 0–255. */
  pixel: (x: number, y: number) => readonly number[];
  /** zlib level of the image data (default: zlib's). */
  level?: number;
}

/** A valid 8-bit PNG (RGB or RGBA, no filter), built by hand. */
export function encodePng({ width, height, channels, pixel, level }: PngImage): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * channels); // filter byte 0: none
    for (let x = 0; x < width; x++) {
      const colour = pixel(x, y);
      for (let c = 0; c < channels; c++) row[1 + x * channels + c] = colour[c] ?? 0;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = channels === 4 ? 6 : 2; // RGBA or RGB
  return Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.concat(rows), level === undefined ? {} : { level })), chunk("IEND", Buffer.alloc(0))]);
}
