import { createHmac } from 'node:crypto';
import { dedupDoc, type DedupDoc } from '../../src/dedup/doc.js';
import { BLORA_KECAMATAN, BLORA_STREETS } from '../../src/sandbox/shared/blora-places.js';
import { fillSlots, renderText } from '../../src/sandbox/shared/complaint-text.js';
import { TOPIC_TREE, type SubTopic } from '../../src/sandbox/shared/complaint-topics.js';
import { generatePerson, type PersonFacts } from '../../src/sandbox/shared/people.js';
import { createRandom, type Random } from '../../src/sandbox/shared/random.js';

/**
 * A labelled corpus of complaints with the transformations channels really apply: a
 * citizen's complaint, resent on another channel (SMS abbreviations, cut to 160
 * characters, retyped with typos, salutations added or dropped, days or weeks later,
 * identity or place missing on one side), sometimes retold (the same points in new words and order); the same problem
 * told by another citizen (related, a hard negative for "duplicate"); another problem of
 * the same citizen (a hard negative too); and everything else.
 */
export interface LabelledRecord {
  doc: DedupDoc;
  /** The text as the channel delivered it. */
  raw: string;
  /** Records with the same issue are duplicates of each other. */
  issue: string;
  /** Records with the same problem (place + subject) told by different citizens are related. */
  problem: string;
  citizen: string;
  variant: 'original' | 'resend' | 'retold' | 'related' | 'other-issue';
  /** What the channel and the citizen did to this record ("sms", "cut-160", "typos", "no-reporter"…), for the eval's breakdown. */
  changes: readonly string[];
}

const DAY = 86_400_000;
const SUBTOPICS = TOPIC_TREE.flatMap((top) => top.children);
const DURATIONS = ['2 minggu', 'sebulan', '3 bulan', 'setengah tahun', 'lebih dari setahun', '5 hari'];
const OPENINGS = [
  'Yth. Bapak Bupati Blora,',
  'Selamat pagi,',
  'Assalamualaikum wr. wb.',
  'Selamat siang admin,',
  'Kepada Yth. Dinas terkait,',
];
const CLOSINGS = [
  'Mohon ditindaklanjuti, terima kasih.',
  'Mohon segera ditindaklanjuti. Terima kasih.',
  'Terima kasih.',
  'Wassalam.',
];

interface Problem {
  key: string;
  sub: SubTopic;
  desa: string;
  kec: string;
  slots: Record<string, string>;
}

function newProblem(r: Random): Problem {
  const sub = r.pick(SUBTOPICS);
  const kec = r.pick(BLORA_KECAMATAN);
  const desa = r.pick(kec.desa);
  const slots = {
    desa,
    kec: kec.name,
    lokasi: `Desa ${desa}, Kec. ${kec.name}`,
    jalan: r.pick(BLORA_STREETS),
    durasi: r.pick(DURATIONS),
    rt: `RT ${String(r.int(1, 9)).padStart(2, '0')} RW ${String(r.int(1, 5)).padStart(2, '0')}`,
    sekolah: `${r.pick(['SDN 1', 'SDN 2', 'SMPN 1'])} ${desa}`,
  };
  // Two problems of one subject in one desa are the same problem told twice: related, not different.
  return { key: `${sub.name}|${desa}`, sub, desa, kec: kec.name, slots };
}

