import { messages, type Catalog } from '../i18n/messages.js';
import type { DirectoryFile, OpdUnit } from './directory-schema.js';
import { nameKey, withoutSuffix } from './name-key.js';

/** A problem in the directory file: which key, what is wrong, how to fix it (the shape of a configuration problem). */
export interface DirectoryProblem {
  path: string;
  message: string;
  hint: string;
  origin?: string;
}

/** How a value was recognised: by a system's own id or name, or by one of the unit's names. */
export type MatchedBy = 'id' | 'system-name' | 'name' | 'short' | 'alias' | 'former-name';

/** What a source said about the OPD: an id, a name, or both. */
export interface OpdValue {
  id?: string | undefined;
  name?: string | undefined;
}

export type Resolution = { kind: 'unit'; unit: OpdUnit; by: MatchedBy } | { kind: 'unknown'; value: string };

/** The narrow interface the pipeline, the rekap and the commands use. */
export interface OpdLookup {
  /** Resolves a value a system gave; `systems` are the source's name and its connector kind. */
  resolve(systems: readonly string[], value: OpdValue): Resolution;
  get(code: string): OpdUnit | undefined;
  list(): readonly OpdUnit[];
  parentOf(code: string): OpdUnit | undefined;
  /** Parent, grandparent, … up to the pemda. */
  ancestors(code: string): OpdUnit[];
  /** The unit that holds this unit's work today (itself unless it was merged away). */
  current(code: string): OpdUnit | undefined;
}

interface Claim {
  code: string;
  by: MatchedBy;
  path: string;
}

const SOURCE_PRIORITY: Record<MatchedBy, number> = {
  id: 0,
  'system-name': 1,
  name: 2,
  short: 3,
  alias: 4,
  'former-name': 5,
};

/**
 * The directory of one pemda's units (config/opd/*.yaml), with every index built once.
 * `problems` lists what is wrong in the file (duplicate codes, unknown parents, names or
 * ids claimed by two units, merge loops); a directory with problems is never used.
 */
export class OpdDirectory implements OpdLookup {
  readonly problems: DirectoryProblem[] = [];
  private readonly byCode = new Map<string, OpdUnit>();
  private readonly byName = new Map<string, Claim>();
  /** system → id → claim, and system → name key → claim. */
  private readonly systemIds = new Map<string, Map<string, Claim>>();
  private readonly systemNames = new Map<string, Map<string, Claim>>();
  private readonly suffixKeys: string[];

  constructor(
    readonly file: DirectoryFile,
    private readonly origin = 'config/opd',
    /** The words of its problems (the operator's language). */
    private readonly said: Catalog['config']['directory'] = messages('id').config.directory,
  ) {
    this.suffixKeys = file.pemda.suffixes
      .map(nameKey)
      .filter(Boolean)
      .sort((a, b) => b.length - a.length);
    file.units.forEach((unit, i) => this.index(unit, `opd.units[${i}]`));
    file.units.forEach((unit, i) => this.checkLinks(unit, `opd.units[${i}]`));
  }

  private problem(path: string, message: string, hint: string): void {
    this.problems.push({ path, message, hint, origin: this.origin });
  }

  private index(unit: OpdUnit, at: string): void {
    const held = this.byCode.get(unit.code);
    if (held) {
      this.problem(`${at}.code`, this.said.codeTwice(unit.code, held.name, unit.name), this.said.codeTwiceHint);
      return;
    }
    this.byCode.set(unit.code, unit);
    this.claim(this.byName, nameKey(unit.name), { code: unit.code, by: 'name', path: `${at}.name` });
    unit.short.forEach((v, j) =>
      this.claim(this.byName, nameKey(v), { code: unit.code, by: 'short', path: `${at}.short[${j}]` }),
    );
    unit.aliases.forEach((v, j) =>
      this.claim(this.byName, nameKey(v), { code: unit.code, by: 'alias', path: `${at}.aliases[${j}]` }),
    );
    unit.formerNames.forEach((v, j) =>
      this.claim(this.byName, nameKey(v.name), {
        code: unit.code,
        by: 'former-name',
        path: `${at}.formerNames[${j}].name`,
      }),
    );
    for (const [system, values] of Object.entries(unit.systems)) {
      const ids = mapFor(this.systemIds, system);
      const names = mapFor(this.systemNames, system);
      values.id?.forEach((v, j) =>
        this.claim(ids, v.trim(), {
          code: unit.code,
          by: 'id',
          path: `${at}.systems.${system}.id${values.id!.length > 1 ? `[${j}]` : ''}`,
        }),
      );
      values.name?.forEach((v, j) =>
        this.claim(names, nameKey(v), {
          code: unit.code,
          by: 'system-name',
          path: `${at}.systems.${system}.name${values.name!.length > 1 ? `[${j}]` : ''}`,
        }),
      );
    }
  }

