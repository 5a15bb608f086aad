import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** Runs `work` between an inspector session's start and stop, and writes what stop returned to `file`. */
async function profiled<T>(
  file: string | undefined,
  start: (session: Session) => Promise<void>,
  stop: (session: Session) => Promise<unknown>,
  work: () => Promise<T>,
): Promise<T> {
  if (!file) return work();
  const session = new Session();
  session.connect();
  await start(session);
  try {
    return await work();
  } finally {
    writeFileSync(file, JSON.stringify(await stop(session)));
    session.disconnect();
  }
}

/**
 * A V8 CPU profile of this process while `work` runs, written to `file` (open it in Chrome
 * DevTools or read it with any .cpuprofile reader); without a file, `work` just runs. Only
 * the part measured is profiled, not the setup before it.
 */
export function withCpuProfile<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  return profiled(
    file,
    async (session) => {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    },
    async (session) => (await session.post('Profiler.stop')).profile,
    work,
  );
}

/**
 * A sampling heap profile of this process while `work` runs, written to `file` (a
 * .heapprofile DevTools opens): where the run allocated, the objects the garbage collector
 * took meanwhile included — what the time in GC is spent on. Without a file, `work` just runs.
 */
export function withHeapProfile<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  return profiled(
    file,
    async (session) => {
      await session.post('HeapProfiler.enable');
      await session.post('HeapProfiler.startSampling', {
        samplingInterval: 32_768,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    },
    async (session) => (await session.post('HeapProfiler.stopSampling')).profile,
    work,
  );
}
