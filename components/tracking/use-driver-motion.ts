"use client";
import { useEffect, useRef, useState } from "react";
import type { LatLng } from "@/lib/domain/geo";
import { glideDurationMs, headingFor, positionAt, shortestRotation, type Fix, type Glide } from "@/lib/domain/marker-motion";

export interface DriverFix extends LatLng {
  at: string;
  heading: number | null;
}

export interface DriverMotion {
  /** Where the marker is drawn now: the newest fix, or on the way to it. */
  position: LatLng;
  /** Which way the arrow points (null: a dot). */
  heading: number | null;
  /** The unbounded rotation applied, so a turn across north animates the short way round. */
  rotation: number;
  /** True while gliding towards the newest fix. */
  isGliding: boolean;
}

const prefersReducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;

function firstMotion(driver: DriverFix | null): DriverMotion | null {
  if (!driver) return null;
  const heading = headingFor(null, { lat: driver.lat, lng: driver.lng, heading: driver.heading }, null);
  return { position: { lat: driver.lat, lng: driver.lng }, heading, rotation: heading ?? 0, isGliding: false };
}

/**
 * The driver's marker as the first map draws it, moved as Leaflet's marker is
 * (`tracking-map.tsx`, rules in `lib/domain/marker-motion.ts`): from where it is shown to each new
 * fix over about the time the fixes were apart, never past the newest; a jump with reduced
 * motion. The first render (server and browser alike) shows the fix itself.
 */
export function useDriverMotion(driver: DriverFix | null): DriverMotion | null {
  const [motion, setMotion] = useState<DriverMotion | null>(() => firstMotion(driver));
  const motionRef = useRef(motion);
  motionRef.current = motion;
  const lastFixRef = useRef<Fix | null>(null);
  const frameRef = useRef<number | null>(null);

  const lat = driver?.lat;
  const lng = driver?.lng;
  const at = driver?.at;
  const fixHeading = driver?.heading ?? null;
  useEffect(() => {
    const stop = () => {
      if (frameRef.current !== null) cancelAnimationFrame(frameRef.current);
      frameRef.current = null;
    };
    if (lat === undefined || lng === undefined || at === undefined) {
      stop();
      lastFixRef.current = null;
      setMotion(null);
      return;
    }
    const fix: Fix = { lat, lng, atMs: Date.parse(at), heading: fixHeading };
    const previous = lastFixRef.current;
    lastFixRef.current = fix;
    const shown = motionRef.current;
    const heading = headingFor(previous, fix, shown?.heading ?? null);
    const rotation = heading === null ? (shown?.rotation ?? 0) : shortestRotation(shown?.rotation ?? 0, heading);
    stop();
    // The first fix, a jump asked for, or no way to go: straight there.
    if (previous === null || shown === null || prefersReducedMotion() || (shown.position.lat === fix.lat && shown.position.lng === fix.lng)) {
      setMotion({ position: { lat: fix.lat, lng: fix.lng }, heading, rotation, isGliding: false });
      return;
    }
    // From where the marker is shown now, even mid-glide, so a new fix never makes it jump back.
    const glide: Glide = { from: shown.position, to: fix, startedAtMs: performance.now(), durationMs: glideDurationMs(previous, fix) };
    setMotion({ position: shown.position, heading, rotation, isGliding: true });
    const step = () => {
      const { position, isDone } = positionAt(glide, performance.now());
      setMotion({ position, heading, rotation, isGliding: !isDone });
      frameRef.current = isDone ? null : requestAnimationFrame(step);
    };
    frameRef.current = requestAnimationFrame(step);
    return stop;
  }, [lat, lng, at, fixHeading]);

  return motion;
}
