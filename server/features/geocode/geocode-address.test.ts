/** Address search against a local stand-in geocoder (a real HTTP server on a random port). */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { publicTrackingUrl } from "../../edge/api/public-tracking-url";
import { ZGeocodeResult } from "../../../lib/schemas/admin-responses";
import { geocodeAddress, GeocoderUnavailable } from "./geocode-address";

let server: Server;
let base = "";
const seen: URL[] = [];

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    seen.push(url);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/nominatim/search") {
      return json(200, [
        { display_name: "Calle Mayor, 1, Sol, Madrid, España", lat: "40.4168", lon: "-3.7038", importance: 0.6 },
        { display_name: "Calle Mayor, 1, Alcalá de Henares, España", lat: "40.4818", lon: "-3.3644" },
      ]);
    }
    if (url.pathname === "/photon/api") {
      return json(200, {
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            geometry: { type: "Point", coordinates: [-3.7038, 40.4168] },
            properties: { name: "Puerta del Sol", street: "Calle Mayor", housenumber: "1", city: "Madrid", country: "España" },
          },
        ],
      });
    }
    if (url.pathname === "/slow/search") return void setTimeout(() => json(200, []), 2_000);
    if (url.pathname === "/redirect/search") {
      res.writeHead(302, { location: `${base}/nominatim/search?q=x` });
      return void res.end();
    }
    if (url.pathname === "/huge/search") {
      // A valid Nominatim answer, far larger than five places: streamed without a length.
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      for (let i = 0; i < 20_000; i++) res.write(`${i ? "," : ""}{"display_name":"Place ${i} ${"x".repeat(40)}","lat":"40.4","lon":"-3.7"}`);
      return void res.end("]");
    }
    if (url.pathname === "/html/search") {
      res.writeHead(200, { "content-type": "text/html" });
      return void res.end("<html>nope</html>");
    }
    json(500, { error: "down" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("geocodeAddress", () => {
  it("reads a Nominatim answer, asking for JSON", async () => {
    const results = await geocodeAddress(`${base}/nominatim/search`, "Calle Mayor 1", { limit: 5 });
    assert.equal(results.length, 2);
    assert.deepEqual(results[0], { label: "Calle Mayor, 1, Sol, Madrid, España", lat: 40.4168, lng: -3.7038 });
    for (const result of results) ZGeocodeResult.parse(result);
    const asked = seen.at(-1)!;
    assert.equal(asked.searchParams.get("q"), "Calle Mayor 1");
    assert.equal(asked.searchParams.get("format"), "jsonv2");
  });
  it("reads a Photon answer (GeoJSON: longitude first)", async () => {
    const results = await geocodeAddress(`${base}/photon/api`, "Puerta del Sol", { language: "es" });
    assert.deepEqual(results, [{ label: "Puerta del Sol, Calle Mayor 1, Madrid, España", lat: 40.4168, lng: -3.7038 }]);
    assert.equal(seen.at(-1)!.searchParams.get("format"), null);
    assert.equal(seen.at(-1)!.searchParams.get("lang"), "es");
  });
  it("fails as GeocoderUnavailable on an error status, a wrong shape, a timeout or no server", async () => {
    await assert.rejects(geocodeAddress(`${base}/broken/search`, "x y z"), GeocoderUnavailable);
    await assert.rejects(geocodeAddress(`${base}/html/search`, "x y z"), GeocoderUnavailable);
    await assert.rejects(geocodeAddress(`${base}/slow/search`, "x y z", { timeoutMs: 200 }), GeocoderUnavailable);
    await assert.rejects(geocodeAddress("http://127.0.0.1:9/search", "x y z", { timeoutMs: 1_000 }), GeocoderUnavailable);
  });
  it("does not follow a redirect, nor read an answer past its size cap", async () => {
    await assert.rejects(geocodeAddress(`${base}/redirect/search`, "x y z"), /redirect/);
    assert.notEqual(seen.at(-1)!.pathname, "/nominatim/search", "the redirect's target was never asked");
    await assert.rejects(geocodeAddress(`${base}/huge/search`, "x y z"), /larger than/);
  });
});

describe("publicTrackingUrl", () => {
  it("is the path without PUBLIC_URL and absolute with it", () => {
    assert.equal(publicTrackingUrl("/track/abc", undefined), "/track/abc");
    assert.equal(publicTrackingUrl("/track/abc", "https://track.example.com/"), "https://track.example.com/track/abc");
    assert.equal(publicTrackingUrl("https://already.example/track/abc", "https://track.example.com"), "https://already.example/track/abc");
  });
});
