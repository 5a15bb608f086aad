import { parseArgs } from 'node:util';
import { dedupOffline } from '../../src/dedup/offline.js';
import { DEFAULT_DEDUP_SETTINGS, type DedupSettings } from '../../src/dedup/settings.js';
import { loadConfig } from '../../src/config/load.js';
import { generateCorpus, type LabelledRecord } from './corpus.js';
import { comparePairs, pairKey, pairsOf, type PairScore } from './metrics.js';
import { tfidfBaseline } from './tfidf.js';

/**
 * `npm run eval:dedup`: the dedup engine (the ingest stage's buckets, candidates and
 * scores, run offline) on a generated labelled corpus, against a TF-IDF cosine baseline
 * with its best threshold found in the same run. Prints markdown; exit 0 unless it crashes.
 */
const { values } = parseArgs({
  options: {
    problems: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '7' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write('npm run eval:dedup -- [--problems N (3000)] [--seed N (7)]\n');
  process.exit(0);
}
const problems = Number(values.problems);
const seed = Number(values.seed);
if (!Number.isInteger(problems) || problems < 10 || !Number.isInteger(seed)) {
  process.stderr.write('--problems must be an integer ≥ 10 and --seed an integer\n');
  process.exit(2);
}

const settings: DedupSettings = (() => {
  try {
    return loadConfig({ env: {} }).config.dedup;
  } catch {
    return DEFAULT_DEDUP_SETTINGS;
  }
})();

const corpus = generateCorpus({ seed, problems });
const byIssue = new Map<string, string[]>();
for (const r of corpus) byIssue.set(r.issue, [...(byIssue.get(r.issue) ?? []), r.doc.id]);
const truthDup = pairsOf(byIssue.values());
const record = new Map(corpus.map((r) => [r.doc.id, r]));

function truthOf(a: LabelledRecord, b: LabelledRecord): 'duplicate' | 'related' | 'different' {
  if (a.issue === b.issue) return 'duplicate';
  if (a.problem === b.problem && a.citizen !== b.citizen) return 'related';
  return 'different';
}

const started = performance.now();
const { links, cases } = dedupOffline(
  corpus.map((r) => r.doc),
  settings,
);
const engineMs = performance.now() - started;
const linked = pairsOf(cases.filter((c) => c.length > 1));
const auto = comparePairs(linked, truthDup);
const proposedPairs = new Set(
  links.filter((l) => l.match.kind === 'duplicate' && l.match.action === 'propose').map((l) => pairKey(l.a, l.b)),
);
const withProposals = comparePairs(new Set([...linked, ...proposedPairs]), truthDup);

// Confusion over every pair that is labelled duplicate or related, and every pair the engine said something about.
type Predicted = 'duplicate (linked)' | 'duplicate (proposed)' | 'related' | 'different';
const predictedOf = new Map<string, Predicted>();
for (const l of links) {
  const key = pairKey(l.a, l.b);
  predictedOf.set(
    key,
    l.match.kind === 'related' ? 'related' : l.match.action === 'link' ? 'duplicate (linked)' : 'duplicate (proposed)',
  );
}
for (const key of linked) predictedOf.set(key, 'duplicate (linked)');
const pairs = new Set<string>([...truthDup, ...predictedOf.keys()]);
const problemsMap = new Map<string, string[]>();
for (const r of corpus) problemsMap.set(r.problem, [...(problemsMap.get(r.problem) ?? []), r.doc.id]);
for (const key of pairsOf(problemsMap.values())) pairs.add(key);
const rows = ['duplicate', 'related', 'different'] as const;
const cols: Predicted[] = ['duplicate (linked)', 'duplicate (proposed)', 'related', 'different'];
const confusion = new Map<string, number>();
for (const key of pairs) {
  const [a, b] = key.split(' ') as [string, string];
  const t = truthOf(record.get(a)!, record.get(b)!);
  const p = predictedOf.get(key) ?? 'different';
  confusion.set(`${t}|${p}`, (confusion.get(`${t}|${p}`) ?? 0) + 1);
}

// Recall by what the channel or the citizen did: a duplicate pair counts under each change of its later record.
const position = new Map(corpus.map((r, i) => [r.doc.id, i]));
const byChange = new Map<string, { pairs: number; linked: number; proposed: number }>();
for (const key of truthDup) {
  const [a, b] = key.split(' ').map((id) => record.get(id)!) as [LabelledRecord, LabelledRecord];
  const later = position.get(a.doc.id)! > position.get(b.doc.id)! ? a : b;
  for (const change of [later.variant, ...later.changes]) {
    const entry = byChange.get(change) ?? { pairs: 0, linked: 0, proposed: 0 };
    entry.pairs += 1;
    if (linked.has(key)) entry.linked += 1;
    else if (proposedPairs.has(key)) entry.proposed += 1;
    byChange.set(change, entry);
  }
}

const baselineStarted = performance.now();
const baseline = tfidfBaseline(
  corpus.map((r) => ({ id: r.doc.id, text: r.raw })),
  truthDup,
);
const baselineMs = performance.now() - baselineStarted;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const line = (name: string, s: PairScore, note: string) =>
  `| ${name} | ${pct(s.precision)} | ${pct(s.recall)} | ${s.f1.toFixed(3)} | ${s.tp} | ${s.fp} | ${s.fn} | ${note} |`;
const variants = new Map<string, number>();
for (const r of corpus) variants.set(r.variant, (variants.get(r.variant) ?? 0) + 1);
const out = [
  `## Dedup quality (seed ${seed}, ${problems} problems → ${corpus.length} records: ${[...variants].map(([k, v]) => `${v} ${k}`).join(', ')}; ${truthDup.size} duplicate pairs)`,
  '',
  `Thresholds: autoLink ${settings.autoLink}, propose ${settings.propose}, related ${settings.related}.`,
  '',
  '| method | precision | recall | F1 | TP | FP | FN | note |',
  '|---|---:|---:|---:|---:|---:|---:|---|',
  line('dedup engine, auto-linked', auto, `${Math.round(engineMs)} ms for the corpus`),
  line('dedup engine, auto-linked + proposals confirmed', withProposals, `${proposedPairs.size} proposals`),
  line(
    `TF-IDF cosine ≥ ${baseline.threshold} (best threshold)`,
    baseline.score,
    `${Math.round(baselineMs)} ms, all pairs`,
  ),
  '',
  'Confusion over labelled pairs (rows: truth; columns: what the engine did):',
  '',
  `| truth \\ engine | ${cols.join(' | ')} |`,
  `|---|${cols.map(() => '---:').join('|')}|`,
  ...rows.map((t) => `| ${t} | ${cols.map((c) => confusion.get(`${t}|${c}`) ?? 0).join(' | ')} |`),
  '',
  'Duplicate pairs by what was done to the later record (a pair counts under each of its changes):',
  '',
  '| change | pairs | linked | proposed | missed |',
  '|---|---:|---:|---:|---:|',
  ...[...byChange]
    .sort((x, y) => x[1].linked / x[1].pairs - y[1].linked / y[1].pairs)
    .map(
      ([change, e]) =>
        `| ${change} | ${e.pairs} | ${pct(e.linked / e.pairs)} | ${pct(e.proposed / e.pairs)} | ${pct((e.pairs - e.linked - e.proposed) / e.pairs)} |`,
    ),
  '',
];
process.stdout.write(out.join('\n'));
