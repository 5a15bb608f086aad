import { describe, expect, it } from 'vitest';
import { parsedIn } from '../../../src/i18n/schema-text.js';
import { loadDirectory } from '../../../src/opd/load-directory.js';
import { trainModel } from '../../../src/routing/trainer.js';
import { routingRuleSchema } from '../../../src/routing/config-schema.js';
import { decideRoute } from '../../../src/routing/decide.js';
import { messages } from '../../../src/i18n/messages.js';
import { evaluateRouting } from '../../../src/routing/evaluate.js';
import { RoutingRules } from '../../../src/routing/rules.js';
import { generateRoutingData } from '../../../bench/lib/route-data.js';

const units = loadDirectory('config/opd/blora.yaml').directory!;
const kecamatan = units.list().filter((u) => u.kind === 'kecamatan');
const rules = new RoutingRules(
  [
    { name: 'pdam-wa', channels: ['wadesk'], keywords: ['air mati', 'PDAM'], opd: 'pdam' },
    { categories: ['Kesehatan'], opd: 'dinkes' },
    { keywords: ['surat pengantar', 'legalisir'], place: 'kecamatan' },
  ].map((r) => routingRuleSchema.parse(r)),
  kecamatan,
);

describe('routing rules', () => {
  it.each([
    [
      "a keyword on the rule's channel",
      { channel: 'wadesk', text: 'Air mati sejak kemarin' },
      'pdam',
      /aturan pdam-wa: kanal wadesk, kata "air mati"/,
    ],
    [
      "the channel's category, loosely",
      { channel: 'superapp', category: 'KESEHATAN', text: 'antrean lama' },
      'dinkes',
      /kategori "KESEHATAN"/,
    ],
    [
      'a desa named in the text → its kecamatan',
      { channel: 'superapp', text: 'minta surat pengantar di desa Gagakan susah' },
      'kec-sambong',
      /lokasi di Kecamatan Sambong \(disebut di teks\)/,
    ],
    [
      'the kecamatan of the location wins over the text',
      { channel: 'x', text: 'legalisir di Jepon lama', location: { kecamatan: 'Kec. Cepu' } },
      'kec-cepu',
      /kecamatan pada lokasi/,
    ],
    [
      '"kecamatan X" in the text',
      { channel: 'x', text: 'legalisir di kecamatan Japah lama' },
      'kec-japah',
      /Kecamatan Japah/,
    ],
  ])('%s', (_label, input, opd, reason) => {
    const m = rules.match(input);
    expect(m?.opd).toBe(opd);
    expect(m?.reason).toMatch(reason);
  });

  it.each([
    ['a keyword on another channel', { channel: 'lapor', text: 'air mati sejak kemarin' }],
    ['a keyword inside another word', { channel: 'wadesk', text: 'pdamai sekali' }],
    [
      '"Bupati Blora" is not the kecamatan Blora',
      { channel: 'x', text: 'Yth Bupati Blora, legalisir ijazah lama sekali' },
    ],
    ['no condition holds', { channel: 'x', text: 'jalan rusak' }],
  ])('does not match %s', (_label, input) => {
    expect(rules.match(input)).toBeUndefined();
  });

  it('refuses a rule without a target or a condition, naming what is missing', () => {
    // Indonesian outside a configuration load in another language.
    expect(routingRuleSchema.safeParse({ keywords: ['x'] }).error?.issues[0]?.message).toMatch(/tepat salah satunya/);
    expect(routingRuleSchema.safeParse({ opd: 'dinkes' }).error?.issues[0]?.message).toMatch(/butuh syarat/);
    const english = parsedIn('en', () => routingRuleSchema.safeParse({ keywords: ['x'] }).error?.issues[0]?.message);
    expect(english).toMatch(/exactly one/);
  });
});

