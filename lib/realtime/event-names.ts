/** Socket.IO's path and event names (lib/realtime/events.ts types the payloads): no imports, so any bundle may use them. */
export const SOCKET_PATH = "/socket.io";

export const EVENTS = {
  orderWatch: "order:watch",
  orderUnwatch: "order:unwatch",
  orderView: "order:view",
  fleetWatch: "fleet:watch",
  fleetUnwatch: "fleet:unwatch",
  fleetPositions: "fleet:positions",
  fleetBackbone: "fleet:backbone",
  orderHistory: "order:history",
  orderEntry: "order:entry",
  serverDraining: "server:draining",
} as const;
