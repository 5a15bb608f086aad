import type { Router } from 'express';
import type { FaultController } from '../shared/faults.js';
import type { SandboxClock } from '../shared/clock.js';
import type { Random } from '../shared/random.js';

export const SYSTEMS = ['wa', 'superapp', 'bupati', 'open311'] as const;
export type SystemName = (typeof SYSTEMS)[number];

/** What the public page may show of a complaint: never the reporter, never a secret report. */
export interface PublicItem {
  system: SystemName;
  id: string;
  title?: string;
  text: string;
  status: string;
  place?: string;
  reportedAt: string;
}

export interface SystemContext {
  clock: SandboxClock;
  faults: FaultController;
  /** Draws for ids and choices made while the sandbox runs. */
  random: Random;
}

/** One imitated system: its wire API plus what the admin endpoints and the public page need. */
export interface SandboxSystem {
  name: SystemName;
  /** Path prefix of its API, e.g. "/wa". */
  prefix: string;
  router: Router;
  snapshot(): unknown;
  /** The ids of its records in the order they were added (seeded ones first, in the order of their facts). */
  ids(): string[];
  /** Adds a record given in the system's wire shape; missing fields are generated. */
  add(input: Record<string, unknown>): unknown;
  /** Merges fields into a record and marks it changed; undefined when there is no such record. */
  edit(id: string, patch: Record<string, unknown>): unknown;
  /** An officer types an answer into the record, in this system itself; undefined when there is no such record. */
  answer(id: string, input: { text: string; by: string }): unknown;
  publicItems(): PublicItem[];
}

export class InputError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'InputError';
  }
}
