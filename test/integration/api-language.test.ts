import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, type Language } from '../../src/i18n/messages.js';
import { ADMIN, signedHeaders, startHookDaemon, type HookDaemon } from '../support/hook-daemon.js';

/**
 * Every error answer of the JSON API and the webhook inbox is for people in the daemon's
 * language (Indonesian by default, English by `instance.language`), or in the one a person
 * chose with the language link (its cookie); the `code` beside it is the same in both.
 * Real daemons, real Redis.
 */

interface Answer {
  status: number;
  body: { error: string; code: string; problems?: string[] };
}

async function call(base: string, path: string, init: RequestInit & { cookie?: string } = {}): Promise<Answer> {
  const { cookie, ...rest } = init;
  const headers = { ...(rest.headers as Record<string, string>), ...(cookie ? { cookie } : {}) };
  const res = await fetch(`${base}${path}`, { ...rest, headers });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

const post = (body: string, headers: Record<string, string>): RequestInit => ({ method: 'POST', headers, body });
const asAdmin = (body: unknown): RequestInit =>
  post(JSON.stringify(body), { ...ADMIN, 'Content-Type': 'application/json' });

/** The refusals every language must say, with the code programs read. */
async function refusals(base: string, cookie?: string) {
  const c = cookie ? { cookie } : {};
  return {
    signIn: await call(base, '/api/responses', c),
    noComplaint: await call(base, '/api/complaints/c-nothing', { headers: ADMIN, ...c }),
    noAnswer: await call(base, '/api/responses/r-nothing/approve', { ...asAdmin({}), ...c }),
    badBody: await call(base, '/api/complaints/c-nothing/responses', { ...asAdmin({ text: 7, extra: 1 }), ...c }),
    notJson: await call(base, '/api/complaints/c-nothing/responses', {
      ...post('{"text":', { ...ADMIN, 'Content-Type': 'application/json' }),
      ...c,
    }),
    unknownOpd: await call(base, '/api/triage/c-nothing/assign', { ...asAdmin({ opd: 'dinas-entah' }), ...c }),
    noCase: await call(base, '/api/cases/c-nothing', { headers: ADMIN, ...c }),
    badQuery: await call(base, '/api/rekap?month=03-2026', { headers: ADMIN, ...c }),
    noChannel: await call(base, '/hooks/entah', { ...post('{}', { 'Content-Type': 'application/json' }), ...c }),
    unsigned: await call(base, '/hooks/wadesk', { ...post('{}', { 'Content-Type': 'application/json' }), ...c }),
    signedNotJson: await call(base, '/hooks/wadesk', { ...post('bukan json', signedHeaders('bukan json')), ...c }),
  };
}

function expectIn(language: Language, got: Awaited<ReturnType<typeof refusals>>): void {
  const t = messages(language);
  expect(got.signIn).toEqual({ status: 401, body: { error: t.api.signInFirst, code: 'sign_in' } });
  expect(got.noComplaint).toMatchObject({
    status: 404,
    body: { error: t.responses.refusal('no_complaint', { id: 'c-nothing' }), code: 'no_complaint' },
  });
  expect(got.noAnswer).toMatchObject({
    status: 404,
    body: { error: t.responses.refusal('no_answer', { id: 'r-nothing' }), code: 'no_answer' },
  });
  expect(got.badBody).toMatchObject({ status: 400, body: { error: t.workspace.invalidBody, code: 'invalid_body' } });
  expect(got.notJson).toEqual({ status: 400, body: { error: t.workspace.notJson, code: 'not_json' } });
  expect(got.unknownOpd).toEqual({
    status: 422,
    body: { error: t.api.unknownOpd('dinas-entah'), code: 'UNKNOWN_OPD' },
  });
  expect(got.noCase).toEqual({
    status: 404,
    body: { error: t.api.caseRefusal('NOT_FOUND', { id: 'c-nothing' }), code: 'NOT_FOUND' },
  });
  expect(got.badQuery).toEqual({ status: 400, body: { error: t.rekap.query.monthFormat, code: 'invalid_query' } });
  expect(got.noChannel).toEqual({ status: 404, body: { error: t.api.hooks.noChannel, code: 'no_channel' } });
  expect(got.unsigned).toEqual({
    status: 401,
    body: { error: t.api.hooks.signatureRefused, code: 'signature_refused' },
  });
  expect(got.signedNotJson).toMatchObject({ status: 400, body: { error: t.api.hooks.notJsonKept, code: 'not_json' } });
}

let indonesian: HookDaemon;
let english: HookDaemon;
beforeAll(async () => {
  [indonesian, english] = await Promise.all([
    startHookDaemon('lang-id'),
    startHookDaemon('lang-en', { instance: { language: 'en' } }),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([indonesian?.stop(), english?.stop()]);
});

describe('API and webhook error answers in the reader language (real daemons, real Redis)', () => {
  it('are Indonesian by default, in words from the catalogue, zod problems included', async () => {
    const got = await refusals(indonesian.url);
    expectIn('id', got);
    // Spelled out once, so the catalogue itself is held to Indonesian.
    expect(got.unsigned.body.error).toBe('tanda tangan tidak diterima');
    expect(got.noComplaint.body.error).toBe('tidak ada aduan "c-nothing"');
    expect(got.badBody.body.problems).toEqual([
      'text: Input tidak valid: diharapkan string, diterima number',
      '(body): Kunci tidak dikenali : "extra"',
    ]);
  });

  it('are English when the configuration says so, with the same codes', async () => {
    const got = await refusals(english.url);
    expectIn('en', got);
    expect(got.unsigned.body.error).toBe('signature not accepted');
    expect(got.badBody.body.problems?.[0]).toBe('text: Invalid input: expected string, received number');
  });

  it("follow a person's choice of language over the daemon's", async () => {
    expectIn('en', await refusals(indonesian.url, 'lb_lang=en'));
    expectIn('id', await refusals(english.url, 'lb_lang=id'));
  });
});
