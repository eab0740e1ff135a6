/**
 * Runs the shutdown steps in order under one hard deadline. Each step is timed and logged; a
 * step that fails is logged and the next one runs (a NATS server already gone must not keep
 * the database open). Past the deadline the process exits non-zero whatever is still running,
 * so an orchestrator's SIGKILL (Kubernetes: terminationGracePeriodSeconds, default 30 s) never
 * has to.
 */
import type { Logger } from "../observability/logger";

export interface ShutdownStep {
  name: string;
  run(): Promise<unknown>;
}

/** Lastmile's promise to an orchestrator: gone within this long after SIGTERM. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

export interface ShutdownOutcome {
  /** Time from the start of the shutdown to its end, in ms. */
  elapsedMs: number;
  failedSteps: string[];
}

export async function shutdownGracefully(steps: readonly ShutdownStep[], options: { logger: Logger; deadlineMs?: number; exit?: (code: number) => void }): Promise<ShutdownOutcome> {
  const { logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const deadlineMs = options.deadlineMs ?? SHUTDOWN_DEADLINE_MS;
  const startedAt = performance.now();
  const hardDeadline = setTimeout(() => {
    logger.fatal({ deadlineMs }, "shutdown passed its deadline; exiting with what is left undone");
    exit(1);
  }, deadlineMs);
  const failedSteps: string[] = [];
  for (const step of steps) {
    const stepStartedAt = performance.now();
    try {
      await step.run();
      logger.info({ step: step.name, ms: Math.round(performance.now() - stepStartedAt) }, "shutdown step done");
    } catch (error) {
      failedSteps.push(step.name);
      logger.error({ step: step.name, err: error }, "shutdown step failed; going on");
    }
  }
  clearTimeout(hardDeadline);
  const elapsedMs = Math.round(performance.now() - startedAt);
  logger.info({ ms: elapsedMs, failedSteps }, "shut down");
  return { elapsedMs, failedSteps };
}