/** Words people swap for each other: each citizen has their own habits. */
const SYNONYMS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/\brusak parah\b/g, ['hancur', 'rusak berat', 'rusaknya parah sekali']],
  [/\bberlubang\b/g, ['bolong-bolong', 'banyak lubangnya', 'penuh lubang']],
  [/\bsangat\b/g, ['sekali', 'benar-benar', 'amat']],
  [/\bsudah\b/g, ['telah', 'sudah sekitar']],
  [/\bbelum\b/g, ['masih belum', 'tak kunjung']],
  [/\btidak\b/g, ['nggak', 'tak']],
  [/\bwarga\b/g, ['masyarakat', 'penduduk']],
  [/\bmohon\b/g, ['tolong', 'kami minta']],
  [/\bpetugas\b/g, ['pegawai', 'oknum petugas']],
  [/\blambat\b/g, ['lama sekali', 'bertele-tele']],
  [/\bpadahal\b/g, ['walaupun', 'meskipun']],
  [/\bdiperbaiki\b/g, ['dibenahi', 'ditangani']],
  [/\bmembahayakan\b/g, ['berbahaya bagi', 'mengancam keselamatan']],
  [/\bsetiap hari\b/g, ['tiap hari', 'saban hari']],
  [/\bkarena\b/g, ['sebab', 'soalnya']],
];
const LANDMARKS = [
  'masjid',
  'balai desa',
  'SD',
  'pasar',
  'pertigaan',
  'jembatan kecil',
  'makam',
  'lapangan',
  'pos ronda',
  'warung',
];
const PERSONAL = [
  'Kejadiannya sejak tanggal {d} {m}.',
  'Tepatnya di depan {l} dekat rumah Pak {n}.',
  'Saya sudah {k} kali menyampaikan ke perangkat desa tapi belum ada tanggapan.',
  'Saya sendiri hampir celaka minggu lalu.',
  'Tetangga saya Bu {n} juga mengalami hal yang sama.',
  'Foto sudah saya lampirkan.',
  'Ini sudah berlangsung dari {m} kemarin.',
  'Kami sekeluarga sangat terganggu.',
];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus'];
const NAMES = ['Karno', 'Darmo', 'Sutris', 'Rohmat', 'Kasmi', 'Painem', 'Tarno', 'Warsito', 'Sumini', 'Giyanto'];

/** A citizen's own words: synonyms by habit, a personal detail or two, the order of their thoughts. */
function inOwnWords(sentences: string[], r: Random): string[] {
  const habits = SYNONYMS.filter(() => r.chance(0.5)).map(([pattern, words]) => [pattern, r.pick(words)] as const);
  const own = sentences.map((s) => habits.reduce((t, [pattern, word]) => t.replace(pattern, word), s));
  for (let k = r.int(0, 2); k > 0; k--) {
    own.splice(
      r.int(1, own.length),
      0,
      fillSlots(r.pick(PERSONAL), {
        d: String(r.int(1, 28)),
        m: r.pick(MONTHS),
        l: r.pick(LANDMARKS),
        n: r.pick(NAMES),
        k: String(r.int(2, 5)),
      }),
    );
  }
  return own;
}

/** One citizen's own wording of a problem; `avoid` is a core sentence another citizen already used. */
function tell(problem: Problem, r: Random, avoid?: string, same?: string): { paragraphs: string[]; core: string } {
  const cores = problem.sub.pengaduan.core.filter((c) => c !== avoid);
  const core = same ?? r.pick(cores.length > 0 ? cores : problem.sub.pengaduan.core);
  const paragraphs: string[] = [];
  if (r.chance(0.6)) paragraphs.push(r.pick(OPENINGS));
  if (r.chance(0.4)) paragraphs.push(`Saya warga ${problem.slots.rt} ${problem.slots.lokasi}.`);
  const details = [...problem.sub.pengaduan.details];
  const body = [fillSlots(core, problem.slots)];
  for (let n = r.int(0, 3); n > 0 && details.length > 0; n--)
    body.push(fillSlots(details.splice(r.int(0, details.length - 1), 1)[0]!, problem.slots));
  paragraphs.push(...inOwnWords(body, r));
  if (r.chance(0.8)) paragraphs.push(r.pick(CLOSINGS));
  return { paragraphs, core };
}

function typos(text: string, r: Random, rate: number): string {
  return text
    .split(' ')
    .map((w) => {
      if (w.length < 4 || !r.chance(rate)) return w;
      const i = r.int(1, w.length - 2);
      switch (r.int(0, 3)) {
        case 0:
          return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
        case 1:
          return w.slice(0, i) + w.slice(i + 1);
        case 2:
          return w.slice(0, i) + w[i] + w.slice(i);
        default:
          return w.slice(0, i) + r.pick([...'aiueonmrst']) + w.slice(i + 1);
      }
    })
    .join(' ');
}

/** The channel's rendering of a citizen's paragraphs, and what it did to them. */
function onChannel(paragraphs: readonly string[], r: Random, resend: boolean): { text: string; changes: string[] } {
  const changes: string[] = [];
  let ps = [...paragraphs];
  if (resend && r.chance(0.3)) {
    ps = ps.filter((p) => !OPENINGS.includes(p) && !CLOSINGS.includes(p));
    changes.push('salutations-dropped');
  }
  if (resend && r.chance(0.3)) {
    ps = [r.pick(OPENINGS), ...ps];
    changes.push('salutation-added');
  }
  const rendered = renderText(ps, r);
  let text = r.weighted([
    [rendered.plain, 45],
    [rendered.html, 25],
    [rendered.sms, 30],
  ] as const);
  changes.push(text === rendered.sms ? 'sms' : text === rendered.html ? 'html' : 'plain');
  if (resend && r.chance(0.35)) {
    text = typos(text, r, 0.06);
    changes.push('typos');
  }
  if (resend && text === rendered.sms && r.chance(0.5)) {
    if (text.length > 160) changes.push('cut-160');
    text = text.slice(0, 160);
  }
  return { text, changes };
}

