import type { OpdLookup } from '../opd/directory.js';
import { nameKey } from '../opd/name-key.js';
import type { LabelledExample } from './classifier.js';
import { trainModel } from './trainer.js';
import { scoreRouting, type RoutingScores } from './metrics.js';

export interface LabelledRow {
  text: string;
  category?: string | undefined;
  /** The OPD the row was handled by, as the export writes it. */
  label?: string | undefined;
  reportedAt: string;
}

export interface EvaluationCounts {
  rows: number;
  train: number;
  test: number;
  /** Left out of training and scoring: "bukan wewenang" or no label. */
  notAuthority: number;
  blank: number;
  /** Labels the directory does not know (left out; add them as aliases). */
  unknownLabels: Map<string, number>;
  /** Test rows whose OPD never occurs in the training part (scored, and necessarily missed). */
  unseenInTraining: number;
}

export interface Evaluation {
  counts: EvaluationCounts;
  textOnly: RoutingScores;
  withCategory: RoutingScores;
  modelVersion: string;
}

const NOT_AUTHORITY = /^bukan\s*(wewenang|kewenangan)/;

/**
 * Trains on the rows reported up to `trainUntil` (exclusive) and scores the rest, with
 * and without the channel's category. Labels resolve through the directory (the unit
 * that holds the work today); "bukan wewenang" and blank labels are counted, not scored.
 */
export function evaluateRouting(
  rows: readonly LabelledRow[],
  trainUntil: string,
  units: Pick<OpdLookup, 'resolve' | 'current'>,
  systems: readonly string[],
  threshold: number,
): Evaluation {
  const counts: EvaluationCounts = {
    rows: rows.length,
    train: 0,
    test: 0,
    notAuthority: 0,
    blank: 0,
    unknownLabels: new Map(),
    unseenInTraining: 0,
  };
  const train: LabelledExample[] = [];
  const test: LabelledExample[] = [];
  for (const row of [...rows].sort((a, b) => a.reportedAt.localeCompare(b.reportedAt))) {
    const label = row.label?.trim();
    if (!label) {
      counts.blank += 1;
      continue;
    }
    if (NOT_AUTHORITY.test(nameKey(label))) {
      counts.notAuthority += 1;
      continue;
    }
    const resolved = units.resolve(systems, { name: label });
    if (resolved.kind === 'unknown') {
      counts.unknownLabels.set(label, (counts.unknownLabels.get(label) ?? 0) + 1);
      continue;
    }
    const example = {
      text: row.text,
      ...(row.category ? { category: row.category } : {}),
      opd: units.current(resolved.unit.code)!.code,
    };
    (row.reportedAt < trainUntil ? train : test).push(example);
  }
  counts.train = train.length;
  counts.test = test.length;
  if (train.length === 0 || test.length === 0)
    throw new EvaluationError(
      `tidak ada baris ${train.length === 0 ? 'sebelum' : 'sejak'} ${trainUntil} untuk ${train.length === 0 ? 'dilatih' : 'dinilai'}`,
    );
  const model = trainModel(train);
  const textModel = trainModel(train.map(({ category: _c, ...e }) => e));
  counts.unseenInTraining = test.filter((e) => !model.knows(e.opd)).length;
  return {
    counts,
    withCategory: scoreRouting(
      test.map((e) => ({ truth: e.opd, suggestions: model.suggest(e) })),
      threshold,
    ),
    textOnly: scoreRouting(
      test.map((e) => ({ truth: e.opd, suggestions: textModel.suggest({ text: e.text }) })),
      threshold,
    ),
    modelVersion: model.version,
  };
}

export class EvaluationError extends Error {
  readonly code = 'INVALID_PAYLOAD';
}
