import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { isConnectorError } from '../../src/domain/failures.js';
import { createNotifier } from '../../src/monitoring/notify.js';
import { startForwardProxy, useCleanProxyEnv, type ForwardProxy } from '../support/forward-proxy.js';
import { captureLogger } from '../support/logger.js';
import { laporHarness, okIds, pullRun, type Harness } from './lapor-harness.js';

/**
 * A pemda network where only a forward proxy reaches the outside: the daemon's environment
 * names it (HTTP_PROXY, NO_PROXY), and the hosts below (".invalid", which no resolver knows)
 * are reachable through it alone. What the LAPOR sandbox and the gateway hold says what arrived.
 */
const LAPOR_HOST = 'lapor.bridge.invalid';
const GATEWAY_HOST = 'alerts.bridge.invalid';

// Test files share a worker process: nock's interceptor, loaded by another file, would send a
// proxy's absolute-form request ("GET http://host/…" to the proxy) straight to the named host.
// Node's own http runs here, as in the daemon; later files get nock back as they left it.
beforeAll(() => nock.restore());
afterAll(() => nock.activate());

useCleanProxyEnv();

let h: Harness | undefined;
let proxy: ForwardProxy | undefined;
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  await h?.close();
  await proxy?.close();
  for (const close of closing.splice(0)) await close();
  h = proxy = undefined;
});

/** The LAPOR sandbox, its connector configured with `baseUrl` (the sandbox's own address when absent), behind a proxy that knows LAPOR_HOST. */
async function behindProxy(baseUrl?: string): Promise<{ h: Harness; proxy: ForwardProxy }> {
  proxy = await startForwardProxy({});
  process.env.HTTP_PROXY = proxy.url;
  h = await laporHarness(baseUrl ? { config: { baseUrl } } : {});
  Object.assign(proxy.hosts, { [LAPOR_HOST]: h.sandbox.url });
  return { h, proxy };
}

/** The shipped notifier with the webhook at GATEWAY_HOST, its secret set, behind a proxy that knows `hosts`. */
async function gatewayBehindProxy(hosts: Record<string, string>) {
  proxy = await startForwardProxy(hosts);
  process.env.HTTP_PROXY = proxy.url;
  const logs = captureLogger('info');
  const shipped = loadConfig({ env: {} }).config.monitoring.notify;
  const notify = createNotifier(
    { ...shipped, webhook: { enabled: true, url: `http://${GATEWAY_HOST}/hook`, secretEnv: 'GATEWAY_SECRET' } },
    (name) => (name === 'GATEWAY_SECRET' ? 'rahasia-gateway' : undefined),
    logs.logger,
  );
  return { notify, logs, proxy };
}

describe('egress through a forward proxy (HTTP_PROXY, NO_PROXY)', () => {
  it('pulls every LAPOR report through the proxy when only the proxy reaches LAPOR', async () => {
    const { h, proxy } = await behindProxy(`http://${LAPOR_HOST}`);
    const run = await pullRun(h, null);
    expect(okIds(run.records).sort()).toEqual(h.sandbox.visibleTrackingIds().sort());
    expect(proxy.seen.length).toBeGreaterThanOrEqual(run.pages);
    expect(proxy.seen.every((r) => new URL(r.url).host === LAPOR_HOST)).toBe(true);
  });

  it('goes direct to a host NO_PROXY names (here: one only the proxy could reach, so the pull fails)', async () => {
    const { h, proxy } = await behindProxy(`http://${LAPOR_HOST}`);
    process.env.NO_PROXY = `example.go.id,${LAPOR_HOST}`;
    const failed = await h.connector.pull(null).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isConnectorError(failed)).toBe(true);
    expect(proxy.seen).toEqual([]);
  });

  it('reaches a loopback source (the bundled sandbox) directly, whatever NO_PROXY says', async () => {
    const { h, proxy } = await behindProxy();
    const run = await pullRun(h, null);
    expect(okIds(run.records).sort()).toEqual(h.sandbox.visibleTrackingIds().sort());
    expect(proxy.seen).toEqual([]);
  });

  it("posts the alert webhook through the proxy, with the gateway's secret", async () => {
    const received: { auth: string | undefined; body: unknown }[] = [];
    const gateway = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, body: JSON.parse(text) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    closing.push(() => new Promise((resolve) => gateway.close(() => resolve())));
    const { notify, proxy: seenBy } = await gatewayBehindProxy({
      [GATEWAY_HOST]: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`,
    });
    const notice = {
      kind: 'source_failing',
      subject: 'Sumber gagal',
      text: 'wadesk gagal',
      data: { source: 'wadesk' },
    };
    await notify(notice);
    expect(received).toEqual([{ auth: 'Bearer rahasia-gateway', body: notice }]);
    expect(seenBy.seen.map((r) => `${r.method} ${r.url}`)).toEqual([`POST http://${GATEWAY_HOST}/hook`]);
  });

  it('tells an unreachable gateway by what went wrong, never with the request and its secret', async () => {
    const { notify, logs } = await gatewayBehindProxy({});
    // The proxy knows no such host: 502. Then no proxy and no resolver: the request itself fails.
    await expect(notify({ kind: 'daily_summary', subject: 's', text: 't', data: {} })).rejects.toThrow(
      'reached no channel',
    );
    delete process.env.HTTP_PROXY;
    await expect(notify({ kind: 'daily_summary', subject: 's', text: 't', data: {} })).rejects.toThrow(
      'reached no channel',
    );
    const failures = logs.lines().filter((l) => l.msg === 'notice not sent');
    expect(failures).toHaveLength(2);
    expect(JSON.stringify(failures[0])).toContain('webhook answered 502');
    expect(JSON.stringify(failures[1])).toContain('webhook not reached');
    expect(JSON.stringify(logs.lines())).not.toContain('rahasia-gateway');
    expect(JSON.stringify(failures[1]).length).toBeLessThan(2000);
  });
});
