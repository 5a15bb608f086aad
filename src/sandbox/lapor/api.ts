import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultController } from '../shared/faults.js';
import { sendJson } from '../shared/http-io.js';
import type { Random } from '../shared/random.js';
import { checkToken } from './auth.js';
import { corruptRecord } from './corrupt.js';
import { createInputSchema, firstIssue, followUpInputSchema, listInputSchema } from './inputs.js';
import { TransitionError } from './lifecycle.js';
import type { Profile, RouteName } from './profile.js';
import { parseTime, renderReport } from './render.js';
import { createFromIntegration, NotVisible, type LaporWorld } from './world.js';

export interface ApiContext {
  world: LaporWorld;
  profile: Profile;
  token: string;
  faults: FaultController;
  /** Draws for data faults: which record breaks, which one is edited. */
  random: Random;
  baseUrl: () => string;
  autoDispose: boolean;
  pageSize: { default: number; max: number };
  /** The last list page served, for the "page served twice" fault. */
  lastList?: string;
}

function fail(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { status: false, message });
}

function ok(res: ServerResponse, data: unknown, status = 200): void {
  sendJson(res, status, { status: true, message: 'OK', data });
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export async function handleApi(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  name: RouteName,
  params: Record<string, unknown>,
): Promise<void> {
  const auth = checkToken(req, params, ctx.profile, ctx.token);
  if (auth !== 'ok') {
    const message = auth === 'missing' ? 'token required' : 'token invalid';
    // Older deployments answer 200 with a status:false body instead of an HTTP error.
    if (ctx.profile.auth.failure === 'body') return fail(res, 200, message);
    return fail(res, auth === 'missing' ? 401 : 403, message);
  }
  const own = ctx.world.own.id;
  const style = ctx.profile.style;
  try {
    switch (name) {
      case 'topics':
        return ok(
          res,
          ctx.world.topics.map((t) => ({ id: t.id, parent: t.parent, topic_name: t.name })),
        );
      case 'list':
        return list(ctx, res, params);
      case 'detail': {
        const id = text(params.tracking_id);
        if (!id) return fail(res, 422, 'tracking_id wajib diisi');
        return ok(res, renderReport(ctx.world, ctx.world.get(id, own), ctx.baseUrl(), style));
      }
      case 'byRef': {
        const ref = text(params.client_ref);
        const report = ref ? ctx.world.store.byClientRef(own, ref) : undefined;
        if (!report || !ctx.world.visibleTo(report, own)) return fail(res, 404, 'laporan tidak ditemukan');
        return ok(res, renderReport(ctx.world, report, ctx.baseUrl(), style));
      }
      case 'create':
        return create(ctx, res, params);
      case 'followUp': {
        const id = text(params.tracking_id);
        if (!id) return fail(res, 422, 'tracking_id wajib diisi');
        const input = followUpInputSchema.safeParse(params);
        if (!input.success) return fail(res, 422, firstIssue(input.error));
        const result = ctx.world.followUp(own, id, {
          text: input.data.isi,
          by: input.data.oleh,
          clientRef: input.data.client_ref,
        });
        return ok(
          res,
          { tracking_id: result.report.trackingId, tindak_lanjut_id: result.entry.id, duplicate: result.duplicate },
          result.duplicate ? 200 : 201,
        );
      }
    }
  } catch (err) {
    if (err instanceof NotVisible) return fail(res, 404, err.message);
    if (err instanceof TransitionError) return fail(res, 409, err.message);
    throw err;
  }
}

function list(ctx: ApiContext, res: ServerResponse, params: Record<string, unknown>): void {
  const own = ctx.world.own.id;
  const instansi = text(params.instansi_id);
  if (instansi === undefined) return fail(res, 422, 'instansi_id wajib diisi');
  if (instansi !== own) return fail(res, 403, 'instansi tidak sesuai dengan token');
  const input = listInputSchema.safeParse({
    since: text(params.since),
    since_id: text(params.since_id),
    limit: text(params.limit) ?? params.limit,
  });
  if (!input.success) return fail(res, 422, firstIssue(input.error));
  const since = input.data.since === undefined ? 0 : parseTime(input.data.since);
  if (since === undefined) return fail(res, 422, 'since: format waktu tidak valid');

  if (ctx.lastList && ctx.faults.fire('duplicatePage')) {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(ctx.lastList);
    return;
  }

  const limit = Math.min(input.data.limit ?? ctx.pageSize.default, ctx.pageSize.max);
  const page = ctx.world.store.page(since, input.data.since_id, limit, (r) => ctx.world.visibleTo(r, own));
  const items = page.items.map((r) => {
    const record = renderReport(ctx.world, r, ctx.baseUrl(), ctx.profile.style);
    return ctx.faults.fire('malformed') ? corruptRecord(record, ctx.random) : record;
  });
  const data = ctx.profile.listEnvelope === 'object' ? { items, has_more: page.hasMore, limit } : items;
  const body = JSON.stringify({ status: true, message: 'OK', data });
  ctx.lastList = body;
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);

  if (page.items.length > 0 && ctx.faults.fire('editAfterList')) {
    const target = ctx.random.pick(page.items);
    const canComment = ['terdisposisi', 'diproses', 'tunda', 'ditindaklanjuti'].includes(target.status);
    if (canComment && ctx.random.chance(0.5))
      ctx.world.act(target.trackingId, {
        action: 'komentar',
        note: 'Pelapor menambahkan keterangan: kondisi di lapangan semakin parah.',
      });
    else ctx.world.edit(target.trackingId, { body: `${target.body}<br />[Diperbarui] Mohon segera ditindaklanjuti.` });
  }
}

function create(ctx: ApiContext, res: ServerResponse, params: Record<string, unknown>): void {
  const parsed = createInputSchema.safeParse(params);
  if (!parsed.success) return fail(res, 422, firstIssue(parsed.error));
  const input = parsed.data;
  if (input.topic_id !== undefined && !ctx.world.topicName(input.topic_id))
    return fail(res, 422, `topic_id ${input.topic_id} tidak dikenal`);
  const reportedAt = input.tanggal === undefined ? undefined : parseTime(input.tanggal);
  if (input.tanggal !== undefined && reportedAt === undefined)
    return fail(res, 422, 'tanggal: format waktu tidak valid');
  const { report, duplicate } = createFromIntegration(
    ctx.world,
    ctx.world.own.id,
    {
      clientRef: input.client_ref,
      title: input.judul,
      body: input.isi,
      classification: input.klasifikasi,
      topicId: input.topic_id,
      location: input.lokasi,
      anonim: input.anonim,
      rahasia: input.rahasia,
      reportedAt,
      reporter: {
        name: input.pelapor?.nama ?? input.pelapor_nama,
        phone: input.pelapor?.telp ?? input.pelapor_telp,
        email: input.pelapor?.email ?? input.pelapor_email,
      },
      attachments: input.lampiran,
    },
    ctx.autoDispose,
  );
  const keys = ctx.profile.createdKeys;
  ok(
    res,
    { [keys.trackingId]: report.trackingId, [keys.transaksiId]: report.transaksiId ?? null, duplicate },
    duplicate ? 200 : 201,
  );
}
