/**
 * Web Mercator (EPSG:3857) as slippy-map tiles use it, for drawing a map as plain elements (the
 * tracking page's first map, before Leaflet). Pure: no framework imports. The formulas are
 * Leaflet's own (its `SphericalMercator` projection, `getBoundsZoom` and `fitBounds`), so Leaflet
 * taking over at the same centre and zoom shows the same picture.
 */
import type { LatLng } from "./geo";

export const TILE_SIZE = 256;
/** Leaflet's projection stops here: beyond it the map would be infinitely tall. */
const MAX_LATITUDE = 85.0511287798;

export type Point = { x: number; y: number };
export type Size = { width: number; height: number };
export type MapView = { center: LatLng; zoom: number };

/** The world-pixel position of a point at a zoom: 0,0 is the north-west corner of the world. */
export function project(point: LatLng, zoom: number): Point {
  const scale = TILE_SIZE * 2 ** zoom;
  const lat = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, point.lat));
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    x: scale * (0.5 + point.lng / 360),
    y: scale * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)),
  };
}

/** The inverse of `project`. */
export function unproject(point: Point, zoom: number): LatLng {
  const scale = TILE_SIZE * 2 ** zoom;
  const lng = (point.x / scale - 0.5) * 360;
  const n = Math.PI * (1 - (2 * point.y) / scale);
  return { lat: (Math.atan(Math.sinh(n)) * 180) / Math.PI, lng };
}

/** Where a point is drawn, in pixels from the centre of a map showing `view`. */
export function offsetFromCenter(point: LatLng, view: MapView): Point {
  const at = project(point, view.zoom);
  const center = project(view.center, view.zoom);
  return { x: at.x - center.x, y: at.y - center.y };
}

export interface FitOptions {
  /** Pixels kept free at the top-left and bottom-right (markers stand above their point, notices sit below). */
  paddingTopLeft: [number, number];
  paddingBottomRight: [number, number];
  maxZoom: number;
  minZoom?: number;
}

/**
 * The view that shows every point inside the map's size less its padding: the largest whole zoom
 * at which they fit (at most `maxZoom`), centred on their bounds shifted by the padding's
 * difference, as Leaflet's `fitBounds` does with whole-number zooms.
 */
export function fitView(points: readonly LatLng[], size: Size, options: FitOptions): MapView {
  if (points.length === 0) throw new Error("fitView needs at least one point");
  const minZoom = options.minZoom ?? 0;
  const [left, top] = options.paddingTopLeft;
  const [right, bottom] = options.paddingBottomRight;
  const room = { width: Math.max(1, size.width - left - right), height: Math.max(1, size.height - top - bottom) };
  // Measured at zoom 0: a whole zoom level doubles the size.
  const world = points.map((point) => project(point, 0));
  const xs = world.map((point) => point.x);
  const ys = world.map((point) => point.y);
  const spanX = Math.max(...xs) - Math.min(...xs);
  const spanY = Math.max(...ys) - Math.min(...ys);
  const scale = Math.min(spanX === 0 ? Infinity : room.width / spanX, spanY === 0 ? Infinity : room.height / spanY);
  // Within 1 % of a whole level counts as that level (Leaflet's snap), then down to a whole zoom.
  const zoom = Number.isFinite(scale) ? Math.max(minZoom, Math.min(options.maxZoom, Math.floor(Math.round(Math.log2(scale) * 100) / 100))) : options.maxZoom;

  const corner = (pick: (values: number[]) => number) => ({ x: pick(world.map((point) => point.x)) * 2 ** zoom, y: pick(world.map((point) => point.y)) * 2 ** zoom });
  const northWest = corner((values) => Math.min(...values));
  const southEast = corner((values) => Math.max(...values));
  const shift = { x: (right - left) / 2, y: (bottom - top) / 2 };
  const center = unproject({ x: (northWest.x + southEast.x) / 2 + shift.x, y: (northWest.y + southEast.y) / 2 + shift.y }, zoom);
  return { center, zoom };
}

/** True when `point` lies inside the map's size shrunk by `inset` of it on every side (Leaflet's `getBounds().pad(-inset)`). */
export function isInView(point: LatLng, view: MapView, size: Size, inset = 0): boolean {
  const offset = offsetFromCenter(point, view);
  const halfWidth = (size.width / 2) * (1 - 2 * inset);
  const halfHeight = (size.height / 2) * (1 - 2 * inset);
  return Math.abs(offset.x) <= halfWidth && Math.abs(offset.y) <= halfHeight;
}

export interface Tile {
  /** `z/x/y`: the same tile keeps its element when the view moves. */
  key: string;
  z: number;
  x: number;
  y: number;
  /** Its top-left corner in pixels from the map's centre, and its side, in CSS pixels. */
  left: number;
  top: number;
  size: number;
}

/**
 * The tiles that cover a map of `size` showing `view`. With `zoomOffset` 1 (as Leaflet's
 * `detectRetina` on a high-density screen) they come from the next zoom and are drawn at half
 * their 256 px, so a phone's 2× screen gets sharp images. Tiles off the world's top or bottom are
 * left out; columns wrap round the date line.
 */
export function tilesFor(view: MapView, size: Size, zoomOffset = 0): Tile[] {
  const z = Math.round(view.zoom) + zoomOffset;
  const drawn = (TILE_SIZE * 2 ** view.zoom) / 2 ** z;
  const center = project(view.center, view.zoom);
  const first = { x: Math.floor((center.x - size.width / 2) / drawn), y: Math.floor((center.y - size.height / 2) / drawn) };
  const last = { x: Math.floor((center.x + size.width / 2 - 1e-9) / drawn), y: Math.floor((center.y + size.height / 2 - 1e-9) / drawn) };
  const count = 2 ** z;
  const tiles: Tile[] = [];
  for (let y = first.y; y <= last.y; y++) {
    if (y < 0 || y >= count) continue;
    for (let x = first.x; x <= last.x; x++) {
      const wrapped = ((x % count) + count) % count;
      tiles.push({ key: `${z}/${x}/${y}`, z, x: wrapped, y, left: x * drawn - center.x, top: y * drawn - center.y, size: drawn });
    }
  }
  return tiles;
}

/**
 * A tile's address from a Leaflet URL template: `{z}`, `{x}`, `{y}`, `{s}` (a subdomain of "abc",
 * chosen as Leaflet does, so the browser's cache serves both maps) and `{r}` (empty: the density
 * comes from `zoomOffset`). Other placeholders are left as they are.
 */
export function tileUrl(template: string, tile: Pick<Tile, "x" | "y" | "z">, subdomains = "abc"): string {
  const values: Record<string, string> = {
    z: String(tile.z),
    x: String(tile.x),
    y: String(tile.y),
    s: subdomains.charAt(Math.abs(tile.x + tile.y) % subdomains.length),
    r: "",
  };
  return template.replace(/\{ *([\w_-]+) *\}/g, (match, name: string) => values[name] ?? match);
}
