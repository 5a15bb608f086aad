import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { laporHarness, type Harness } from './lapor-harness.js';

/**
 * LAPOR's address moved (an http:// base URL now redirected to https://, a new host): a
 * front server answers every request with a redirect to the sandbox, another origin (its
 * own port). The sandbox's own records say what arrived. Redirects within one origin (a
 * write's 301/302 refused, 303/307 and reads followed) are in
 * test/unit/connectors/lapor-http.test.ts.
 */
interface Front {
  url: string;
  target: string;
  seen: string[];
  close(): Promise<void>;
}

async function listening(handle: RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function redirectingFront(status: number): Promise<Front> {
  const front: Front = { url: '', target: '', seen: [], close: async () => undefined };
  const server = await listening((req, res) => {
    front.seen.push(`${req.method} ${req.url?.split('?')[0]}`);
    req.resume();
    res.writeHead(status, { Location: `${front.target}${req.url}` }).end();
  });
  return Object.assign(front, server);
}

let h: Harness | undefined;
let front: Front | undefined;
afterEach(async () => {
  await h?.close();
  await front?.close();
  h = front = undefined;
});

async function behind(status: number): Promise<{ h: Harness; front: Front; target: string }> {
  front = await redirectingFront(status);
  h = await laporHarness({ config: { baseUrl: front.url } });
  front.target = h.sandbox.url;
  const target = h.sandbox.visibleTrackingIds().find((id) => h!.sandbox.report(id)!.status === 'terdisposisi')!;
  return { h, front, target };
}

const answer = {
  clientRef: 'lb-r-301',
  text: 'Lampu jalan sudah diganti pada 5 Maret.',
  by: 'Dinas Perhubungan',
  at: '2024-03-04T03:00:01.000Z',
};

function answersOn(h: Harness, trackingId: string) {
  return (h.sandbox.report(trackingId)!.timeline as { clientRef?: string }[]).filter(
    (e) => e.clientRef === answer.clientRef,
  );
}

describe('LAPOR writes behind a redirect', () => {
  it.each([301, 302])(
    'a tindak lanjut answered %i is not sent on as a GET: REDIRECTED, naming where, and LAPOR holds nothing',
    async (status) => {
      const { h, front, target } = await behind(status);
      const err = await h.connector.postResponse!(target, answer).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: 'REDIRECTED', status });
      expect((err as Error).message).toContain(`${h.sandbox.url}/api/v1/laporan/${target}/tindak-lanjut`);
      expect((err as Error).message).not.toContain('right-token');
      expect(front.seen).toEqual([`POST /api/v1/laporan/${target}/tindak-lanjut`]);
      expect(answersOn(h, target)).toEqual([]);
    },
  );

  it('a forwarded complaint answered 301 is not created anywhere', async () => {
    const { h } = await behind(301);
    const total = () => (h.sandbox.state().reports as { total: number }).total;
    const before = total();
    await expect(
      h.connector.createComplaint!({
        clientRef: 'lb-c-301',
        classification: 'pengaduan',
        title: 'Jalan berlubang di Jl. Pemuda',
        body: 'Jalan berlubang cukup dalam di depan sekolah, mohon segera diperbaiki sebelum musim hujan.',
        anonim: false,
        rahasia: false,
        reportedAt: '2024-03-01T02:00:00.000Z',
        attachments: [],
      }),
    ).rejects.toMatchObject({ code: 'REDIRECTED', status: 301 });
    expect(total()).toBe(before);
  });

  it.each([307, 308])(
    'a tindak lanjut answered %i to another origin is not sent there: REDIRECTED, nothing stored',
    async (status) => {
      const { h, target } = await behind(status);
      const err = (await h.connector.postResponse!(target, answer).catch((e: unknown) => e)) as Error;
      expect(err).toMatchObject({ code: 'REDIRECTED', status });
      expect(err.message).toContain(`to ${h.sandbox.url}/api/v1/laporan/${target}/tindak-lanjut, another origin`);
      expect(answersOn(h, target)).toEqual([]);
    },
  );

  it('a read is not sent on to another origin: its token never reaches it', async () => {
    const seenThere: Record<string, unknown>[] = [];
    const elsewhere = await listening((req, res) => {
      seenThere.push(req.headers);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":true,"data":{"items":[]}}');
    });
    front = await redirectingFront(301);
    front.target = elsewhere.url;
    h = await laporHarness({ config: { baseUrl: front.url } });
    try {
      await expect(h.connector.pull(null)).rejects.toMatchObject({ code: 'REDIRECTED', status: 301 });
      expect(seenThere).toEqual([]);
      expect(front.seen).toHaveLength(1);
      expect(front.seen[0]).toMatch(/^GET \/api\/v1\/instansi\/[^/]+\/laporan$/);
    } finally {
      await elsewhere.close();
    }
  });

  it('check says the address redirects, and where to, before a write is refused', async () => {
    const { h } = await behind(301);
    const results = await h.connector.health();
    expect(results.map((r) => [r.check, r.ok])).toEqual([
      ['auth', false],
      ['topics', false],
      ['list', false],
      ['address', false],
    ]);
    expect(results[2]!.detail).toContain('another origin: a request is not sent on to another scheme, host or port');
    expect(results[3]!.detail).toBe(
      `GET /api/v1/topics was redirected (301) to ${h.sandbox.url}/api/v1/topics: requests are not sent on to another origin; set baseUrl to where the API answers`,
    );
  });

  it('check says nothing of the address when nothing redirects', async () => {
    h = await laporHarness();
    expect((await h.connector.health()).map((r) => r.check)).toEqual(['auth', 'topics', 'list']);
  });
});
