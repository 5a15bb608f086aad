import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLaporSandbox, type LaporSandbox } from '../../src/sandbox/lapor/index.js';

/** The sandbox's own promises, checked over HTTP the way any client would see them. */
const MONDAY_10_WIB = Date.parse('2024-03-04T03:00:00Z');

interface Envelope<T> {
  status: boolean;
  message: string;
  data: T;
}
type Wire = Record<string, unknown> & {
  tracking_id: string;
  last_activity_at: string;
  status: string;
  tracking: { tracking_type: string }[];
};

describe('LAPOR sandbox', () => {
  let sb: LaporSandbox;
  const headers = { 'X-Lapor-Token': 'sandbox-test-token', 'Content-Type': 'application/json' };
  const api = async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: Envelope<T> }> => {
    const res = await fetch(`${sb.url}${path}`, {
      ...init,
      headers: { ...headers, ...(init.headers as Record<string, string>) },
    });
    return { status: res.status, body: (await res.json()) as Envelope<T> };
  };
  const post = <T>(path: string, body: unknown) => api<T>(path, { method: 'POST', body: JSON.stringify(body) });

  beforeAll(async () => {
    sb = await startLaporSandbox({
      seed: 11,
      reports: 300,
      token: 'sandbox-test-token',
      now: () => new Date(MONDAY_10_WIB),
      firstTrackingId: '2147483600',
    });
  });
  afterAll(() => sb.close());

  it('pages through every visible report exactly once, in activity order, stable under equal timestamps', async () => {
    const seen: string[] = [];
    let since: string | undefined;
    let sinceId: string | undefined;
    for (let guard = 0; guard < 200; guard++) {
      const q = new URLSearchParams({
        limit: '7',
        ...(since ? { since } : {}),
        ...(sinceId ? { since_id: sinceId } : {}),
      });
      const { body } = await api<{ items: Wire[]; has_more: boolean }>(
        `/api/v1/instansi/${sb.instansiId}/laporan?${q}`,
      );
      // The cursor is inclusive: the record it points at comes back first.
      const fresh = body.data.items.filter((r) => !(r.tracking_id === sinceId && r.last_activity_at === since));
      seen.push(...fresh.map((r) => r.tracking_id));
      const last = body.data.items[body.data.items.length - 1];
      if (!body.data.has_more || !last) break;
      since = last.last_activity_at;
      sinceId = last.tracking_id;
    }
    expect(seen).toEqual(sb.visibleTrackingIds());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.some((id) => BigInt(id) > 2n ** 31n)).toBe(true);
  });

  it('caps the page size', async () => {
    const { body } = await api<{ items: Wire[]; limit: number }>(
      `/api/v1/instansi/${sb.instansiId}/laporan?limit=1000`,
    );
    expect(body.data.limit).toBe(100);
    expect(body.data.items).toHaveLength(100);
  });

  it("never shows a rahasia report or anyone's identity on the public site", async () => {
    const rahasia = sb.addReport({ rahasia: true, judul: 'Laporan rahasia' });
    const all = await fetch(`${sb.url}/public/laporan?page=1`).then((r) => r.json() as Promise<{ total: number }>);
    const pages = Math.ceil(all.total / 20);
    const publicText: string[] = [];
    for (let page = 1; page <= pages; page++)
      publicText.push(await fetch(`${sb.url}/public/laporan?page=${page}`).then((r) => r.text()));
    const shown = publicText.flatMap((t) =>
      (JSON.parse(t) as { data: { tracking_id: string }[] }).data.map((d) => d.tracking_id),
    );
    expect(shown).not.toContain(rahasia);
    expect((await fetch(`${sb.url}/public/laporan/${rahasia}`)).status).toBe(404);
    const stored = sb.visibleTrackingIds().map((id) => sb.report(id)!);
    for (const r of stored.filter((x) => x.rahasia)) expect(shown).not.toContain(r.trackingId);
    const text = publicText.join('\n');
    expect(text).not.toMatch(/"pelapor"|"nik"|"telp"/);
    for (const r of stored) {
      const who = r.reporter as { phone: string; nik?: string } | undefined;
      if (who) expect(text).not.toContain(who.phone);
      if (who?.nik) expect(text).not.toContain(who.nik);
    }
  });

  it('hides the reporter of an anonim report from the instansi too', async () => {
    const id = sb.addReport({ anonim: true });
    const { body } = await api<Wire>(`/api/v1/laporan/${id}`);
    expect(body.data.pelapor).toBeNull();
    expect(body.data.anonim).toBe(true);
  });

  it('records a tindak lanjut once per client reference and closes the report after 10 working days', async () => {
    const id = sb.addReport();
    const first = await post<{ tindak_lanjut_id: string; duplicate: boolean }>(`/api/v1/laporan/${id}/tindak-lanjut`, {
      client_ref: 'resp-1',
      isi: 'Sudah kami perbaiki.',
      oleh: 'Dinas PUPR',
    });
    const again = await post<{ tindak_lanjut_id: string; duplicate: boolean }>(`/api/v1/laporan/${id}/tindak-lanjut`, {
      client_ref: 'resp-1',
      isi: 'Sudah kami perbaiki.',
    });
    expect([first.status, first.body.data.duplicate]).toEqual([201, false]);
    expect([again.status, again.body.data.duplicate, again.body.data.tindak_lanjut_id]).toEqual([
      200,
      true,
      first.body.data.tindak_lanjut_id,
    ]);
    const detail = (await api<Wire>(`/api/v1/laporan/${id}`)).body.data;
    expect(detail.status).toBe('ditindaklanjuti');
    expect(detail.tracking.filter((t) => t.tracking_type === 'tindak_lanjut')).toHaveLength(1);

    sb.advanceClock({ workingDays: 9 });
    expect((await api<Wire>(`/api/v1/laporan/${id}`)).body.data.status).toBe('ditindaklanjuti');
    sb.advanceClock({ workingDays: 1 });
    expect((await api<Wire>(`/api/v1/laporan/${id}`)).body.data.status).toBe('selesai');
    const closed = await post(`/api/v1/laporan/${id}/tindak-lanjut`, { client_ref: 'resp-2', isi: 'Tambahan.' });
    expect(closed.status).toBe(409);
  });

  it('reopens on a reporter reply inside the window', async () => {
    const id = sb.addReport();
    await post(`/api/v1/laporan/${id}/tindak-lanjut`, { client_ref: 'r', isi: 'Ditangani.' });
    sb.act(id, { action: 'balasan_pelapor', note: 'Belum beres.' });
    sb.advanceClock({ workingDays: 11 });
    expect((await api<Wire>(`/api/v1/laporan/${id}`)).body.data.status).toBe('diproses');
  });

  it('follows "bukan wewenang": visible as returned, gone once disposed elsewhere, back when disposed again', async () => {
    const id = sb.addReport();
    sb.act(id, { action: 'bukan_wewenang' });
    expect((await api<Wire>(`/api/v1/laporan/${id}`)).body.data.status).toBe('bukan wewenang');
    expect(sb.visibleTrackingIds()).toContain(id);
    sb.act(id, { action: 'disposisi', instansi_id: '33' });
    expect((await api(`/api/v1/laporan/${id}`)).status).toBe(404);
    expect(sb.visibleTrackingIds()).not.toContain(id);
    sb.act(id, { action: 'bukan_wewenang' });
    sb.act(id, { action: 'disposisi', instansi_id: sb.instansiId });
    expect((await api<Wire>(`/api/v1/laporan/${id}`)).body.data.status).toBe('terdisposisi');
    expect(() => sb.act(id, { action: 'balasan_pelapor' })).toThrow(/not possible/);
  });

  it('creates a forwarded report once per client reference, with a tracking id kept as a string', async () => {
    const input = {
      client_ref: 'wa-000123',
      judul: 'Lampu PJU mati',
      isi: 'Lampu PJU di Jl. Pemuda mati sudah seminggu. Mohon ditindaklanjuti, terima kasih.',
      klasifikasi: 'pengaduan',
      topic_id: '18',
      anonim: false,
      rahasia: false,
      pelapor: { nama: 'Budi', telp: '081234567890' },
    };
    const a = await post<{ tracking_id: string; transaksi_id: string; duplicate: boolean }>('/api/v1/laporan', input);
    const b = await post<{ tracking_id: string; transaksi_id: string; duplicate: boolean }>('/api/v1/laporan', input);
    expect(a.status).toBe(201);
    expect(typeof a.body.data.tracking_id).toBe('string');
    expect(BigInt(a.body.data.tracking_id) > 2n ** 31n).toBe(true);
    expect(b.body.data).toMatchObject({
      tracking_id: a.body.data.tracking_id,
      transaksi_id: a.body.data.transaksi_id,
      duplicate: true,
    });
    const byRef = await api<Wire>('/api/v1/laporan/ref/wa-000123');
    expect(byRef.body.data).toMatchObject({
      tracking_id: a.body.data.tracking_id,
      status: 'terdisposisi',
      client_ref: 'wa-000123',
    });
    expect((await api('/api/v1/laporan/ref/unknown')).status).toBe(404);
    const bad = await post('/api/v1/laporan', { isi: 'pendek', klasifikasi: 'keluhan' });
    expect(bad.status).toBe(422);
  });
});

