import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import { complaintSchema, type Complaint, type ComplaintOpd } from '../domain/complaint.js';
import type { OpdLookup } from '../opd/directory.js';
import type { TriageEntry } from '../store/records.js';
import type { RoutingExample } from '../store/routing-models.js';
import type { Store } from '../store/store.js';
import { RoutingModel } from './classifier.js';
import type { RoutingConfig } from './config-schema.js';
import { decideRoute } from './decide.js';
import { decodeModel, encodeModel } from './model-codec.js';
import { RoutingRules } from './rules.js';
import { RoutingTrainer } from './trainer.js';
import { exampleOf, routingInputOf } from './training-set.js';

export interface RoutingDeps {
  store: Pick<Store, 'ledger' | 'reported' | 'triage' | 'routing' | 'audit' | 'opdIndex'>;
  units: Pick<OpdLookup, 'get' | 'list' | 'current'>;
  config: RoutingConfig;
  clock: Clock;
  logger: Logger;
}

export type TrainResult =
  | { trained: true; version: string; examples: number; opds: number; bytes: number; ms: number; rerouted: number }
  | { trained: false; examples: number; reason: string };

/** Routing after the source: rules, the learned model, triage; and the model's training and the operators' labels. */
export class RoutingService {
  private readonly rules: RoutingRules;
  private cached: { model: RoutingModel | undefined; version: string | undefined } = {
    model: undefined,
    version: undefined,
  };

  constructor(private readonly deps: RoutingDeps) {
    this.rules = new RoutingRules(
      deps.config.rules,
      deps.units.list().filter((u) => u.kind === 'kecamatan' && !u.mergedInto),
    );
  }

  /**
   * The current model, re-read when another replica (or `route train`) published a newer one.
   * The version is asked every time (one GET, only for complaints that need routing): a model
   * remembered for a while would file an update as "no model yet" over a newer model's suggestions.
   */
  async model(): Promise<RoutingModel | undefined> {
    const version = await this.deps.store.routing.currentVersion();
    if (version !== this.cached.version) {
      const blob = version ? await this.deps.store.routing.load(version) : undefined;
      this.cached.model = blob ? new RoutingModel(decodeModel(blob)) : undefined;
      this.cached.version = version;
    }
    return this.cached.model;
  }

  /**
   * Runs after ingest wrote a complaint. Nothing to do when the source (or an operator)
   * gave a known OPD. A "bukan wewenang" on an OPD the bridge chose sends it back to
   * triage without that OPD among the suggestions.
   */
  async route(complaint: Complaint): Promise<void> {
    await this.routePage([complaint]);
  }

  /** `route` for the complaints of one ingest page: the model asked for once, triage written and checked in one call each. */
  async routePage(complaints: readonly Complaint[]): Promise<void> {
    if (!this.deps.config.enabled) return;
    const asked = complaints.filter((complaint) => {
      const held = complaint.opd;
      if (held?.assignedBy === 'operator') return false;
      return !held?.code || this.returned(complaint);
    });
    if (asked.length === 0) return;
    const model = await this.model();
    const at = this.deps.clock.now().toISOString();
    const filed: Complaint[] = [];
    const entries: [string, TriageEntry][] = [];
    const settled: string[] = [];
    for (const complaint of asked) {
      const held = complaint.opd;
      const returned = this.returned(complaint);
      const input = {
        channel: complaint.source,
        ...routingInputOf(complaint),
        ...(complaint.location ? { location: complaint.location } : {}),
      };
      const decision = decideRoute(input, this.rules, model, this.deps.config.threshold, returned ? [held!.code!] : []);
      if (decision.by === 'triage') {
        // History was handled long ago: it keeps no OPD rather than asking an operator today.
        if (complaint.historical) continue;
        filed.push(complaint);
        entries.push([
          `${complaint.id}:route`,
          {
            kind: 'unrouted',
            complaintId: complaint.id,
            source: complaint.source,
            value: held?.name ?? held?.id ?? '(tanpa OPD)',
            reason: decision.reason,
            why: decision.why,
            at,
            suggestions: decision.suggestions,
            ...(decision.modelVersion ? { modelVersion: decision.modelVersion } : {}),
          },
        ]);
        continue;
      }
      const opd: ComplaintOpd = {
        code: decision.opd,
        ...(held?.id ? { id: held.id } : {}),
        ...(held?.name ? { name: held.name } : {}),
        assignedBy: decision.by,
        reason: decision.reason,
        ...(decision.by === 'model' ? { confidence: decision.confidence, modelVersion: decision.modelVersion } : {}),
        at,
      };
      await this.setOpd(complaint.id, opd, `routing:${decision.by}`, (c) => !c.opd?.code);
      settled.push(`${complaint.id}:route`);
    }
    await this.deps.store.triage.setMany(entries);
    // Another worker may have routed one meanwhile (a newer model, an operator): then nothing waits.
    const now = await this.deps.store.ledger.getMany(filed.map((c) => c.id));
    filed.forEach((complaint, i) => {
      const current = now[i];
      if (current?.opd?.code && !(current.status === 'not_authority' && current.opd.code === complaint.opd?.code))
        settled.push(`${complaint.id}:route`);
    });
    await this.deps.store.triage.deleteMany(settled);
  }

