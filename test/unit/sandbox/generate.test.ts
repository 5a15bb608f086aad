import { describe, expect, it } from 'vitest';
import { generateComplaints } from '../../../src/sandbox/shared/generate.js';
import { BLORA_KECAMATAN } from '../../../src/sandbox/shared/blora-places.js';

const from = new Date('2024-01-01T00:00:00Z');
const to = new Date('2024-06-30T00:00:00Z');

describe('generateComplaints', () => {
  it('is deterministic from its seed', () => {
    const a = generateComplaints({ seed: 7, count: 50, from, to });
    const b = generateComplaints({ seed: 7, count: 50, from, to });
    const c = generateComplaints({ seed: 8, count: 50, from, to });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('keeps a kabupaten-typical mix of classifications and flags', () => {
    const all = generateComplaints({ seed: 42, count: 3000, from, to });
    const share = (k: string) => all.filter((f) => f.classification === k).length / all.length;
    expect(share('pengaduan')).toBeGreaterThan(0.65);
    expect(share('pengaduan')).toBeLessThan(0.73);
    expect(share('permintaan_informasi')).toBeGreaterThan(0.17);
    expect(share('permintaan_informasi')).toBeLessThan(0.23);
    expect(share('aspirasi')).toBeGreaterThan(0.08);
    expect(share('aspirasi')).toBeLessThan(0.14);
    expect(all.some((f) => f.anonim)).toBe(true);
    const rahasia = all.filter((f) => f.rahasia).length / all.length;
    expect(rahasia).toBeGreaterThan(0);
    expect(rahasia).toBeLessThan(0.1);
  });

  it('writes like citizens do: conventions, <br />, SMS shorthand, masked phones, Blora places', () => {
    const all = generateComplaints({ seed: 42, count: 500, from, to });
    const html = all.map((f) => f.text.html);
    expect(html.some((t) => t.startsWith('Yth. '))).toBe(true);
    expect(html.some((t) => t.includes('Mohon ditindaklanjuti, terima kasih'))).toBe(true);
    expect(html.some((t) => t.includes('Mohon informasinya'))).toBe(true);
    expect(html.some((t) => t.includes('<br />'))).toBe(true);
    expect(html.some((t) => /0\[\*+\]\d/.test(t))).toBe(true);
    expect(all.some((f) => /\b(yg|tdk|sdh|mhn)\b/.test(f.text.sms))).toBe(true);
    const lengths = html.map((t) => t.length);
    expect(Math.max(...lengths)).toBeGreaterThan(2 * Math.min(...lengths));
    const kecamatan = new Set(BLORA_KECAMATAN.map((k) => k.name));
    expect(all.every((f) => kecamatan.has(f.place.kecamatan) && f.place.kabupaten === 'Blora')).toBe(true);
    expect(all.every((f) => /^3316\d{12}$/.test(f.reporter.nik) && /^08\d{9,11}$/.test(f.reporter.phone))).toBe(true);
  });

  it('orders reports oldest first within the window, at whole seconds', () => {
    const all = generateComplaints({ seed: 3, count: 200, from, to });
    const times = all.map((f) => f.reportedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.every((t) => t % 1000 === 0 && t >= from.getTime() && t <= to.getTime())).toBe(true);
  });
});
