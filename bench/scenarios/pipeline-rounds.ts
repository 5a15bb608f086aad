import type { Logger } from 'pino';
import type { LaporSandbox } from '../../src/sandbox/lapor/index.js';
import { measureFirstPoll, type FirstPoll, type FirstPollOptions } from './end-to-end.js';
import { measureRePolls, type RePolls } from './re-poll.js';

export interface PipelineRounds {
  measured: FirstPoll[];
  baseline: FirstPoll[];
  /** Measured on the first measured round's pipeline, right after its first poll. */
  again?: RePolls;
}

export interface PipelineRoundsOptions extends Omit<FirstPollOptions, 'concurrency' | 'then'> {
  concurrency: number;
  rounds: number;
  withBaseline: boolean;
  withRePoll: boolean;
}

/**
 * First polls at the measured concurrency and at 1, alternating A B B A … so that a change
 * of load on a shared machine hits both sides alike. Each run has a fresh ledger.
 */
export async function runPipelineRounds(
  sandbox: LaporSandbox,
  logger: Logger,
  options: PipelineRoundsOptions,
): Promise<PipelineRounds> {
  const { rounds, withBaseline, withRePoll, concurrency, ...common } = options;
  const result: PipelineRounds = { measured: [], baseline: [] };
  const order: ('measured' | 'baseline')[] = [];
  for (let r = 0; r < rounds; r++)
    order.push(
      ...(withBaseline
        ? r % 2 === 0
          ? (['measured', 'baseline'] as const)
          : (['baseline', 'measured'] as const)
        : (['measured'] as const)),
    );
  for (const side of order) {
    const first = side === 'measured' && result.measured.length === 0;
    const run = await measureFirstPoll(sandbox, logger, {
      ...common,
      concurrency: side === 'measured' ? concurrency : 1,
      ...(first && withRePoll
        ? { then: async (pipe, admin) => void (result.again = await measureRePolls(pipe, admin, common.timeoutMs)) }
        : {}),
    });
    result[side].push(run);
  }
  return result;
}

/** The fastest run: load from elsewhere on the machine only ever adds time. */
export function fastest(runs: readonly FirstPoll[]): FirstPoll {
  return runs.reduce((best, r) => (r.run.drainMs < best.run.drainMs ? r : best));
}