  /** A "bukan wewenang" on an OPD the bridge chose (rule or model): asked again without that OPD. */
  private returned(complaint: Complaint): boolean {
    const held = complaint.opd;
    return (
      complaint.status === 'not_authority' &&
      !!held?.code &&
      (held.assignedBy === 'rule' || held.assignedBy === 'model')
    );
  }

  /** An operator's assignment (triage, or the right OPD after "bukan wewenang"): final, and training data. */
  async assign(
    complaintId: string,
    code: string,
    by: string,
    origin: RoutingExample['origin'] = 'triage',
  ): Promise<Complaint> {
    const unit = this.deps.units.get(code);
    if (!unit) throw new UnknownOpdError(code);
    const existing = await this.deps.store.ledger.get(complaintId);
    if (!existing) throw new UnknownComplaintError(complaintId);
    const at = this.deps.clock.now().toISOString();
    const wasReturned = existing.status === 'not_authority';
    const opd: ComplaintOpd = {
      code,
      ...(existing.opd?.id ? { id: existing.opd.id } : {}),
      ...(existing.opd?.name ? { name: existing.opd.name } : {}),
      assignedBy: 'operator',
      reason: `ditetapkan oleh ${by}`,
      at,
    };
    const written = await this.setOpd(complaintId, opd, `operator:${by}`, () => true);
    await this.deps.store.routing.examples.set(complaintId, {
      complaintId,
      opd: code,
      origin: wasReturned ? 'bukan_wewenang' : origin,
      by,
      at,
    });
    await Promise.all(['route', 'opd'].map((k) => this.deps.store.triage.delete(`${complaintId}:${k}`)));
    return written ?? existing;
  }

  private async setOpd(
    id: string,
    opd: ComplaintOpd,
    who: string,
    when: (c: Complaint) => boolean,
  ): Promise<Complaint | undefined> {
    const write = await this.deps.store.ledger.transact(id, (existing) => {
      if (!existing || !when(existing)) return null;
      const complaint = { ...existing, opd, version: existing.version + 1 };
      return {
        complaint,
        audit: {
          who,
          what: 'routed',
          why: opd.reason ?? '',
          // What the catalogue says it by: an operator (who), the model's confidence against its threshold.
          detail: {
            opd: opd.code,
            from: existing.opd?.code ?? null,
            ...(opd.assignedBy === 'model' && opd.confidence !== undefined
              ? { model: opd.modelVersion, confidence: opd.confidence, threshold: this.deps.config.threshold }
              : {}),
          },
        },
      };
    });
    return write?.complaint;
  }

  /** The count of complaints with an OPD at the last early training that found too few labelled ones. */
  private tooFewAt: number | undefined;

  /**
   * While the history is young, a model as soon as the ledger may hold enough labelled
   * complaints (a day-one backfill brings them), not at the next nightly training: the first
   * one, and again each time the complaints with an OPD have doubled since the current model was
   * trained (a model trained a hundred complaints into a backfill of thousands is not kept all
   * day; the count is kept in Redis, so a restart or another replica goes on from it), until one
   * was trained with `routing.maxExamples`. Asks the OPD index how many complaints have
   * an OPD first (one ZCARD per unit): the ledger is read only when that reaches
   * `routing.minExamples` and has changed since a reading found too few labelled among them (an
   * OPD a rule chose teaches nothing). Undefined when it did not train.
   */
  async trainEarly(): Promise<TrainResult | undefined> {
    const { store, config } = this.deps;
    if (!config.enabled) return undefined;
    const current = await store.routing.currentVersion();
    // A model trained before the count was kept (an older version) is left to the schedule.
    const trainedWith = current ? await store.routing.trainedWith() : undefined;
    if (current && (trainedWith === undefined || trainedWith >= config.maxExamples)) return undefined;
    const withOpd = await this.complaintsWithOpd();
    if (withOpd < config.minExamples || withOpd === this.tooFewAt) return undefined;
    if (trainedWith !== undefined && withOpd < 2 * trainedWith) return undefined;
    const result = await this.train(withOpd);
    this.tooFewAt = result.trained ? undefined : withOpd;
    return result;
  }

