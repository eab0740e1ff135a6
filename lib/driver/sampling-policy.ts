/**
 * Which GPS readings become fixes. Pure: the PWA feeds it every `watchPosition` reading.
 *
 * Moving (covered some ground since the last kept fix, or the device reports speed): keep one
 * every few seconds, so customers see smooth movement. Stationary: keep one rarely, a
 * heartbeat that says "still here" without filling the queue while parked.
 */
import { haversineMeters } from "../domain/geo";

export interface Reading {
  lat: number;
  lng: number;
  /** ms epoch */
  at: number;
  accuracy?: number;
  /** m/s, when the device knows */
  speed?: number;
}

export interface SamplingPolicy {
  movingIntervalMs: number;
  stationaryIntervalMs: number;
  /** Ground covered (beyond the accuracy of both readings) that counts as moving. */
  minMoveMeters: number;
  /** m/s at or above which the device's own speed counts as moving. */
  movingSpeed: number;
  /** Readings worse than this are dropped unless nothing better came for a stationary interval. */
  maxAccuracyMeters: number;
}

export const DEFAULT_SAMPLING: SamplingPolicy = {
  movingIntervalMs: 3_000,
  stationaryIntervalMs: 60_000,
  minMoveMeters: 15,
  movingSpeed: 1.5,
  maxAccuracyMeters: 150,
};

export type SamplingDecision = { keep: true; reason: "first" | "moving" | "heartbeat" } | { keep: false; reason: "too-soon" | "inaccurate" };

export function shouldKeep(reading: Reading, lastKept: Reading | null, policy: SamplingPolicy = DEFAULT_SAMPLING): SamplingDecision {
  if (!lastKept) return { keep: true, reason: "first" };
  const elapsed = reading.at - lastKept.at;
  if (elapsed >= policy.stationaryIntervalMs) return { keep: true, reason: "heartbeat" };
  if ((reading.accuracy ?? 0) > policy.maxAccuracyMeters) return { keep: false, reason: "inaccurate" };
  if (elapsed < policy.movingIntervalMs) return { keep: false, reason: "too-soon" };
  const moved = haversineMeters(lastKept, reading) - Math.max(reading.accuracy ?? 0, lastKept.accuracy ?? 0) / 2;
  const isMoving = moved >= policy.minMoveMeters || (reading.speed ?? 0) >= policy.movingSpeed;
  return isMoving ? { keep: true, reason: "moving" } : { keep: false, reason: "too-soon" };
}
