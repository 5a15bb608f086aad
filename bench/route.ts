/**
 * npm run eval:route — routing quality and speed on generated, realistic, messy complaints
 * over 66 units of the Blora directory, with a temporal split, against a majority-class
 * and a keyword-rules baseline in the same run; then training speed on 100k complaints,
 * suggestion latency and the model's size. Prints markdown for docs/BENCHMARKS.md.
 * Options: --rows N (quality set, default 40000), --train-rows N (speed set, default 100000),
 * --split YYYY-MM-DD (default 2025-07-01), --threshold P (default: config routing.threshold).
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { loadConfig } from '../src/config/load.js';
import type { LabelledExample, Suggestion } from '../src/routing/classifier.js';
import { trainModel } from '../src/routing/trainer.js';
import { scoreRouting, type RoutingScores } from '../src/routing/metrics.js';
import { encodeModel } from '../src/routing/model-codec.js';
import { RoutingRules } from '../src/routing/rules.js';
import { generateRoutingData, keywordRulesFor } from './lib/route-data.js';
import { summarize } from './lib/stats.js';
import { printSection } from './lib/table.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const loaded = loadConfig({ env: {} });
const rowsN = Number(option('rows', '40000'));
const trainRowsN = Number(option('train-rows', '100000'));
const split = option('split', '2025-07-01');
const threshold = Number(option('threshold', String(loaded.config.routing.threshold)));
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

process.stdout.write(
  `# eval:route\n\n- cpus: ${availableParallelism()} × ${cpus()[0]?.model.trim()}\n- memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB · node ${process.version} · load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}\n\n`,
);

const data = generateRoutingData(rowsN, 7);
const train = data.filter((d) => d.reportedAt < split);
const test = data.filter((d) => d.reportedAt >= split);
const counts = new Map<string, number>();
for (const d of train) counts.set(d.opd, (counts.get(d.opd) ?? 0) + 1);
const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
const majority = ranked[0]![0];
const ranking = ranked.map(([opd]) => ({ opd, confidence: 0 }));

const rules = new RoutingRules(
  keywordRulesFor().map((r) => ({ opd: r.opd, keywords: r.keywords })),
  [],
);
const keywordSuggest = (e: LabelledExample): Suggestion[] => {
  const hit = rules.match({ channel: 'bench', text: e.text });
  return hit
    ? [{ opd: hit.opd, confidence: 1 }, ...ranking.filter((r) => r.opd !== hit.opd).slice(0, 2)]
    : ranking.slice(0, 3);
};

const textModel = trainModel(train.map(({ category: _c, ...e }) => e));
const fullModel = trainModel(train);
const results: [string, RoutingScores][] = [
  [
    'majority class (baseline)',
    scoreRouting(
      test.map((e) => ({
        truth: e.opd,
        suggestions: ranking
          .slice(0, 3)
          .map((r, i) => ({ ...r, confidence: i === 0 ? counts.get(majority)! / train.length : 0 })),
      })),
      threshold,
    ),
  ],
  [
    'keyword rules (baseline)',
    scoreRouting(
      test.map((e) => ({ truth: e.opd, suggestions: keywordSuggest(e) })),
      threshold,
    ),
  ],
  [
    'model, text only',
    scoreRouting(
      test.map((e) => ({ truth: e.opd, suggestions: textModel.suggest({ text: e.text }) })),
      threshold,
    ),
  ],
  [
    'model, text + channel category',
    scoreRouting(
      test.map((e) => ({ truth: e.opd, suggestions: fullModel.suggest(e) })),
      threshold,
    ),
  ],
];
printSection({
  title: `Routing quality (${counts.size} OPDs; trained on ${train.length} before ${split}, scored on ${test.length} after)`,
  headers: ['router', 'top-1', 'top-3', 'macro-F1', `routed at ≥ ${threshold}`, 'right among routed'],
  rows: results.map(([name, s]) => [
    name,
    pct(s.top1),
    pct(s.top3),
    s.macroF1.toFixed(3),
    name.startsWith('model') ? pct(s.coverage) : '–',
    name.startsWith('model') ? pct(s.autoAccuracy) : '–',
  ]),
  notes: [
    `largest OPD ${ranked[0]![0]} ${pct(ranked[0]![1] / train.length)} of training rows, smallest ${ranked.at(-1)![0]} ${ranked.at(-1)![1]} rows`,
    'keyword rules: two telling words per OPD as an operator would write them, first match wins, else the majority class',
    `calibration temperature ${fullModel.data.temperature.toFixed(1)} (fitted on the latest 10% of the training rows)`,
    '2% of all labels are wrong on purpose, in training and test alike: 98% is the ceiling',
  ],
});

// Speed: training on 100k, suggestions one at a time, size of the stored blob.
const big = generateRoutingData(trainRowsN, 11);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const bigModel = trainModel(big);
const trainCpu = process.cpuUsage(cpu0);
const trainMs = performance.now() - t0;
const blob = encodeModel(bigModel.data);
const probe = generateRoutingData(5000, 13);
for (const e of probe.slice(0, 500)) bigModel.suggest(e);
// CPU time per call as well as wall time: on a shared machine the wall clock also counts waiting for a core.
const cpuSamples: number[] = [];
const samples = probe.map((e) => {
  const c = process.cpuUsage();
  const s = performance.now();
  bigModel.suggest(e);
  const wall = performance.now() - s;
  const used = process.cpuUsage(c);
  cpuSamples.push((used.user + used.system) / 1000);
  return wall;
});
const cpuLat = summarize(cpuSamples);
const lat = summarize(samples);
printSection({
  title: 'Routing speed and size',
  headers: ['measure', 'value'],
  rows: [
    [
      `train on ${trainRowsN.toLocaleString('en')} complaints (incl. calibration), wall`,
      `${(trainMs / 1000).toFixed(1)} s`,
    ],
    [
      `train on ${trainRowsN.toLocaleString('en')} complaints, CPU time`,
      `${((trainCpu.user + trainCpu.system) / 1e6).toFixed(1)} s`,
    ],
    ['suggestion p50 / p99 / max, wall', `${lat.p50.toFixed(3)} / ${lat.p99.toFixed(3)} / ${lat.max.toFixed(3)} ms`],
    [
      'suggestion p50 / p99 / max, CPU time',
      `${cpuLat.p50.toFixed(3)} / ${cpuLat.p99.toFixed(3)} / ${cpuLat.max.toFixed(3)} ms`,
    ],
    ['model blob (Redis value)', `${(blob.length / 2 ** 20).toFixed(2)} MiB`],
    [
      'classes / non-zero weights',
      `${bigModel.data.classes.length} / ${bigModel.data.logRatio.length.toLocaleString('en')}`,
    ],
  ],
  notes: [
    'one process, one core; suggestion = normalize + hash features + score every class + calibrate, measured one complaint at a time after 500 warm-up calls',
  ],
});
