/**
 * Grid clustering of map points in screen space: points whose pixel positions fall in the same
 * `cellPx` square become one cluster at their mean position. O(n), no index to maintain, so
 * re-running it on every zoom or batch of positions stays cheap for thousands of drivers.
 * Pure: no framework imports.
 */
export interface ScreenPoint<T> {
  x: number;
  y: number;
  item: T;
}

export interface Cluster<T> {
  x: number;
  y: number;
  items: T[];
}

export function gridCluster<T>(points: readonly ScreenPoint<T>[], cellPx: number): Cluster<T>[] {
  if (!(cellPx > 0)) throw new RangeError("cellPx must be positive");
  const cells = new Map<string, { sumX: number; sumY: number; items: T[] }>();
  for (const point of points) {
    const key = `${Math.floor(point.x / cellPx)}:${Math.floor(point.y / cellPx)}`;
    const cell = cells.get(key);
    if (cell) {
      cell.sumX += point.x;
      cell.sumY += point.y;
      cell.items.push(point.item);
    } else {
      cells.set(key, { sumX: point.x, sumY: point.y, items: [point.item] });
    }
  }
  return [...cells.values()].map((cell) => ({ x: cell.sumX / cell.items.length, y: cell.sumY / cell.items.length, items: cell.items }));
}
