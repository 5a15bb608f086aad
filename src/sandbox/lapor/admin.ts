import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { handleFaultsAdmin } from '../shared/faults-admin.js';
import type { FaultController } from '../shared/faults.js';
import type { ComplaintGenerator } from '../shared/generate.js';
import { readParams, sendJson } from '../shared/http-io.js';
import type { Random } from '../shared/random.js';
import { addWorkingDays } from '../shared/working-days.js';
import { ACTIONS, TransitionError } from './lifecycle.js';
import { CLASSIFICATION_LABELS, REPORT_STATUSES, type Report } from './model.js';
import { reportFromFacts } from './seed.js';
import { NotVisible, type LaporWorld } from './world.js';

export interface AdminContext {
  world: LaporWorld;
  faults: FaultController;
  generator: ComplaintGenerator;
  random: Random;
}

/** Everything about a report, identity included: for tests and demos, never for the public. */
export function internalView(report: Report): Record<string, unknown> {
  return {
    ...report,
    createdAt: new Date(report.createdAt).toISOString(),
    lastActivityAt: new Date(report.lastActivityAt).toISOString(),
  };
}

export function stateOf(ctx: AdminContext): Record<string, unknown> {
  const byStatus: Record<string, number> = {};
  let visible = 0;
  for (const r of ctx.world.store.all()) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    if (ctx.world.visibleTo(r, ctx.world.own.id)) visible++;
  }
  return {
    now: ctx.world.clock.now().toISOString(),
    instansi: ctx.world.own,
    reports: { total: ctx.world.store.size, visibleToInstansi: visible, byStatus },
    faults: ctx.faults.state(),
  };
}

const addSchema = z.strictObject({
  judul: z.string().optional(),
  isi: z.string().optional(),
  klasifikasi: z.enum(CLASSIFICATION_LABELS).optional(),
  topic_id: z.string().optional(),
  lokasi: z.string().optional(),
  anonim: z.boolean().optional(),
  rahasia: z.boolean().optional(),
  /** false keeps it unverified at the national desk; true disposes it to the sandbox's instansi at once. */
  disposed: z.boolean().default(true),
});

const editSchema = z.strictObject({
  judul: z.string().optional(),
  isi: z.string().optional(),
  lokasi: z.string().optional(),
  klasifikasi: z.enum(CLASSIFICATION_LABELS).optional(),
  topic_id: z.string().optional(),
  anonim: z.boolean().optional(),
  rahasia: z.boolean().optional(),
});

const actionSchema = z.strictObject({
  action: z.enum(ACTIONS),
  instansi_id: z.string().optional(),
  unit: z.string().optional(),
  note: z.string().optional(),
  by: z.string().optional(),
});

const clockSchema = z
  .strictObject({
    ms: z.number().min(0).optional(),
    hours: z.number().min(0).optional(),
    days: z.number().min(0).optional(),
    workingDays: z.number().int().min(0).optional(),
  })
  .refine((c) => Object.keys(c).length === 1, 'give exactly one of ms, hours, days, workingDays');

/** Admin actions, callable in-process by tests and over HTTP by demos. */
export function addReport(ctx: AdminContext, input: z.input<typeof addSchema>): Report {
  const opts = addSchema.parse(input);
  const now = ctx.world.now();
  const report = reportFromFacts(ctx.world, ctx.generator.next(new Date(now)), ctx.random);
  if (opts.judul !== undefined) report.title = opts.judul;
  if (opts.isi !== undefined) report.body = opts.isi;
  if (opts.klasifikasi !== undefined) report.classification = opts.klasifikasi;
  if (opts.topic_id !== undefined) report.topicId = opts.topic_id;
  if (opts.lokasi !== undefined) report.location = opts.lokasi;
  if (opts.anonim !== undefined) report.anonim = opts.anonim;
  if (opts.rahasia !== undefined) report.rahasia = opts.rahasia;
  ctx.world.store.add(report);
  if (opts.disposed) {
    ctx.world.act(report.trackingId, { action: 'verifikasi' }, now);
    ctx.world.act(report.trackingId, { action: 'disposisi' }, now);
  }
  return report;
}

