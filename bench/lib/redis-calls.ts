import type { Redis } from 'ioredis';

/** What `countClientCommands` itself sends: its markers and its MONITOR connection. */
export const COUNTING = new Set(['echo', 'monitor', 'client|setname']);

/**
 * Commands clients sent while `work` runs, by name, as MONITOR shows them: a script is one
 * command (what it calls inside is shown as "lua" and left out), and so is each command of a
 * pipeline or MULTI. Echoed markers bound the window, so nothing before or after is counted.
 */
export async function countClientCommands<T>(
  admin: Redis,
  work: () => Promise<T>,
): Promise<{ result: T; calls: Map<string, number> }> {
  const monitor = await admin.duplicate().monitor();
  const marker = `lb-bench-${process.pid}-${Date.now()}`;
  const calls = new Map<string, number>();
  let inside = false;
  let ended!: () => void;
  const end = new Promise<void>((resolve) => (ended = resolve));
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    const [name, value] = [args[0]?.toLowerCase(), args[1]];
    if (name === 'echo' && value === `${marker}:start`) inside = true;
    else if (name === 'echo' && value === `${marker}:end`) {
      inside = false;
      ended();
    } else if (inside && source !== 'lua' && name) calls.set(name, (calls.get(name) ?? 0) + 1);
  });
  try {
    await admin.echo(`${marker}:start`);
    const result = await work();
    await admin.echo(`${marker}:end`);
    await end;
    return { result, calls };
  } finally {
    monitor.disconnect();
  }
}
