/**
 * The orders one socket watches, by the tracking token it watched each with. A tracking page
 * watches one order (at most MAX_WATCHES_PER_SOCKET): an exact-size array of pairs, replaced on
 * change, is ~80 bytes for one watch, where a Map is ~180 (its table alone ~150), and
 * those bytes count on every idle socket (bench/socket-heap.ts).
 */
export interface Watch {
  readonly token: string;
  readonly orderId: string;
}
export type WatchList = readonly Watch[];

export const NO_WATCHES: WatchList = Object.freeze([]);

export function orderWatchedWith(list: WatchList, token: string): string | undefined {
  return list.find((watch) => watch.token === token)?.orderId;
}

// concat allocates the exact size; a spread or filter result reserves room for 17.
export function withWatch(list: WatchList, token: string, orderId: string): WatchList {
  return list.concat([{ token, orderId }]);
}

export function withoutWatch(list: WatchList, token: string): WatchList {
  const left = list.filter((watch) => watch.token !== token);
  return left.length === 0 ? NO_WATCHES : NO_WATCHES.concat(left);
}

export function isWatchingOrder(list: WatchList, orderId: string): boolean {
  return list.some((watch) => watch.orderId === orderId);
}