export function generateCorpus(options: { seed: number; problems: number; salt?: string }): LabelledRecord[] {
  const root = createRandom(options.seed).fork('dedup-corpus');
  const salt = options.salt ?? 'eval';
  const start = Date.UTC(2026, 0, 1);
  const records: (LabelledRecord & { at: number })[] = [];
  let n = 0;
  const add = (
    told: { text: string; changes: readonly string[] },
    at: number,
    person: PersonFacts | undefined,
    problem: Problem,
    meta: Omit<LabelledRecord, 'doc' | 'problem' | 'raw' | 'changes'>,
    r: Random,
  ) => {
    const id = `e${++n}`;
    const known = person !== undefined;
    const source = r.pick(['lapor', 'wa', 'superapp', 'bupati', 'sms']);
    const desa = r.chance(0.75) ? problem.desa : undefined;
    const kecamatan = r.chance(0.85) ? problem.kec : undefined;
    const category = r.chance(0.6) ? problem.sub.name : undefined;
    const doc = dedupDoc({
      id,
      source,
      body: told.text,
      reporterHash: known ? createHmac('sha256', salt).update(person.nik).digest('hex').slice(0, 32) : undefined,
      desa,
      kecamatan,
      category,
      reportedAt: new Date(at).toISOString(),
    });
    const missing = [
      ...(known ? [] : ['no-reporter']),
      ...(desa ? [] : ['no-desa-field']),
      ...(category ? [] : ['no-category']),
    ];
    records.push({ doc, raw: told.text, problem: problem.key, ...meta, changes: [...told.changes, ...missing], at });
  };
  for (let i = 0; i < options.problems; i++) {
    const r = root.fork(`#${i}`);
    const problem = newProblem(r);
    const citizen = generatePerson(r);
    const at = start + r.int(0, 180) * DAY + r.int(0, DAY - 1);
    const issue = `i${i}`;
    const told = tell(problem, r);
    add(
      onChannel(told.paragraphs, r, false),
      at,
      r.chance(0.85) ? citizen : undefined,
      problem,
      { issue, citizen: citizen.nik, variant: 'original' },
      r,
    );
    if (r.chance(0.35)) {
      for (let k = r.int(1, 2); k > 0; k--) {
        const soon = r.chance(0.5);
        const later = at + (soon ? r.int(0, 3) * DAY : r.int(7, 42) * DAY) + r.int(60_000, DAY);
        const retold = r.chance(0.1);
        const text = retold
          ? onChannel(tell(problem, r, undefined, told.core).paragraphs, r, true)
          : onChannel(told.paragraphs, r, true);
        add(
          { text: text.text, changes: [...text.changes, soon ? 'days-later' : 'weeks-later'] },
          later,
          r.chance(0.7) ? citizen : undefined,
          problem,
          { issue, citizen: citizen.nik, variant: retold ? 'retold' : 'resend' },
          r,
        );
      }
    }
    if (r.chance(0.2)) {
      const other = generatePerson(r);
      const text = onChannel(tell(problem, r, told.core).paragraphs, r, false);
      add(
        text,
        at + r.int(0, 20) * DAY,
        r.chance(0.8) ? other : undefined,
        problem,
        { issue: `${issue}-related`, citizen: other.nik, variant: 'related' },
        r,
      );
    }
    if (r.chance(0.12)) {
      const second = newProblem(r);
      const text = onChannel(tell(second, r).paragraphs, r, false);
      add(
        text,
        at + r.int(0, 60) * DAY,
        citizen,
        second,
        { issue: `${issue}-other`, citizen: citizen.nik, variant: 'other-issue' },
        r,
      );
    }
  }
  return records.sort((a, b) => a.at - b.at || a.doc.id.localeCompare(b.doc.id)).map(({ at: _at, ...rest }) => rest);
}
