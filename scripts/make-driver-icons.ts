// Writes the driver PWA's icons (public/icons/driver-192.png, driver-512.png) with the repo's
// PNG encoder (lib/png/encode-png.ts): a blue rounded square with a white location pin.
// Run: npx tsx scripts/make-driver-icons.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { encodePng } from "../lib/png/encode-png";

function icon(size: number): Buffer {
  const radius = size * 0.18;
  const pin = { x: size / 2, y: size * 0.42, r: size * 0.2 };
  const tipY = size * 0.78;
  const pixel = (x: number, y: number): number[] => {
    // Rounded square background (maskable-safe: the pin stays inside the central 80 %).
    const dx = Math.max(radius - x, x - (size - 1 - radius), 0);
    const dy = Math.max(radius - y, y - (size - 1 - radius), 0);
    const isInside = dx * dx + dy * dy <= radius * radius;
    // Pin: a circle plus a triangle pointing down, with a hole.
    const d = Math.hypot(x - pin.x, y - pin.y);
    const isInTriangle = y >= pin.y && y <= tipY && Math.abs(x - pin.x) <= pin.r * (1 - (y - pin.y) / (tipY - pin.y));
    if (isInside && (d <= pin.r || isInTriangle) && d > pin.r * 0.42) return [255, 255, 255, 255];
    return isInside ? [11, 92, 173, 255] : [0, 0, 0, 0];
  };
  return encodePng({ width: size, height: size, channels: 4, pixel, level: 9 });
}

mkdirSync("public/icons", { recursive: true });
for (const size of [192, 512]) writeFileSync(`public/icons/driver-${size}.png`, icon(size));
console.log("wrote public/icons/driver-192.png and driver-512.png");