describe('order of evidence after the source', () => {
  const model = trainModel(generateRoutingData(3000, 5), { now: new Date('2026-01-01T00:00:00Z') });

  it('a rule first, then the model when it is sure, else triage with three suggestions', () => {
    expect(
      decideRoute({ channel: 'wadesk', text: 'PDAM mati, jalan rusak parah berlubang' }, rules, model, 0.85),
    ).toMatchObject({ by: 'rule', opd: 'pdam' });
    const sure = decideRoute(
      { channel: 'lapor', text: 'jalan rusak parah berlubang aspal jalan kabupaten mengelupas' },
      rules,
      model,
      0.85,
    );
    expect(sure).toMatchObject({ by: 'model', opd: 'dpupr', modelVersion: model.version });
    expect(sure.by === 'model' && sure.reason).toMatch(/yakin \(ambang 85%\)/);
    const unsure = decideRoute({ channel: 'lapor', text: 'mohon perhatiannya pak' }, rules, model, 0.85);
    expect(unsure.by).toBe('triage');
    expect(unsure.by === 'triage' && unsure.suggestions).toHaveLength(3);
  });

  it('never routes by itself after a "bukan wewenang", and leaves the returning OPD out', () => {
    const d = decideRoute(
      { channel: 'lapor', text: 'jalan rusak parah berlubang aspal jalan kabupaten mengelupas' },
      rules,
      model,
      0.85,
      ['dpupr'],
    );
    expect(d.by).toBe('triage');
    expect(d.by === 'triage' && d.suggestions.map((s) => s.opd)).not.toContain('dpupr');
    expect(d.reason).toMatch(/bukan wewenang/);
    expect(d.by === 'triage' && d.why).toEqual({ kind: 'returned', by: ['dpupr'] });
    // The triage entry keeps the facts; each reader reads why in their language.
    const entry = {
      kind: 'unrouted',
      source: 'lapor',
      value: '(tanpa OPD)',
      why: d.by === 'triage' ? d.why : undefined,
    };
    expect(messages('id').triage.reason(entry)).toBe(
      'dikembalikan "bukan wewenang" oleh dpupr; pilih salah satu saran atau OPD lain',
    );
    expect(messages('en').triage.reason(entry)).toBe(
      'returned as "not our authority" by dpupr; pick a suggestion or another OPD',
    );
    const unsure = { ...entry, why: { kind: 'unsure' as const, confidence: 0.4, threshold: 0.85 } };
    expect(messages('en').triage.reason(unsure)).toBe(
      'the model is 40% sure, below the threshold of 85%; pick a suggestion or another OPD',
    );
    // Written before the facts were kept: the reason as recorded.
    expect(messages('en').triage.reason({ ...entry, why: undefined, reason: 'keyakinan model 40%' })).toBe(
      'keyakinan model 40%',
    );
  });

  it('without a model, everything the rules do not take goes to triage, saying why', () => {
    expect(decideRoute({ channel: 'lapor', text: 'jalan rusak' }, rules, undefined, 0.85)).toMatchObject({
      by: 'triage',
      suggestions: [],
      reason: expect.stringMatching(/belum ada model/),
    });
  });
});

describe('route-eval on a labelled export', () => {
  it('scores rows after the date, counts "bukan wewenang", blank and unknown labels apart', () => {
    const rows = generateRoutingData(1500, 9).map((e) => ({
      text: e.text,
      category: e.category,
      label: units.get(e.opd)!.name,
      reportedAt: e.reportedAt,
    }));
    rows.push({ text: 'x', category: undefined, label: 'Bukan Wewenang', reportedAt: '2025-09-01T00:00:00Z' });
    rows.push({ text: 'y', category: undefined, label: '', reportedAt: '2025-09-01T00:00:00Z' });
    rows.push({ text: 'z', category: undefined, label: 'Dinas Entah', reportedAt: '2025-09-01T00:00:00Z' });
    rows.push({
      text: 'koperasi simpan pinjam bermasalah',
      category: undefined,
      label: 'Dinas Koperasi dan Usaha Mikro',
      reportedAt: '2025-09-02T00:00:00Z',
    });
    const e = evaluateRouting(rows, '2025-06-01', units, ['impor', 'file-import'], 0.85);
    expect(e.counts).toMatchObject({ rows: 1504, notAuthority: 1, blank: 1 });
    expect(e.counts.unknownLabels).toEqual(new Map([['Dinas Entah', 1]]));
    expect(e.counts.train + e.counts.test).toBe(1501);
    expect(e.withCategory.n).toBe(e.counts.test);
    // A merged unit's label counts as the unit holding its work today.
    expect(e.withCategory.confusion.has('dinkop')).toBe(false);
    expect(e.withCategory.top3).toBeGreaterThan(0.7);
    expect(e.withCategory.perOpd.length).toBeGreaterThan(30);
  });
});
