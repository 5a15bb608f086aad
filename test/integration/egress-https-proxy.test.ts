import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { startLaporSandbox, type LaporSandbox } from '../../src/sandbox/lapor/index.js';
import { runCli } from '../support/cli.js';
import { startForwardProxy, type ForwardProxy } from '../support/forward-proxy.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../support/redis.js';

/**
 * LAPOR over https, reachable only through the pemda's forward proxy: the real CLI's `check`
 * with HTTPS_PROXY set tunnels through CONNECT, and TLS runs end to end to LAPOR's address
 * (a TLS front with a certificate made for this test, trusted through NODE_EXTRA_CA_CERTS, in
 * front of the LAPOR sandbox). The proxy sees the CONNECT and nothing of the requests.
 */
const HOST = 'lapor.bridge.invalid';

let dir: string | undefined;
let sandbox: LaporSandbox | undefined;
let proxy: ForwardProxy | undefined;
let redis: TestRedis | undefined;
const closing: (() => void)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) close();
  await proxy?.close();
  await sandbox?.close();
  await redis?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = sandbox = proxy = redis = undefined;
});

/** A self-signed certificate for HOST, and its key, in `dir`. */
function certificate(into: string): { cert: string; key: string } {
  const cert = join(into, 'cert.pem');
  const key = join(into, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${HOST}`,
      '-addext',
      `subjectAltName=DNS:${HOST}`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

/** TLS on a loopback port, each connection's plain bytes passed to `target`'s port. */
async function tlsFront(files: { cert: string; key: string }, target: string): Promise<number> {
  const server = createTlsServer({ cert: readFileSync(files.cert), key: readFileSync(files.key) }, (secure) => {
    const plain = connect(Number(new URL(target).port), '127.0.0.1');
    secure.pipe(plain).pipe(secure);
    plain.on('error', () => secure.destroy());
    secure.on('error', () => plain.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closing.push(() => server.close());
  return (server.address() as AddressInfo).port;
}

describe('egress over https through a forward proxy (real CLI, CONNECT, TLS end to end)', () => {
  it('checks LAPOR at an https address only the proxy reaches', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lb-https-proxy-'));
    redis = await testRedis('egress');
    const files = certificate(dir);
    sandbox = await startLaporSandbox({ seed: 3, reports: 10, token: 'https-token' });
    const port = await tlsFront(files, sandbox.url);
    proxy = await startForwardProxy({ [`${HOST}:443`]: `http://127.0.0.1:${port}` });
    const config = join(dir, 'bridge.yaml');
    writeFileSync(
      config,
      [
        'sandbox:',
        '  enabled: false',
        'sources:',
        '  lapor:',
        '    kind: lapor',
        `    baseUrl: https://${HOST}`,
        '    tokenEnv: LAPOR_TOKEN',
        `    instansiId: "${sandbox.instansiId}"`,
        '',
      ].join('\n'),
    );
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      LAPOR_BRIDGE__REDIS__KEYPREFIX: redis.prefix,
      LAPOR_TOKEN: 'https-token',
      HTTPS_PROXY: proxy.url,
      NODE_EXTRA_CA_CERTS: files.cert,
      LANG: 'C.UTF-8',
    };
    const check = await runCli(['check', 'lapor', '--config', config], env);
    expect(check.code, `${check.stdout}\n${check.stderr}`).toBe(0);
    expect(proxy.seen.length).toBeGreaterThan(0);
    // check tells the operator which way it went.
    expect(check.stdout).toContain(`requests go through the proxy ${proxy.url}`);
    expect(proxy.seen.every((r) => r.method === 'CONNECT' && r.url === `${HOST}:443`)).toBe(true);
    // The token went inside the tunnel, never to the proxy.
    expect(JSON.stringify(proxy.seen)).not.toContain('https-token');
  }, 60_000);
});
