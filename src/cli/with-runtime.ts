import type { Command } from 'commander';
import { pino } from 'pino';
import { ensureRedis } from '../redis/embedded.js';
import { createLogger } from '../logging/logger.js';
import { Lifecycle } from '../lifecycle/lifecycle.js';
import { openRuntime, type Runtime } from '../app/runtime.js';
import type { LoadedConfig } from '../config/load.js';
import { loadOrExit } from './load-or-exit.js';
import { complain, EXIT, flushOutput } from './output.js';

export interface CommandContext {
  runtime: Runtime;
  lifecycle: Lifecycle;
}

/**
 * Runs an operator command against the configured Redis and sources. Operational logs go
 * to stderr (warnings and up), so stdout carries only the command's answer.
 */
export async function withRuntime(
  program: Command,
  run: (ctx: CommandContext & { loaded: LoadedConfig }) => Promise<number | void>,
): Promise<void> {
  const loaded = loadOrExit(program.opts<{ config?: string }>().config);
  const logger = createLogger({ ...loaded.config.logging, level: 'warn' }, pino.destination(2));
  const lifecycle = new Lifecycle(logger);
  let code: number = EXIT.ok;
  try {
    const embedded = await ensureRedis({
      ...loaded.config.redis,
      ...loaded.config.redis.embedded,
      enabled: false,
      onlySimulated: false,
      logger,
    });
    lifecycle.add('embedded redis', () => embedded.stop());
    // Who may answer and what needs approval are the running daemon's rules, not this file's.
    const runtime = await openRuntime(loaded, logger, lifecycle, { authority: 'published' });
    const stop = () => void lifecycle.stop(loaded.config.shutdown.timeoutMs);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    code = (await run({ runtime, lifecycle, loaded })) ?? EXIT.ok;
  } catch (err) {
    complain(`lapor-bridge: ${err instanceof Error ? err.message : String(err)}`);
    code = EXIT.failure;
  } finally {
    await lifecycle.stop(loaded.config.shutdown.timeoutMs);
  }
  await flushOutput();
  process.exit(code);
}
