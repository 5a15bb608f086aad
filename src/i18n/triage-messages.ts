import type { UnroutedWhy } from '../domain/unrouted-why.js';
import { wordsFor } from './code-words.js';

/**
 * Why a complaint waits in triage, in the reader's language. An entry keeps its facts (kind,
 * channel, value) and only words that are not ours to translate: another system's refusal,
 * a routing decision's own reason. Entries written before kept a reason of their own in one
 * language; for the kinds said here it is not shown.
 */
export interface TriageFacts {
  kind: string;
  source: string;
  value: string;
  /** The routing decision's own words (unrouted), or an entry's reason of before. */
  reason?: string | undefined;
  /** What a destination answered when it refused a status (unmapped_status while pushing). */
  refusal?: string | undefined;
  /** Why routing left it unrouted, as facts (unrouted entries written since they are kept). */
  why?: UnroutedWhy | undefined;
}

const pct = (p: number) => `${Math.round(p * 100)}%`;

/** Kinds whose value is another system's word people need to see (an OPD name, a status); the others' say nothing a reader needs. */
const VALUE_SHOWN: ReadonlySet<string> = new Set(['unknown_opd', 'unmapped_status']);

/** The entry's value where it tells the reader something, else undefined. */
export function shownTriageValue(e: Pick<TriageFacts, 'kind' | 'value'>): string | undefined {
  return VALUE_SHOWN.has(e.kind) ? e.value : undefined;
}

const KINDS_ID = {
  unrouted: 'belum ada OPD',
  unknown_opd: 'OPD tak dikenal direktori',
  unmapped_status: 'status belum dipetakan',
  missing_classification: 'tanpa klasifikasi',
  invalid_text: 'teks rusak',
  unknown_source_for_ref: 'rujukan ke sistem tak dikenal',
} as const;

const KINDS_EN: Readonly<Record<keyof typeof KINDS_ID, string>> = {
  unrouted: 'no OPD yet',
  unknown_opd: 'OPD not in the directory',
  unmapped_status: 'status not mapped',
  missing_classification: 'no classification',
  invalid_text: 'broken text',
  unknown_source_for_ref: 'reference to an unknown system',
};

export const triageId = {
  /** What kind of triage an entry is, as people read it on the triage page. */
  kind: (kind: string): string => wordsFor(KINDS_ID, kind),
  reason: (e: TriageFacts): string => {
    switch (e.kind) {
      case 'unknown_opd':
        return `OPD "${e.value}" dari ${e.source} tidak ada di direktori OPD: tambahkan sebagai alias atau id sistem di opd.directory, atau tetapkan OPD-nya`;
      case 'unmapped_status':
        return e.refusal !== undefined
          ? `${e.source} tidak menerima status "${e.value}": ${e.refusal}`
          : `status "${e.value}" dari ${e.source} belum dipetakan ke status baku (statusMap sumber ini); aduan tetap pada statusnya`;
      case 'missing_classification':
        return `${e.source} tidak memberi klasifikasi (pengaduan / aspirasi / permintaan informasi)`;
      case 'invalid_text':
        return `${e.value} karakter teks dari ${e.source} bukan Unicode yang sah dan diganti dengan U+FFFD`;
      case 'unrouted':
        switch (e.why?.kind) {
          case 'no_model':
            return 'belum ada model rute (terlalu sedikit riwayat berlabel); tetapkan OPD-nya';
          case 'returned':
            return `dikembalikan "bukan wewenang" oleh ${e.why.by.join(', ')}; pilih salah satu saran atau OPD lain`;
          case 'unsure':
            return `keyakinan model ${pct(e.why.confidence)} di bawah ambang ${pct(e.why.threshold)}; pilih salah satu saran atau OPD lain`;
          default:
            return e.reason ?? 'belum ada OPD yang cocok: tetapkan OPD-nya';
        }
      default:
        return e.reason ?? `${e.kind}: ${e.value}`;
    }
  },
};

export const triageEn: typeof triageId = {
  kind: (kind) => wordsFor(KINDS_EN, kind),
  reason: (e) => {
    switch (e.kind) {
      case 'unknown_opd':
        return `OPD "${e.value}" from ${e.source} is not in the OPD directory: add it as an alias or system id in opd.directory, or assign the OPD`;
      case 'unmapped_status':
        return e.refusal !== undefined
          ? `${e.source} does not take status "${e.value}": ${e.refusal}`
          : `status "${e.value}" from ${e.source} has no canonical mapping (this source's statusMap); the complaint keeps its status`;
      case 'missing_classification':
        return `${e.source} gave no classification (pengaduan / aspirasi / permintaan informasi)`;
      case 'invalid_text':
        return `${e.value} character(s) of the text from ${e.source} are not valid Unicode and were replaced by U+FFFD`;
      case 'unrouted':
        switch (e.why?.kind) {
          case 'no_model':
            return 'no routing model yet (too little labelled history); assign the OPD';
          case 'returned':
            return `returned as "not our authority" by ${e.why.by.join(', ')}; pick a suggestion or another OPD`;
          case 'unsure':
            return `the model is ${pct(e.why.confidence)} sure, below the threshold of ${pct(e.why.threshold)}; pick a suggestion or another OPD`;
          default:
            return e.reason ?? 'no OPD fits yet: assign one';
        }
      default:
        return e.reason ?? `${e.kind}: ${e.value}`;
    }
  },
};
