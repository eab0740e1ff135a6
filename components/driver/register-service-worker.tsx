"use client";
import { useEffect } from "react";

/** The service worker keeps the app shell so the driver app opens without a network. */
export function RegisterServiceWorker() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/driver-sw.js", { scope: "/driver" }).catch(() => undefined);
  }, []);
  return null;
}
