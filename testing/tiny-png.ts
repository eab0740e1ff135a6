import { encodePng } from "../lib/png/encode-png";

/** A real 1×1 PNG (one red pixel), so the tests need no image library. */
export function tinyPng(): Buffer {
  return encodePng({ width: 1, height: 1, channels: 3, pixel: () => [200, 30, 30] });
}
/** The PNG as the driver app sends it (a data URL). */
export const pngDataUrl = (bytes = tinyPng()) => `data:image/png;base64,${bytes.toString("base64")}`;