export function editReport(ctx: AdminContext, trackingId: string, input: z.input<typeof editSchema>): Report {
  const p = editSchema.parse(input);
  return ctx.world.edit(trackingId, {
    title: p.judul,
    body: p.isi,
    location: p.lokasi,
    classification: p.klasifikasi,
    topicId: p.topic_id,
    anonim: p.anonim,
    rahasia: p.rahasia,
  });
}

export function actOn(ctx: AdminContext, trackingId: string, input: z.input<typeof actionSchema>): Report {
  const a = actionSchema.parse(input);
  return ctx.world.act(trackingId, {
    action: a.action,
    instansiId: a.instansi_id,
    unit: a.unit,
    note: a.note,
    by: a.by,
  });
}

export function advanceClock(ctx: AdminContext, input: z.input<typeof clockSchema>): Date {
  const c = clockSchema.parse(input);
  const now = ctx.world.clock.now();
  const ms =
    c.ms ??
    (c.hours !== undefined
      ? c.hours * 3600_000
      : c.days !== undefined
        ? c.days * 86_400_000
        : addWorkingDays(now, c.workingDays ?? 0).getTime() - now.getTime());
  const at = ctx.world.clock.advance(ms);
  ctx.world.tick();
  return at;
}

export async function handleAdmin(
  ctx: AdminContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
): Promise<void> {
  try {
    if (path === '/_sandbox/faults') return await handleFaultsAdmin(ctx.faults, req, res);
    if (path === '/_sandbox/state' && req.method === 'GET') return sendJson(res, 200, stateOf(ctx));
    if (path === '/_sandbox/clock' && req.method === 'POST')
      return sendJson(res, 200, { now: advanceClock(ctx, await readParams(req)).toISOString() });
    if (path === '/_sandbox/reports' && req.method === 'GET') {
      // ?status= one status; ?visible=1 only what the instansi's list shows; ?view=full every
      // report whole (timeline, client reference, identity): the ground truth in one call.
      const status = query.get('status');
      const visibleOnly = query.get('visible') === '1';
      const rows = ctx.world.store
        .all()
        .filter((r) => !status || r.status === status)
        .filter((r) => !visibleOnly || ctx.world.visibleTo(r, ctx.world.own.id));
      return sendJson(res, 200, {
        count: rows.length,
        statuses: REPORT_STATUSES,
        reports: rows.map((r) =>
          query.get('view') === 'full'
            ? internalView(r)
            : {
                tracking_id: r.trackingId,
                status: r.status,
                judul: r.title,
                instansi_id: r.instansiId ?? null,
                client_ref: r.clientRef ?? null,
                rahasia: r.rahasia,
                anonim: r.anonim,
                last_activity_at: new Date(r.lastActivityAt).toISOString(),
              },
        ),
      });
    }
    if (path === '/_sandbox/reports' && req.method === 'POST')
      return sendJson(res, 201, internalView(addReport(ctx, (await readParams(req)) as z.input<typeof addSchema>)));
    const one = /^\/_sandbox\/reports\/(\d+)(\/actions)?$/.exec(path);
    if (one) {
      const id = one[1]!;
      if (one[2] && req.method === 'POST')
        return sendJson(
          res,
          200,
          internalView(actOn(ctx, id, (await readParams(req)) as z.input<typeof actionSchema>)),
        );
      if (!one[2] && req.method === 'GET') return sendJson(res, 200, internalView(ctx.world.get(id)));
      if (!one[2] && req.method === 'PATCH')
        return sendJson(
          res,
          200,
          internalView(editReport(ctx, id, (await readParams(req)) as z.input<typeof editSchema>)),
        );
    }
    sendJson(res, 404, {
      error: 'unknown admin endpoint',
      endpoints: [
        'GET /_sandbox/state',
        'GET|POST|DELETE /_sandbox/faults',
        'POST /_sandbox/clock',
        'GET|POST /_sandbox/reports (GET: ?status=, ?visible=1, ?view=full)',
        'GET|PATCH /_sandbox/reports/:id',
        'POST /_sandbox/reports/:id/actions',
      ],
    });
  } catch (err) {
    if (err instanceof z.ZodError)
      return sendJson(res, 400, {
        error: err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
      });
    if (err instanceof NotVisible) return sendJson(res, 404, { error: 'no such report' });
    if (err instanceof TransitionError) return sendJson(res, 409, { error: err.message });
    throw err;
  }
}