  /** Complaints with an OPD of the directory, by the OPD index (one ZCARD per unit). */
  private async complaintsWithOpd(): Promise<number> {
    const { store, units } = this.deps;
    await store.opdIndex.ensureBuilt();
    return store.opdIndex.count(units.list().map((u) => u.code));
  }

  /**
   * Trains on the ledger's routed history and the operators' labels, and publishes a new
   * version. Reads the complaints latest reported first and stops at `routing.maxExamples`
   * labelled ones: a ledger of millions is neither read whole nor held.
   */
  async train(withOpd?: number): Promise<TrainResult> {
    // Counted before reading (unless the caller just counted): what comes in meanwhile counts
    // toward the next doubling.
    withOpd ??= await this.complaintsWithOpd();
    const started = Date.now();
    const result = await this.publish(await this.learn(), started);
    if (result.trained) await this.deps.store.routing.setTrainedWith(withOpd);
    return result;
  }

  /**
   * The examples read and the model made of them. The trainer and its examples (tens of MB at
   * `routing.maxExamples`) end with this call: not held while the model is published and
   * triage is routed again.
   */
  private async learn(): Promise<{ examples: number; model?: RoutingModel }> {
    const labels = new Map<string, RoutingExample>();
    for await (const [id, e] of this.deps.store.routing.examples.entries()) labels.set(id, e);
    const trainer = new RoutingTrainer(this.deps.config.maxExamples, { now: this.deps.clock.now() });
    await this.deps.store.reported.ensureBuilt();
    walk: for await (const batch of this.deps.store.reported.newestFirst(500)) {
      for (const { id, doc } of batch) {
        if (doc === null) continue;
        const parsed = complaintSchema.safeParse(doc);
        const example = parsed.success ? exampleOf(parsed.data, labels.get(id), this.deps.units) : undefined;
        if (example) trainer.add(example);
        if (trainer.full) break walk;
      }
    }
    const examples = trainer.examples;
    return examples < this.deps.config.minExamples ? { examples } : { examples, model: trainer.model() };
  }

  private async publish(
    { examples, model }: { examples: number; model?: RoutingModel },
    started: number,
  ): Promise<TrainResult> {
    if (!model)
      return {
        trained: false,
        examples,
        reason: `${examples} complaints berlabel, perlu ${this.deps.config.minExamples} (routing.minExamples)`,
      };
    const bytes = await this.publishModel(model, examples);
    const ms = Date.now() - started;
    const rerouted = await this.rerouteTriage();
    this.deps.logger.info(
      {
        version: model.version,
        examples,
        opds: model.data.classes.length,
        bytes,
        rerouted,
      },
      'routing model trained',
    );
    return {
      trained: true,
      version: model.version,
      examples,
      opds: model.data.classes.length,
      bytes,
      ms,
      rerouted,
    };
  }

  /** Publishes the model's encoding as the current version, audited; returns its size. */
  private async publishModel(model: RoutingModel, examples: number): Promise<number> {
    const blob = encodeModel(model.data);
    await this.deps.store.routing.publish(model.version, blob);
    await this.deps.store.audit({
      who: 'routing',
      what: 'model_trained',
      why: `${examples} complaints, ${model.data.classes.length} OPD`,
      detail: { version: model.version, bytes: blob.length, examples, opds: model.data.classes.length },
    });
    return blob.length;
  }

  /** Complaints waiting in triage for an OPD are asked again (a new model may now be sure); returns how many were routed. */
  async rerouteTriage(): Promise<number> {
    const waiting: string[] = [];
    for await (const [, e] of this.deps.store.triage.entries()) if (e.kind === 'unrouted') waiting.push(e.complaintId);
    let routed = 0;
    for (const id of waiting) {
      const complaint = await this.deps.store.ledger.get(id);
      if (!complaint) continue;
      await this.route(complaint);
      if (!(await this.deps.store.triage.get(`${id}:route`))) routed += 1;
    }
    return routed;
  }
}

export class UnknownOpdError extends Error {
  readonly code = 'UNKNOWN_OPD';
  constructor(readonly opd: string) {
    super(`OPD "${opd}" tidak ada di direktori (lihat lapor-bridge opd list)`);
  }
}

export class UnknownComplaintError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(readonly complaintId: string) {
    super(`aduan ${complaintId} tidak ada di ledger`);
  }
}