  private claim(into: Map<string, Claim>, key: string, claim: Claim): void {
    if (!key) return;
    const held = into.get(key);
    if (!held) return void into.set(key, claim);
    if (held.code === claim.code) {
      // The same unit naming itself twice (a short name equal to an alias) is harmless; keep the stronger match.
      if (SOURCE_PRIORITY[claim.by] < SOURCE_PRIORITY[held.by]) into.set(key, claim);
      return;
    }
    this.problem(
      claim.path,
      this.said.claimedTwice(key, held.code, held.path, claim.code),
      this.said.claimedTwiceHint(claim.path, held.path),
    );
  }

  private checkLinks(unit: OpdUnit, at: string): void {
    if (this.byCode.get(unit.code) !== unit) return;
    if (unit.parent !== undefined) {
      if (!this.byCode.has(unit.parent))
        this.problem(
          `${at}.parent`,
          this.said.parentMissing(unit.parent, unit.code),
          this.said.parentMissingHint(this.suggest(unit.parent)),
        );
      else if (this.chain(unit.code, (u) => u.parent).cycle)
        this.problem(`${at}.parent`, this.said.parentCycle(unit.code), this.said.parentCycleHint);
    }
    if (unit.mergedInto) {
      const target = unit.mergedInto.code;
      if (!this.byCode.has(target))
        this.problem(
          `${at}.mergedInto.code`,
          this.said.mergedMissing(unit.code, target),
          this.said.mergedMissingHint(this.suggest(target)),
        );
      else if (this.chain(unit.code, (u) => u.mergedInto?.code).cycle)
        this.problem(`${at}.mergedInto.code`, this.said.mergedCycle(unit.code), this.said.mergedCycleHint);
    }
  }

  private suggest(code: string): string {
    const near = [...this.byCode.keys()].filter((c) => c.includes(code) || code.includes(c)).slice(0, 3);
    return near.length > 0 ? this.said.near(near) : this.said.seeList;
  }

  private chain(code: string, next: (unit: OpdUnit) => string | undefined): { units: OpdUnit[]; cycle: boolean } {
    const units: OpdUnit[] = [];
    const seen = new Set([code]);
    let at = this.byCode.get(code);
    for (let step = at && next(at); step !== undefined; step = at && next(at)) {
      if (seen.has(step)) return { units, cycle: true };
      seen.add(step);
      at = this.byCode.get(step);
      if (!at) break;
      units.push(at);
    }
    return { units, cycle: false };
  }

  get pemda(): string {
    return this.file.pemda.name;
  }

  resolve(systems: readonly string[], value: OpdValue): Resolution {
    const id = value.id?.trim();
    const name = value.name?.trim();
    for (const system of systems) {
      const claim = id ? this.systemIds.get(system)?.get(id) : undefined;
      if (claim) return this.found(claim);
    }
    if (name) {
      const key = nameKey(name);
      const stripped = withoutSuffix(key, this.suffixKeys);
      for (const k of stripped ? [key, stripped] : [key]) {
        for (const system of systems) {
          const claim = this.systemNames.get(system)?.get(k);
          if (claim) return this.found(claim);
        }
        const claim = this.byName.get(k);
        if (claim) return this.found(claim);
      }
    }
    return { kind: 'unknown', value: [id && `id ${id}`, name && `"${name}"`].filter(Boolean).join(' ') || '(kosong)' };
  }

  private found(claim: Claim): Resolution {
    return { kind: 'unit', unit: this.byCode.get(claim.code)!, by: claim.by };
  }

  get(code: string): OpdUnit | undefined {
    return this.byCode.get(code);
  }

  list(): readonly OpdUnit[] {
    return this.file.units;
  }

  parentOf(code: string): OpdUnit | undefined {
    const parent = this.byCode.get(code)?.parent;
    return parent === undefined ? undefined : this.byCode.get(parent);
  }

  ancestors(code: string): OpdUnit[] {
    return this.chain(code, (u) => u.parent).units;
  }

  current(code: string): OpdUnit | undefined {
    const unit = this.byCode.get(code);
    if (!unit) return undefined;
    return this.chain(code, (u) => u.mergedInto?.code).units.at(-1) ?? unit;
  }
}

function mapFor<V>(maps: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = maps.get(key);
  if (!map) maps.set(key, (map = new Map()));
  return map;
}
