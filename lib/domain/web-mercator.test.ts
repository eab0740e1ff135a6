import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fitView, isInView, offsetFromCenter, project, tileUrl, tilesFor, unproject, TILE_SIZE } from "./web-mercator";

const SOL = { lat: 40.4168, lng: -3.7038 };
const near = (actual: number, expected: number, tolerance = 1e-6) => assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected} ± ${tolerance}`);
const FIT = { paddingTopLeft: [40, 64] as [number, number], paddingBottomRight: [40, 72] as [number, number], maxZoom: 16 };

describe("project and unproject", () => {
  it("puts 0,0 in the middle of the world and the date line at its edges", () => {
    assert.deepEqual(project({ lat: 0, lng: 0 }, 0), { x: 128, y: 128 });
    near(project({ lat: 0, lng: -180 }, 1).x, 0);
    near(project({ lat: 0, lng: 180 }, 1).x, 512);
  });
  it("finds the slippy-map tile of a place (Puerta del Sol at zoom 15 is tile 16046/12355)", () => {
    const at = project(SOL, 15);
    assert.equal(Math.floor(at.x / TILE_SIZE), 16046);
    assert.equal(Math.floor(at.y / TILE_SIZE), 12355);
    // The pixel inside that tile, from the standard formula's fractional tile (16046.8719, 12355.6050).
    near(at.x - 16046 * TILE_SIZE, 0.871893 * TILE_SIZE, 1e-3);
    near(at.y - 12355 * TILE_SIZE, 0.605009 * TILE_SIZE, 1e-3);
  });
  it("comes back to the same place", () => {
    const back = unproject(project(SOL, 15), 15);
    near(back.lat, SOL.lat, 1e-9);
    near(back.lng, SOL.lng, 1e-9);
  });
  it("keeps the poles on the map (Mercator's limit)", () => {
    assert.ok(Number.isFinite(project({ lat: 90, lng: 0 }, 3).y));
    near(project({ lat: 90, lng: 0 }, 3).y, 0, 1e-6);
  });
});

describe("fitView", () => {
  const size = { width: 360, height: 300 };
  it("shows both points inside the padding at the largest whole zoom that fits", () => {
    const driver = { lat: 40.41, lng: -3.7038 };
    const view = fitView([driver, SOL], size, FIT);
    assert.ok(Number.isInteger(view.zoom));
    for (const point of [driver, SOL]) {
      const offset = offsetFromCenter(point, view);
      assert.ok(offset.x >= -size.width / 2 + 40 - 1e-6 && offset.x <= size.width / 2 - 40 + 1e-6, `x ${offset.x}`);
      assert.ok(offset.y >= -size.height / 2 + 64 - 1e-6 && offset.y <= size.height / 2 - 72 + 1e-6, `y ${offset.y}`);
    }
    // One level closer and they would not fit.
    const closer = { ...view, zoom: view.zoom + 1 };
    const span = Math.abs(offsetFromCenter(driver, closer).y - offsetFromCenter(SOL, closer).y);
    assert.ok(span > size.height - 64 - 72);
  });
  it("shifts the centre by half the padding's difference (more room at the bottom moves the points up)", () => {
    const view = fitView([{ lat: 40.41, lng: -3.7038 }, SOL], size, FIT);
    const middle = { lat: (40.41 + SOL.lat) / 2, lng: SOL.lng };
    // Bottom padding 72 vs top 64: the view's centre sits 4 px below the points' middle.
    near(offsetFromCenter(middle, view).y, -4, 0.05);
  });
  it("one point, or two in the same place, is shown at the largest zoom allowed", () => {
    const view = fitView([SOL, SOL], size, FIT);
    assert.equal(view.zoom, 16);
    near(offsetFromCenter(SOL, view).y, -4, 1e-6);
  });
  it("far apart points zoom out, never below the least zoom", () => {
    assert.ok(fitView([SOL, { lat: 41.38, lng: 2.17 }], size, FIT).zoom <= 7);
    assert.equal(
      fitView(
        [
          { lat: -60, lng: -170 },
          { lat: 70, lng: 170 },
        ],
        size,
        { ...FIT, minZoom: 2 },
      ).zoom,
      2,
    );
  });
});

describe("isInView", () => {
  it("says whether a point is inside the map, or inside its inner part", () => {
    const view = { center: SOL, zoom: 15 };
    const size = { width: 400, height: 300 };
    const east = (pixels: number) => unproject({ x: project(SOL, 15).x + pixels, y: project(SOL, 15).y }, 15);
    assert.equal(isInView(east(170), view, size), true);
    assert.equal(isInView(east(170), view, size, 0.1), false);
    assert.equal(isInView(east(210), view, size), false);
  });
});

describe("tilesFor", () => {
  it("covers the map with the tiles under it, placed from the centre", () => {
    const view = { center: SOL, zoom: 15 };
    const tiles = tilesFor(view, { width: 360, height: 300 });
    const center = project(SOL, 15);
    for (const tile of tiles) {
      assert.equal(tile.size, 256);
      near(tile.left, tile.x * 256 - center.x);
      near(tile.top, tile.y * 256 - center.y);
    }
    // Every corner of the map lies on some tile, and no tile lies wholly outside it.
    for (const [x, y] of [
      [-180, -150],
      [179, -150],
      [-180, 149],
      [179, 149],
      [0, 0],
    ] as const) {
      assert.ok(
        tiles.some((tile) => x >= tile.left && x < tile.left + tile.size && y >= tile.top && y < tile.top + tile.size),
        `${x},${y}`,
      );
    }
    for (const tile of tiles) assert.ok(tile.left < 180 && tile.left + tile.size > -180 && tile.top < 150 && tile.top + tile.size > -150);
    assert.ok(tiles.some((tile) => tile.key === "15/16046/12355"));
    assert.equal(new Set(tiles.map((tile) => tile.key)).size, tiles.length);
  });
  it("for a high-density screen takes the next zoom's tiles at half their size", () => {
    const tiles = tilesFor({ center: SOL, zoom: 15 }, { width: 360, height: 300 }, 1);
    assert.ok(tiles.every((tile) => tile.z === 16 && tile.size === 128));
    assert.ok(tiles.some((tile) => tile.x === 32093 && tile.y === 24711));
    // 360 × 300 px in 128 px tiles: 3 or 4 columns and 3 or 4 rows, as the centre falls.
    assert.ok(tiles.length >= 3 * 3 && tiles.length <= 4 * 4, String(tiles.length));
  });
  it("leaves out rows beyond the poles and wraps columns round the date line", () => {
    const tiles = tilesFor({ center: { lat: 0, lng: 180 }, zoom: 0 }, { width: 512, height: 512 });
    assert.deepEqual(
      tiles.map((tile) => tile.key),
      ["0/0/0", "0/1/0"],
    );
    assert.deepEqual(
      tiles.map((tile) => tile.x),
      [0, 0],
    );
  });
});

describe("tileUrl", () => {
  it("fills a Leaflet template", () => {
    assert.equal(tileUrl("https://tile.openstreetmap.org/{z}/{x}/{y}.png", { z: 15, x: 16046, y: 12355 }), "https://tile.openstreetmap.org/15/16046/12355.png");
    assert.equal(tileUrl("https://{s}.tiles.example/{z}/{x}/{y}{r}.png?key={key}", { z: 1, x: 1, y: 0 }), "https://b.tiles.example/1/1/0.png?key={key}");
  });
});
