import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { boundPort, closeServer, listen } from '../../../src/http/server.js';
import { rateLimit } from '../../../src/http/rate-limit.js';
import { messages } from '../../../src/i18n/messages.js';

let now = Date.parse('2026-03-01T02:00:10.000Z');
let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(rateLimit(3, () => now));
  app.get('/page', (_req, res) => void res.send('ok'));
  app.post('/api/x', (_req, res) => void res.json({ ok: true }));
  server = await listen(app, '127.0.0.1', 0);
  base = `http://127.0.0.1:${boundPort(server)}`;
});
afterAll(() => closeServer(server));

describe('request rate per client address', () => {
  it('takes perMinute requests in a minute, then answers 429 with Retry-After and the catalogue message until the next', async () => {
    const from = { 'X-Forwarded-For': '203.0.113.7' };
    for (let i = 0; i < 3; i++) expect((await fetch(`${base}/page`, { headers: from })).status).toBe(200);
    const page = await fetch(`${base}/page`, { headers: from });
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toBe('50');
    expect(await page.text()).toBe(`${messages('id').workspace.tooManyRequests(50)}\n`);
    const api = await fetch(`${base}/api/x`, { method: 'POST', headers: { ...from, Cookie: 'lb_lang=en' } });
    expect(api.status).toBe(429);
    expect(await api.json()).toEqual({
      error: messages('en').workspace.tooManyRequests(50),
      code: 'too_many_requests',
    });
    // Another address (as the proxy on this host names it) has its own count.
    expect((await fetch(`${base}/page`, { headers: { 'X-Forwarded-For': '203.0.113.8' } })).status).toBe(200);
    now += 50_000;
    expect((await fetch(`${base}/page`, { headers: from })).status).toBe(200);
  });
});
