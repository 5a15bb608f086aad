import type { OpdUnit } from '../opd/directory-schema.js';
import { nameKey } from '../opd/name-key.js';
import type { RoutingRuleConfig } from './config-schema.js';

export interface RuleInput {
  channel: string;
  category?: string | undefined;
  text: string;
  location?: { text?: string | undefined; desa?: string | undefined; kecamatan?: string | undefined } | undefined;
}

export interface RuleMatch {
  opd: string;
  reason: string;
}

/** Word-boundary containment on name keys: "jalan rusak" is in "di jalan rusak parah", "pdam" is not in "pdamai". */
function contains(haystack: string, needle: string): boolean {
  return needle !== '' && ` ${haystack} `.includes(` ${needle} `);
}

/**
 * Configured rules in their order: the first that holds decides. Keywords and categories
 * compare loosely (case, punctuation). A place rule finds the kecamatan named in the
 * location, or a kecamatan or one of its desa named in the text.
 */
export class RoutingRules {
  private readonly rules: { config: RoutingRuleConfig; categories?: string[]; keywords?: string[]; label: string }[];
  private readonly places: { code: string; name: string; bare: string; keys: string[] }[];

  constructor(rules: readonly RoutingRuleConfig[], kecamatan: readonly OpdUnit[]) {
    this.rules = rules.map((config, i) => ({
      config,
      ...(config.categories ? { categories: config.categories.map(nameKey) } : {}),
      ...(config.keywords ? { keywords: config.keywords.map(nameKey) } : {}),
      label: config.name ?? `routing.rules[${i}]`,
    }));
    // A kecamatan's bare name is also a word of ordinary text ("Bupati Blora", "kayu jati"): in text it counts only as "kecamatan X" / "kec X".
    this.places = kecamatan.map((u) => {
      const bare = nameKey(u.name.replace(/^kecamatan\s+/i, ''));
      return {
        code: u.code,
        name: u.name,
        bare,
        keys: [`kecamatan ${bare}`, `kec ${bare}`, ...(u.places ?? []).map(nameKey).filter((k) => k !== bare)],
      };
    });
  }

  match(input: RuleInput): RuleMatch | undefined {
    const text = nameKey(input.text);
    const category = input.category ? nameKey(input.category) : undefined;
    for (const rule of this.rules) {
      const { config } = rule;
      if (config.channels && !config.channels.includes(input.channel)) continue;
      if (rule.categories && !(category && rule.categories.includes(category))) continue;
      const keyword = rule.keywords?.find((k) => contains(text, k));
      if (rule.keywords && !keyword) continue;
      const why = [
        config.channels && `kanal ${input.channel}`,
        rule.categories && `kategori "${input.category}"`,
        keyword && `kata "${keyword}"`,
      ]
        .filter(Boolean)
        .join(', ');
      if (config.opd) return { opd: config.opd, reason: `aturan ${rule.label}: ${why}` };
      const place = this.placeOf(input, text);
      if (place)
        return {
          opd: place.code,
          reason: `aturan ${rule.label}: ${why ? `${why}, ` : ''}lokasi di ${place.name} (${place.by})`,
        };
    }
    return undefined;
  }

  private placeOf(input: RuleInput, text: string): { code: string; name: string; by: string } | undefined {
    const kec = input.location?.kecamatan
      ? nameKey(input.location.kecamatan.replace(/^kec(amatan)?\.?\s+/i, ''))
      : undefined;
    if (kec) {
      const found = this.places.find((p) => p.bare === kec);
      if (found) return { code: found.code, name: found.name, by: 'kecamatan pada lokasi' };
    }
    const where = [input.location?.desa, input.location?.text]
      .filter(Boolean)
      .map((v) => nameKey(v!))
      .join(' ');
    for (const [source, by] of [
      [where, 'lokasi'],
      [text, 'teks'],
    ] as const) {
      if (!source) continue;
      const found = this.places.find((p) => p.keys.some((k) => contains(source, k)));
      if (found) return { code: found.code, name: found.name, by: `disebut di ${by}` };
    }
    return undefined;
  }
}
