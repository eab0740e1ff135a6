import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let gc: (() => void) | null = null;

/**
 * A full collection on demand, for tests that measure what is retained (heap samples, objects
 * that must become unreachable), not when the GC last ran. Tests run without --expose-gc: the
 * flag is set at run time and `gc` read once from a fresh context, where V8 then installs it.
 */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  gc();
}
