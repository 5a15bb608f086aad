import { addCrossChannel, type CrossChannelKind } from '../shared/cross-channel.js';
import type { ComplaintFacts } from '../shared/generate.js';
import type { Random } from '../shared/random.js';
import type { SandboxSystem, SystemName } from './system.js';

/** One resend or related report as the systems hold it: the ground truth behind GET /_sandbox/cross-channel. */
export interface CrossChannelRecord {
  kind: CrossChannelKind;
  original: { system: SystemName; id: string };
  copy: { system: SystemName; id: string };
}

type FactsBySystem = Record<SystemName, ComplaintFacts[]>;

/**
 * Mixes citizens' cross-channel behaviour into the seeded facts: a `share` of the super-app's
 * complaints are WhatsApp-desk complaints the same citizen sent again, and the same share of
 * the Bupati app's are reports by other citizens of a problem already on the super-app. Returns
 * a function that names the records once the systems are built from the facts.
 */
export function mixCrossChannel(
  facts: FactsBySystem,
  share: number,
  random: Random,
): (systems: Record<SystemName, SandboxSystem>) => CrossChannelRecord[] {
  const count = (system: SystemName) => Math.floor(facts[system].length * share);
  const resends = addCrossChannel('resend', facts.wa, facts.superapp, count('superapp'), random.fork('resend'));
  const copies = new Set(resends.map((p) => p.copy));
  const ownSuperapp = facts.superapp.filter((f) => !copies.has(f));
  const related = addCrossChannel('related', ownSuperapp, facts.bupati, count('bupati'), random.fork('related'));
  const located = (
    [
      ['wa', 'superapp', resends],
      ['superapp', 'bupati', related],
    ] as const
  ).flatMap(([from, into, pairs]) =>
    pairs.map((p) => ({ kind: p.kind, original: [from, p.original], copy: [into, p.copy] }) as const),
  );
  return (systems) => {
    const idOf = ([system, f]: readonly [SystemName, ComplaintFacts]) => ({
      system,
      id: systems[system].ids()[facts[system].indexOf(f)]!,
    });
    return located.map((l) => ({ kind: l.kind, original: idOf(l.original), copy: idOf(l.copy) }));
  };
}
