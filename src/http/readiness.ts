/** A named check behind /readyz. `detail` is shown to operators; never put secrets in it. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<{ ok: boolean; detail?: unknown }>;
}

export interface ReadinessResult {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: unknown }>;
}

export async function runChecks(checks: readonly ReadinessCheck[], timeoutMs = 2000): Promise<ReadinessResult> {
  const results = await Promise.all(
    checks.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<{ ok: boolean; detail: string }>(
          (r) => (timer = setTimeout(() => r({ ok: false, detail: 'timed out' }), timeoutMs)),
        );
        return [c.name, await Promise.race([c.check(), timeout])] as const;
      } catch (err) {
        return [c.name, { ok: false, detail: err instanceof Error ? err.message : String(err) }] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: results.every(([, r]) => r.ok), checks: Object.fromEntries(results) };
}
