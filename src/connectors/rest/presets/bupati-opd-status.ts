/**
 * The Bupati + OPD complaint app keeps two statuses side by side: the Bupati's desk
 * (`bupatiStatus`) decides whether a report is accepted and assigned, the assigned OPD
 * (`opdStatus`) works on it. Each is PENDING | PROSES | SELESAI | DITOLAK.
 *
 * They fold into one stage, first rule wins:
 *
 * | bupatiStatus | opdStatus   | stage            | default canonical |
 * |--------------|-------------|------------------|-------------------|
 * | DITOLAK      | any         | DITOLAK_BUPATI   | rejected          |
 * | SELESAI      | any         | SELESAI          | closed            |
 * | any          | DITOLAK     | DITOLAK_OPD      | not_authority     |
 * | any          | SELESAI     | DIJAWAB_OPD      | responded         |
 * | any          | PROSES      | PROSES_OPD       | in_progress       |
 * | PROSES       | PENDING/–   | DISPOSISI_OPD    | disposed          |
 * | PENDING / –  | PENDING / – | MENUNGGU_BUPATI  | received          |
 *
 * The Bupati's final word (rejected, closed) outranks the OPD; otherwise the OPD's
 * progress is newer than the Bupati's assignment, because an OPD only acts once assigned.
 * An OPD "DITOLAK" means "bukan wewenang": the report waits for the Bupati to reassign it.
 * Any value outside the four known ones gives no stage, so the record goes to triage.
 */
export const BUPATI_OPD_VALUES = ['PENDING', 'PROSES', 'SELESAI', 'DITOLAK'] as const;
export type BupatiOpdValue = (typeof BUPATI_OPD_VALUES)[number];

export const BUPATI_OPD_STAGES = [
  'DITOLAK_BUPATI',
  'SELESAI',
  'DITOLAK_OPD',
  'DIJAWAB_OPD',
  'PROSES_OPD',
  'DISPOSISI_OPD',
  'MENUNGGU_BUPATI',
] as const;
export type BupatiOpdStage = (typeof BUPATI_OPD_STAGES)[number];

export const BUPATI_OPD_INPUTS = ['bupati', 'opd'] as const;

function known(value: string | undefined): BupatiOpdValue | null | undefined {
  if (value === undefined || value.trim() === '') return null;
  const upper = value.trim().toUpperCase();
  return (BUPATI_OPD_VALUES as readonly string[]).includes(upper) ? (upper as BupatiOpdValue) : undefined;
}

export function bupatiOpdStage(bupatiRaw: string | undefined, opdRaw: string | undefined): BupatiOpdStage | undefined {
  const bupati = known(bupatiRaw);
  const opd = known(opdRaw);
  if (bupati === undefined || opd === undefined) return undefined;
  if (bupati === 'DITOLAK') return 'DITOLAK_BUPATI';
  if (bupati === 'SELESAI') return 'SELESAI';
  if (opd === 'DITOLAK') return 'DITOLAK_OPD';
  if (opd === 'SELESAI') return 'DIJAWAB_OPD';
  if (opd === 'PROSES') return 'PROSES_OPD';
  if (bupati === 'PROSES') return 'DISPOSISI_OPD';
  if (bupati === 'PENDING' || bupati === null) return opd === null && bupati === null ? undefined : 'MENUNGGU_BUPATI';
  return undefined;
}
