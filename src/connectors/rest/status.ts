import type { Status } from '../../domain/status.js';
import { getFirst } from '../common/dot-path.js';
import { statusLookup } from '../common/status-lookup.js';
import { toLabel } from '../common/values.js';
import type { StatusConfig } from './config-fields.js';
import { COMBINERS } from './presets/combiners.js';

export interface ResolvedStatus {
  sourceStatus?: string;
  status?: Status;
}

/**
 * The source status as kept for audit, and its canonical value, or none (→ triage). Never a
 * default for a value it does not know; a record with no status at all is `whenMissing` when
 * the configuration says what that means.
 */
export function statusResolver(config: StatusConfig | undefined): (raw: unknown) => ResolvedStatus {
  if (!config) return () => ({});
  const lookup = statusLookup(config.map);
  const missing: ResolvedStatus = config.whenMissing ? { status: config.whenMissing } : {};
  if (config.path !== undefined) {
    const path = config.path;
    return (raw) => {
      const value = toLabel(getFirst(raw, path));
      return value === undefined ? missing : { sourceStatus: value, status: lookup(value) };
    };
  }
  const combiner = COMBINERS[config.combine!];
  const inputs = Object.entries(config.inputs ?? {});
  return (raw) => {
    const values = Object.fromEntries(inputs.map(([name, path]) => [name, toLabel(getFirst(raw, path))]));
    const present = Object.entries(values).filter(([, v]) => v !== undefined);
    if (present.length === 0) return missing;
    // Triage shows every raw value, whatever the combined stage turns out to be.
    const sourceStatus = present.map(([k, v]) => `${k}=${v}`).join(' ');
    const stage = combiner.combine(values);
    return { sourceStatus, status: lookup(stage) };
  };
}
