import type { Logger } from 'pino';

export interface StopStep {
  step: string;
  ms: number;
  error?: string;
  timedOut?: boolean;
}

export interface StopReport {
  ok: boolean;
  steps: StopStep[];
}

/**
 * Owns every resource of the daemon. Resources are added in start order and stopped in
 * reverse; every step runs even when an earlier one fails; the whole stop is bounded.
 * Calling stop() again returns the same promise.
 */
export class Lifecycle {
  private readonly steps: { name: string; stop: () => Promise<void> | void }[] = [];
  private stopping: Promise<StopReport> | undefined;

  constructor(private readonly logger: Logger) {}

  add(name: string, stop: () => Promise<void> | void): void {
    if (this.stopping) throw new Error(`cannot add "${name}" while stopping`);
    this.steps.push({ name, stop });
  }

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  stop(timeoutMs: number): Promise<StopReport> {
    this.stopping ??= this.run(Date.now() + timeoutMs);
    return this.stopping;
  }

  private async run(deadline: number): Promise<StopReport> {
    const report: StopReport = { ok: true, steps: [] };
    for (const step of [...this.steps].reverse()) {
      const started = Date.now();
      const left = Math.max(0, deadline - started);
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        Promise.resolve()
          .then(step.stop)
          .then(
            () => 'done' as const,
            (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
          ),
        new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), left))),
      ]);
      clearTimeout(timer);
      const entry: StopStep = { step: step.name, ms: Date.now() - started };
      if (outcome === 'timeout') {
        entry.timedOut = true;
        report.ok = false;
        this.logger.error(
          {
            step: step.name,
            meaning:
              'the daemon exits anyway; jobs left active are taken over by the next start once their lock expires, nothing is lost',
          },
          'shutdown step exceeded the time bound; abandoning it',
        );
      } else if (outcome instanceof Error) {
        entry.error = outcome.message;
        report.ok = false;
        this.logger.error(
          {
            step: step.name,
            err: outcome,
            meaning:
              'the other steps still run and the daemon exits; what this step held is taken over by the next start',
          },
          'shutdown step failed; continuing',
        );
      } else {
        this.logger.debug({ step: step.name, ms: entry.ms }, 'stopped');
      }
      report.steps.push(entry);
    }
    return report;
  }
}
