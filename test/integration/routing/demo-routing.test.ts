import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { Lifecycle } from '../../../src/lifecycle/lifecycle.js';
import { startDaemon, type Daemon } from '../../../src/main.js';
import { openRuntime } from '../../../src/app/runtime.js';
import type { Complaint } from '../../../src/domain/complaint.js';
import { waitFor } from '../../support/cli.js';
import { sandboxPortsEnv } from '../../support/daemon.js';
import { captureLogger } from '../../support/logger.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../../support/redis.js';

let daemon: Daemon | undefined;
let redis: TestRedis | undefined;
let lifecycle: Lifecycle | undefined;
afterEach(async () => {
  await lifecycle?.stop(10_000);
  await daemon?.stop();
  await redis?.cleanup();
  daemon = redis = lifecycle = undefined;
});

const PASSWORD = 'routing-test-password';
const auth = {
  authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`,
  'content-type': 'application/json',
};

/** The OPD a sandbox answer names ("… ditindaklanjuti oleh Dinas Kesehatan."): what really handled it. */
function answeredBy(c: Complaint): string | undefined {
  return c.responses.map((r) => /oleh (.+?)\.?$/.exec(r.text)?.[1]).find(Boolean);
}

describe('routing complaints the source gave no OPD (sandbox demo, real daemon and Redis)', () => {
  it("triages without a model, routes with a trained one, and takes an operator's assignment as training data", async () => {
    redis = await testRedis('route');
    const env = {
      ...(await sandboxPortsEnv()),
      REDIS_URL: TEST_REDIS_URL,
      LAPOR_BRIDGE__REDIS__KEYPREFIX: redis.prefix,
      LAPOR_BRIDGE_HTTP_PORT: '0',
      LAPOR_BRIDGE_DASHBOARD_PASSWORD: PASSWORD,
      LAPOR_BRIDGE__SANDBOX__LAPOR__REPORTS: '300',
      LAPOR_BRIDGE__SANDBOX__REGIONAL__REPORTS: '80',
      LAPOR_BRIDGE__ROUTING__MINEXAMPLES: '30',
      LAPOR_BRIDGE__ROUTING__THRESHOLD: '1',
    };
    const loaded = loadConfig({ env });
    const logs = captureLogger('info');
    daemon = await startDaemon(loaded, logs.logger);
    lifecycle = new Lifecycle(logs.logger);
    const runtime = await openRuntime(loaded, logs.logger, lifecycle);
    const { store } = runtime;
    const regional = ['wadesk', 'superapp', 'bupatiapp', 'open311'];
    await waitFor(
      async () =>
        (await Promise.all(regional.map((s) => runtime.redis.hlen(store.keys.externalIds(s))))).every((n) => n === 80),
      60_000,
      'every regional complaint',
    );
    await waitFor(async () => (await store.ledger.count()) > 320, 60_000, 'LAPOR complaints');

    const all = async () =>
      Promise.all((await store.ledger.ids(0, 10_000)).map(async (id) => (await store.ledger.get(id))!));
    const triaged = async () => {
      const out = new Map<
        string,
        {
          suggestions?: { opd: string; confidence: number }[] | undefined;
          modelVersion?: string | undefined;
          reason?: string | undefined;
        }
      >();
      for await (const [, e] of store.triage.entries()) if (e.kind === 'unrouted') out.set(e.complaintId, e);
      return out;
    };

    // No model yet: whatever the rules do not route waits in triage, with the reason.
    let before: Complaint[] = [];
    let waiting = await triaged();
    // Ingest writes the complaint first and files it for triage just after: wait for the pipeline to settle.
    await waitFor(
      async () => {
        before = await all();
        waiting = await triaged();
        return before.filter((c) => !c.opd?.code).every((c) => waiting.has(c.id));
      },
      60_000,
      'every complaint without an OPD in triage',
    );
    const withoutOpd = before.filter((c) => !c.opd?.code);
    expect(withoutOpd.length).toBeGreaterThan(20);
    for (const c of withoutOpd) expect(waiting.get(c.id)?.reason, c.id).toMatch(/belum ada model/);

    // Trained on the complaints whose source named a known OPD.
    const trained = await runtime.routing.train();
    expect(trained).toMatchObject({ trained: true });
    if (!trained.trained) return;
    expect(trained.examples).toBeGreaterThanOrEqual(
      before.filter((c) => c.opd?.code && c.opd.assignedBy === 'source' && c.status !== 'not_authority').length,
    );
    expect(trained.rerouted).toBe(0);

    // At a threshold of 1 the model decides nothing itself: each waits with three suggestions.
    const nowWaiting = await triaged();
    let checked = 0;
    let right = 0;
    for (const c of withoutOpd) {
      const entry = nowWaiting.get(c.id)!;
      expect(entry.suggestions).toHaveLength(3);
      expect(entry.modelVersion).toBe(trained.version);
      const truth = answeredBy(c);
      if (truth) {
        checked += 1;
        if (runtime.opd.get(entry.suggestions![0]!.opd)?.name === truth) right += 1;
      }
    }
    // Against what the sandbox says really handled it (its own answer text).
    expect(checked).toBeGreaterThan(5);
    expect(right / checked).toBeGreaterThan(0.8);

    // At 0.6 the same model routes what it is sure of, and says so on the complaint.
    const sure = await openRuntime(
      loadConfig({ env: { ...env, LAPOR_BRIDGE__ROUTING__THRESHOLD: '0.6' } }),
      logs.logger,
      lifecycle,
    );
    const routed = await sure.routing.rerouteTriage();
    expect(routed).toBeGreaterThan(0);
    for (const c of await all()) {
      if (!withoutOpd.some((w) => w.id === c.id) || !c.opd?.code) continue;
      expect(c.opd).toMatchObject({
        assignedBy: 'model',
        modelVersion: trained.version,
        reason: expect.stringMatching(/yakin \(ambang 60%\)/),
      });
      expect(c.opd.confidence).toBeGreaterThanOrEqual(0.6);
      expect(await store.triage.get(`${c.id}:route`)).toBeUndefined();
    }

    // One action to assign, through the JSON API; it becomes training data.
    const url = `http://127.0.0.1:${daemon.port}/api`;
    const listed = (await (await fetch(`${url}/triage?kind=unrouted`, { headers: auth })).json()) as {
      complaintId: string;
    }[];
    expect(listed.length).toBe((await triaged()).size);
    const target = listed[0]?.complaintId ?? withoutOpd[0]!.id;
    expect(
      (
        await fetch(`${url}/triage/${target}/assign`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ opd: 'nowhere' }),
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await fetch(`${url}/triage/c-missing/assign`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ opd: 'dinkes' }),
        })
      ).status,
    ).toBe(404);
    const assigned = await fetch(`${url}/triage/${target}/assign`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ opd: 'dinkes' }),
    });
    expect(assigned.status).toBe(200);
    expect((await store.ledger.get(target))!.opd).toMatchObject({
      code: 'dinkes',
      assignedBy: 'operator',
      reason: expect.stringMatching(/^ditetapkan oleh \S+/),
    });
    expect(await store.triage.get(`${target}:route`)).toBeUndefined();
    expect(await store.routing.examples.get(target)).toMatchObject({ opd: 'dinkes' });
    const again = await runtime.routing.train();
    expect(again.trained && again.examples).toBeGreaterThanOrEqual(trained.examples + 1);
  }, 180_000);
});
