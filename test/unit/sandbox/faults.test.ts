import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createFaultController, type FaultController } from '../../../src/sandbox/shared/faults.js';
import { handleFaultsAdmin } from '../../../src/sandbox/shared/faults-admin.js';

let server: Server | undefined;
let controller: FaultController | undefined;
let now = new Date('2024-03-04T02:00:00Z');

async function serve(c: FaultController): Promise<string> {
  controller = c;
  server = createServer((req, res) => {
    if (req.url === '/_sandbox/faults') return void handleFaultsAdmin(c, req, res);
    void c.intercept(req, res).then((handled) => {
      if (!handled) res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  controller?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe('fault controller', () => {
  it('answers 503 with Retry-After during a maintenance window measured on the sandbox clock', async () => {
    const url = await serve(createFaultController({ now: () => now, initial: { maintenance: { forSeconds: 90 } } }));
    const during = await fetch(`${url}/x`);
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('90');
    now = new Date(now.getTime() + 91_000);
    expect((await fetch(`${url}/x`)).status).toBe(200);
  });

  it('fires "every" and "times" triggers deterministically and leaves admin paths alone', async () => {
    const url = await serve(
      createFaultController({ initial: { rateLimit: { every: 2, times: 2, retryAfterSeconds: 3 } } }),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${url}/x`)).status);
    expect(statuses).toEqual([200, 429, 200, 429, 200, 200]);
    expect((await fetch(`${url}/_sandbox/faults`)).status).toBe(200);
  });

  it('is switched at runtime through the admin endpoint and rejects unknown settings', async () => {
    const url = await serve(createFaultController());
    const set = await fetch(`${url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ serverError: { times: 1, statuses: [502] } }),
    });
    expect(set.status).toBe(200);
    expect((await fetch(`${url}/x`)).status).toBe(502);
    expect((await fetch(`${url}/x`)).status).toBe(200);
    const bad = await fetch(`${url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ explode: true }) });
    expect(bad.status).toBe(400);
    const state = (await (await fetch(`${url}/_sandbox/faults`)).json()) as { fired: Record<string, number> };
    expect(state.fired.serverError).toBe(1);
  });

  it('drops a held request when the controller closes, so the client sees a reset', async () => {
    const url = await serve(createFaultController({ initial: { timeout: { times: 1, hangMs: 60_000 } } }));
    const pending = fetch(`${url}/x`).then(
      () => 'answered',
      () => 'dropped',
    );
    // Close only once the request is held, not after a guess at how long that takes.
    while (!controller!.state().fired.timeout) await new Promise((resolve) => setTimeout(resolve, 5));
    controller!.close();
    expect(await pending).toBe('dropped');
  });

  it('asks data faults by rate from a seeded stream', () => {
    const a = createFaultController({ seed: 5, initial: { malformed: { rate: 0.3 } } });
    const b = createFaultController({ seed: 5, initial: { malformed: { rate: 0.3 } } });
    const seqA = Array.from({ length: 40 }, () => a.fire('malformed'));
    const seqB = Array.from({ length: 40 }, () => b.fire('malformed'));
    expect(seqA).toEqual(seqB);
    expect(seqA.filter(Boolean).length).toBeGreaterThan(3);
    expect(a.fire('duplicatePage')).toBe(false);
  });
});
