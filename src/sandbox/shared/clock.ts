/**
 * A sandbox's notion of "now": an injected time source plus an offset that an admin
 * endpoint can move forward, so demos and tests can jump working days ahead.
 */
export interface SandboxClock {
  now(): Date;
  advance(ms: number): Date;
}

export function createSandboxClock(source: () => Date = () => new Date()): SandboxClock {
  let offsetMs = 0;
  return {
    now: () => new Date(source().getTime() + offsetMs),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the sandbox clock only moves forward');
      offsetMs += ms;
      return new Date(source().getTime() + offsetMs);
    },
  };
}
