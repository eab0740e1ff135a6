/*
 * The driver PWA's service worker: keeps the app shell (the /driver page, its scripts and
 * styles, the manifest and icons) so the app opens without a network. The API is never
 * cached or intercepted: fixes and statuses wait in the page's IndexedDB outbox instead.
 */
const CACHE = "lastmile-driver-v1";
const SHELL = "/driver";
const STATIC = ["/driver.webmanifest", "/icons/driver-192.png", "/icons/driver-512.png"];

/** The page's own assets, read from its HTML: Next.js names them by content hash. */
async function precacheShell(cache) {
  const response = await fetch(SHELL, { cache: "no-store" });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(SHELL, response);
  const assets = new Set(html.match(/\/_next\/static\/[^"'\s)<>\\]+/g) ?? []);
  await Promise.all([...assets, ...STATIC].map((url) => cache.add(url).catch(() => undefined)));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(precacheShell)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith("lastmile-driver-") && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/") || url.pathname.startsWith("/socket.io")) return;

  if (request.mode === "navigate" && url.pathname.startsWith(SHELL)) {
    // Network first so a new version shows at once; the cached shell when offline.
    event.respondWith(
      fetch(request)
        .then(async (response) => {
          if (response.ok) await (await caches.open(CACHE)).put(SHELL, response.clone());
          return response;
        })
        .catch(async () => (await caches.match(SHELL)) ?? Response.error()),
    );
    return;
  }

  if (url.pathname.startsWith("/_next/static/") || STATIC.includes(url.pathname)) {
    // Content-hashed or versioned: cache first, fill on a miss.
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ??
          fetch(request).then(async (response) => {
            if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
            return response;
          }),
      ),
    );
  }
});