describe('LAPOR sandbox authentication', () => {
  it.each([
    ['header', (t: string) => ({ headers: { 'X-Lapor-Token': t }, query: '' })],
    ['bearer', (t: string) => ({ headers: { Authorization: `Bearer ${t}` }, query: '' })],
    ['keytoken', (t: string) => ({ headers: {}, query: `?KEYTOKEN=${t}` })],
  ] as const satisfies readonly (readonly [
    string,
    (t: string) => { headers: Record<string, string>; query: string },
  ])[])('%s: right token 200, wrong 403, none 401', async (style, place) => {
    const sb = await startLaporSandbox({ reports: 5, token: 'right', auth: { style } });
    try {
      const call = async (token?: string) => {
        const p: { headers: Record<string, string>; query: string } =
          token === undefined ? { headers: {}, query: '' } : place(token);
        return (await fetch(`${sb.url}/api/v1/topics${p.query}`, { headers: p.headers })).status;
      };
      expect([await call('right'), await call('wrong'), await call()]).toEqual([200, 403, 401]);
    } finally {
      await sb.close();
    }
  });

  it('legacy profile: POST form with KEYTOKEN, a wrong token answered 200 with status:false, local timestamps and "1"/"0" flags', async () => {
    const sb = await startLaporSandbox({ reports: 20, token: 'legacy', profile: 'legacy' });
    try {
      const form = (fields: Record<string, string>) => ({
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
      const wrong = await fetch(`${sb.url}/api/services/f01/gettopics`, form({ KEYTOKEN: 'nope' }));
      expect([wrong.status, await wrong.json()]).toEqual([200, { status: false, message: 'token invalid' }]);
      const list = (await (
        await fetch(
          `${sb.url}/api/services/f01/getlaporan`,
          form({ KEYTOKEN: 'legacy', instansi_id: sb.instansiId, limit: '3' }),
        )
      ).json()) as Envelope<Wire[]>;
      expect(list.data).toHaveLength(3);
      expect(list.data[0]!.last_activity_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(['0', '1']).toContain(list.data[0]!.rahasia);
    } finally {
      await sb.close();
    }
  });
});
