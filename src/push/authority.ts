import { z } from 'zod';
import { directoryFileSchema, type DirectoryFile, type OpdUnit } from '../opd/directory-schema.js';
import { OpdDirectory } from '../opd/directory.js';

/**
 * Who may answer a complaint, and whether the answer waits for approval: the one place for
 * these rules. They are the daemon's: the daemon publishes them in Redis when it starts
 * and operator commands act under the published rules, whatever configuration file they
 * were given (src/store/authority-rules.ts).
 */
export const authorityRulesSchema = z.strictObject({
  approval: z.strictObject({ required: z.boolean(), opds: z.record(z.string(), z.boolean()) }),
  directory: directoryFileSchema,
  /** Which daemon published them, and when: shown when a command refuses. */
  instance: z.string(),
  publishedAt: z.string(),
});
export type AuthorityRules = z.infer<typeof authorityRulesSchema>;

export const AUTHORITY_REFUSALS = [
  'no_rules',
  'no_complaint',
  'unknown_opd',
  'not_assigned',
  'no_answer',
  'rejected',
  'already_approved',
] as const;
export type AuthorityRefusal = (typeof AUTHORITY_REFUSALS)[number];

/** A refusal of the authority rules: a code, and the values a message needs (never citizen data). */
export class AuthorityError extends Error {
  constructor(
    readonly code: AuthorityRefusal,
    message: string,
    readonly detail: { opd?: string; assigned?: string; known?: string[]; id?: string } = {},
  ) {
    super(message);
    this.name = 'AuthorityError';
  }
}

export function isAuthorityError(err: unknown): err is AuthorityError {
  return err instanceof AuthorityError;
}

export class Authority {
  private readonly directory: OpdDirectory;
  private readonly approvalByCode = new Map<string, boolean>();

  constructor(readonly rules: AuthorityRules) {
    this.directory = new OpdDirectory(rules.directory as DirectoryFile, 'published rules');
    for (const [key, required] of Object.entries(rules.approval.opds)) {
      const unit = this.unit(key);
      if (unit) this.approvalByCode.set(unit.code, required);
    }
  }

  /** A unit by its code or any name, short name or alias the directory knows. */
  unit(value: string): OpdUnit | undefined {
    const byCode = this.directory.get(value.trim());
    if (byCode) return this.directory.current(byCode.code) ?? byCode;
    const found = this.directory.resolve([], { name: value });
    return found.kind === 'unit' ? (this.directory.current(found.unit.code) ?? found.unit) : undefined;
  }

  /** The units an answer may be signed by today (merged-away units are not). */
  known(): string[] {
    return this.directory
      .list()
      .filter((u) => !u.mergedInto)
      .map((u) => u.name);
  }

  /**
   * The unit an answer to a complaint assigned to `assignedCode` may be signed by: the
   * assigned unit itself, or a unit above it in the directory (its superior). A complaint
   * without an OPD can be answered only by the pemda's top unit. `asked` absent: the
   * assigned unit.
   */
  signer(assignedCode: string | undefined, asked: string | undefined): OpdUnit {
    const assigned = assignedCode
      ? (this.directory.current(assignedCode) ?? this.directory.get(assignedCode))
      : undefined;
    const allowed = assigned
      ? [assigned, ...this.directory.ancestors(assigned.code)]
      : this.directory.list().filter((u) => !u.parent);
    if (asked === undefined) {
      if (assigned) return assigned;
      throw new AuthorityError(
        'not_assigned',
        'the complaint has no OPD yet: name the answering unit (--opd), one of its superiors',
        { known: allowed.map((u) => u.name) },
      );
    }
    const unit = this.unit(asked);
    if (!unit)
      throw new AuthorityError('unknown_opd', `"${asked}" is not an OPD of the directory`, {
        opd: asked,
        known: this.known(),
      });
    if (!allowed.some((u) => u.code === unit.code)) {
      throw new AuthorityError(
        'not_assigned',
        `${unit.name} may not sign an answer to a complaint of ${assigned?.name ?? '(no OPD)'}`,
        { opd: unit.name, ...(assigned ? { assigned: assigned.name } : {}), known: allowed.map((u) => u.name) },
      );
    }
    return unit;
  }

  /** Whether an answer signed by this unit waits for its head's approval (push.approval). */
  approvalRequired(unit: OpdUnit | undefined): boolean {
    return (unit && this.approvalByCode.get(unit.code)) ?? this.rules.approval.required;
  }
}
