import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { readSyncRuns } from '../../../src/store/sync-runs.js';
import { startTestPipeline, type TestPipeline } from '../../support/pipeline.js';
import { missingFromLedger } from './support.js';

/**
 * A small list server of its own: honest page numbers, or a list that ignores `page` and
 * serves the next five records of an endless cycle, or an answer far too large. It counts
 * every request it gets: the ground truth of what a poll cost.
 */
interface ListServer {
  url: string;
  ids: string[];
  requests: { list: number; extra: number };
  close(): Promise<void>;
}

type Mode = 'honest' | 'ignores-page' | 'huge';

async function startListServer(mode: Mode, count: number): Promise<ListServer> {
  const ids = Array.from({ length: count }, (_, i) => `r${String(i + 1).padStart(4, '0')}`);
  const record = (id: string) => ({
    id,
    message: `Lampu penerangan jalan di dusun ${id} mati sejak minggu lalu, mohon segera diperbaiki.`,
    createdAt: '2026-03-02T01:00:00Z',
  });
  const requests = { list: 0, extra: 0 };
  let served = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(text);
    };
    if (url.pathname.endsWith('/extra')) {
      requests.extra += 1;
      return send({ data: { note: 'diterima' } });
    }
    requests.list += 1;
    if (mode === 'huge') return send({ data: [{ ...record('r0001'), message: 'x'.repeat(300 * 1024) }] });
    if (mode === 'ignores-page') {
      // Whatever page is asked: the next five of an endless cycle, so every page is full.
      const page = Array.from({ length: 5 }, (_, i) => record(ids[(served * 5 + i) % ids.length]!));
      served += 1;
      return send({ data: page });
    }
    const page = Number(url.searchParams.get('page') ?? '1');
    send({ data: ids.slice((page - 1) * 5, page * 5).map(record) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ids,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function configFile(server: ListServer, source: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lb-limits-'));
  const file = join(dir, 'config.yaml');
  writeFileSync(
    file,
    stringify({
      sandbox: { enabled: false },
      pipeline: { pollOnStart: false },
      sources: {
        desk: {
          kind: 'rest',
          schedule: '0 0 1 1 *',
          baseUrl: server.url,
          list: { path: '/api/items', itemsPath: 'data', paging: { style: 'page', pageSize: 5 } },
          fields: { id: 'id', text: 'message', reportedAt: 'createdAt' },
          ...source,
        },
      },
    }),
  );
  return file;
}

let server: ListServer | undefined;
let pipe: TestPipeline | undefined;
afterEach(async () => {
  await pipe?.stop();
  await server?.close();
  pipe = server = undefined;
});

async function poll(p: TestPipeline, slot: string) {
  await p.runtime.enqueuePoll('desk', 'live', slot);
  await p.drain(60_000);
  const [run] = await readSyncRuns(p.runtime.redis, p.runtime.store.keys, { limit: 1, source: 'desk' });
  return run!;
}

describe('politeness limits of one poll (a list server of the test’s own, real Redis)', () => {
  it('a list that ignores its page parameter is stopped at limits.pagesPerPoll with the reason in the sync log', async () => {
    server = await startListServer('ignores-page', 40);
    pipe = await startTestPipeline({ file: configFile(server, { limits: { pagesPerPoll: 12 } }) });
    const run = await poll(pipe, 'one');
    expect(run).toMatchObject({ outcome: 'limited', pages: 12 });
    expect(run.error).toMatch(/12 pages \(limits\.pagesPerPoll\)/);
    expect(server.requests.list).toBe(12);
    // Limited is not failing: the source stays healthy and the next poll simply goes on.
    expect((await pipe.runtime.store.sources.get('desk')).state).toBe('idle');
    expect(pipe.logs.lines().some((l) => l.msg === 'sync run stopped at its limit')).toBe(true);
  }, 90_000);

  it('a poll stopped at its page limit leaves the cursor at the last stored page: the next polls read the rest', async () => {
    server = await startListServer('honest', 23);
    pipe = await startTestPipeline({ file: configFile(server, { limits: { pagesPerPoll: 2 } }) });
    expect(await poll(pipe, 'one')).toMatchObject({ outcome: 'limited', pages: 2, records: 10 });
    expect(await missingFromLedger(pipe, 'desk', server.ids)).toHaveLength(13);
    expect(await poll(pipe, 'two')).toMatchObject({ outcome: 'limited', pages: 2, records: 10 });
    expect(await poll(pipe, 'three')).toMatchObject({ outcome: 'done', pages: 1, records: 3 });
    expect(await missingFromLedger(pipe, 'desk', server.ids)).toEqual([]);
  }, 90_000);

  it('limits.requestsPerPoll counts detail calls too; the page cut short is read again by the next poll', async () => {
    server = await startListServer('honest', 12);
    pipe = await startTestPipeline({
      file: configFile(server, {
        limits: { requestsPerPoll: 9 },
        http: { concurrency: 1 },
        enrich: [{ as: 'extra', path: '/api/items/${id}/extra', docPath: 'data' }],
      }),
    });
    const first = await poll(pipe, 'one');
    // Page 1: one list request and five detail calls; page 2's list and two details; the ninth is the last.
    expect(first).toMatchObject({ outcome: 'limited', pages: 1, records: 5 });
    expect(first.error).toMatch(/9 requests \(limits\.requestsPerPoll\)/);
    expect(server.requests.list + server.requests.extra).toBe(9);
    let slot = 0;
    while ((await missingFromLedger(pipe, 'desk', server.ids)).length > 0 && slot < 6)
      await poll(pipe, `more-${++slot}`);
    expect(await missingFromLedger(pipe, 'desk', server.ids)).toEqual([]);
  }, 90_000);

  it('an answer over the size limit is a named, final failure, asked once instead of retried as a network error', async () => {
    server = await startListServer('huge', 1);
    pipe = await startTestPipeline({ file: configFile(server, { http: { maxResponseBytes: 64 * 1024 } }) });
    const run = await poll(pipe, 'one');
    expect(run.outcome).toBe('failed');
    expect(run.error).toMatch(/answer is over the 65536-byte size limit \(maxResponseBytes\)/);
    expect(run.error).not.toMatch(/network error/);
    expect(server.requests.list).toBe(1);
    const letters = await pipe.runtime.store.deadLetters.list(10);
    expect(letters.map(([, l]) => l.reason).join(' ')).toMatch(/size limit/);
  }, 90_000);
});
