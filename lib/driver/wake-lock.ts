/**
 * Keeps the screen on while the driver is on shift, where the browser allows it. The lock is
 * released by the browser whenever the page is hidden, so it is taken again on return.
 */
export function holdWakeLock(onChange: (isHeld: boolean) => void): () => void {
  const wakeLock = (navigator as Navigator & { wakeLock?: { request(type: "screen"): Promise<WakeLockSentinel> } }).wakeLock;
  if (!wakeLock) {
    onChange(false);
    return () => undefined;
  }
  let sentinel: WakeLockSentinel | null = null;
  let isStopped = false;
  const acquire = async () => {
    if (isStopped || document.visibilityState !== "visible") return;
    try {
      sentinel = await wakeLock.request("screen");
      onChange(true);
      sentinel.addEventListener("release", () => onChange(false));
    } catch {
      onChange(false);
    }
  };
  const onVisibility = () => void acquire();
  document.addEventListener("visibilitychange", onVisibility);
  void acquire();
  return () => {
    isStopped = true;
    document.removeEventListener("visibilitychange", onVisibility);
    void sentinel?.release().catch(() => undefined);
  };
}
