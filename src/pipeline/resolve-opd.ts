import type { ComplaintOpd } from '../domain/complaint.js';
import type { ComplaintDraft } from '../domain/draft.js';
import type { OpdValue, Resolution } from '../opd/directory.js';

/** The one thing ingest needs from the directory: a source's OPD value → a unit, or unknown. */
export interface OpdResolvePort {
  resolve(source: string, value: OpdValue): Resolution;
}

const MATCHED: Record<Extract<Resolution, { kind: 'unit' }>['by'], string> = {
  id: 'id',
  'system-name': 'nama di sistem itu',
  name: 'nama resmi',
  short: 'nama singkat',
  alias: 'alias',
  'former-name': 'nama lama',
};

export type SourceOpd =
  | { opd: ComplaintOpd; unknown?: undefined }
  | { opd: ComplaintOpd; unknown: string }
  | { opd?: undefined; unknown?: undefined };

/**
 * What the source says about the OPD, resolved through the directory. A value the
 * directory does not know keeps what the source sent (no code) and is reported for triage;
 * it never becomes an OPD of its own.
 */
export function sourceOpd(port: OpdResolvePort, source: string, draft: ComplaintDraft): SourceOpd {
  const value = draft.opd;
  if (!value || !(value.id?.trim() || value.name?.trim())) return {};
  const said = { ...(value.id ? { id: value.id } : {}), ...(value.name ? { name: value.name } : {}) };
  const resolution = port.resolve(source, value);
  if (resolution.kind === 'unknown') {
    return {
      opd: {
        ...said,
        assignedBy: 'source',
        reason: `${source} menyebut OPD ${resolution.value}, tidak ada di direktori`,
      },
      unknown: resolution.value,
    };
  }
  return {
    opd: {
      code: resolution.unit.code,
      ...said,
      assignedBy: 'source',
      reason: `${source} menyebut ${resolution.unit.name} (cocok lewat ${MATCHED[resolution.by]})`,
    },
  };
}
