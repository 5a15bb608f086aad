import express, { type Request, type Response } from 'express';
import { createListFaults } from '../list-faults.js';
import type { SystemContext } from '../system.js';
import { parseClientTime, toSecond } from '../time-format.js';
import { renderRequest, renderUpdate, SERVICES, UPDATE_STATUSES } from './model.js';
import type { Open311Store } from './store.js';

/** GeoReport errors are a list of {code, description}. */
function error(res: Response, status: number, description: string): void {
  res.status(status).json([{ code: status, description }]);
}

const DEFAULT_DAYS = 90;

export function open311Router(
  store: Open311Store,
  ctx: SystemContext,
  apiKey: string,
  maxResults: number,
): express.Router {
  const router = express.Router();
  const serveList = createListFaults(ctx);

  function range(req: Request, res: Response): [number, number] | undefined {
    const start = parseClientTime(req.query.start_date);
    const end = parseClientTime(req.query.end_date);
    // Real GeoReport servers take W3C datetimes to the second and refuse "…00.000Z".
    const fractional = [req.query.start_date, req.query.end_date].some(
      (v) => typeof v === 'string' && /:\d{2}\.\d+/.test(v),
    );
    if (
      fractional ||
      (req.query.start_date !== undefined && start === undefined) ||
      (req.query.end_date !== undefined && end === undefined)
    ) {
      error(res, 400, 'start_date and end_date must be W3C datetimes');
      return undefined;
    }
    const to = end ?? ctx.clock.now().getTime();
    return [start ?? to - DEFAULT_DAYS * 86_400_000, to];
  }

  const keyOk = (req: Request, res: Response): boolean => {
    if ((req.body as { api_key?: unknown }).api_key === apiKey) return true;
    error(res, 403, 'Invalid api_key');
    return false;
  };

  router.get('/services{.json}', (_req, res) => void res.json(SERVICES.map(({ agency: _agency, ...s }) => s)));

  router.get('/requests{.json}', (req, res) => {
    const r = range(req, res);
    if (!r) return;
    // Newest first, cut at the server's cap: what many GeoReport servers do.
    const rows = store.requests
      .filter((x) => x.requestedMs >= r[0] && x.requestedMs <= r[1])
      .sort((a, b) => b.requestedMs - a.requestedMs || b.id - a.id)
      .slice(0, maxResults);
    res.json(
      serveList('requests', rows.map(renderRequest), (page) => page, {
        corrupt: (item, pick) =>
          pick < 5 ? { ...item, description: null } : { ...item, requested_datetime: 'not-a-date' },
        edit: (item) =>
          store.addUpdate(Number(item.service_request_id), {
            status: 'investigating',
            description: 'Sedang diperiksa petugas.',
          }),
      }),
    );
  });

  router.get('/requests/:id{.json}', (req, res) => {
    const request = store.request(Number(req.params.id));
    if (!request) return void error(res, 404, `service_request_id ${req.params.id} not found`);
    res.json([renderRequest(request)]);
  });

  router.post('/requests{.json}', (req, res) => {
    if (!keyOk(req, res)) return;
    const body = req.body as Record<string, string | undefined>;
    const service = SERVICES.find((s) => s.service_code === body.service_code);
    if (!service) return void error(res, 400, 'service_code not found');
    if (!body.description) return void error(res, 400, 'description is required');
    const lat = body.lat !== undefined ? Number(body.lat) : NaN;
    const long = body.long !== undefined ? Number(body.long) : NaN;
    if (!body.address_string && !(Number.isFinite(lat) && Number.isFinite(long)))
      return void error(res, 400, 'a location is required: lat/long or address_string');
    const created = store.createRequest({
      service,
      description: body.description,
      address: body.address_string ?? null,
      lat: Number.isFinite(lat) ? lat : null,
      long: Number.isFinite(long) ? long : null,
      mediaUrl: body.media_url ?? null,
    });
    res.status(201).json([
      {
        service_request_id: String(created.id),
        service_notice: `Laporan diterima, ditangani oleh ${service.agency}.`,
        account_id: null,
      },
    ]);
  });

  router.get('/tokens/:token{.json}', (req, res) => void error(res, 404, `token ${req.params.token} not found`));

  router.get('/servicerequestupdates{.json}', (req, res) => {
    const r = range(req, res);
    if (!r) return;
    const rows = store.updates
      .filter((u) => u.updatedMs >= r[0] && u.updatedMs <= r[1])
      .sort((a, b) => b.updatedMs - a.updatedMs)
      .slice(0, maxResults);
    res.json(
      serveList('updates', rows.map(renderUpdate), (page) => page, {
        corrupt: (item) => ({ ...item, update_id: null }),
        edit: () => undefined,
      }),
    );
  });

  router.post('/servicerequestupdates{.json}', (req, res) => {
    if (!keyOk(req, res)) return;
    const body = req.body as Record<string, string | undefined>;
    const request = store.request(Number(body.service_request_id));
    if (!request) return void error(res, 404, `service_request_id ${String(body.service_request_id)} not found`);
    if (!body.status || !(UPDATE_STATUSES as readonly string[]).includes(body.status))
      return void error(res, 400, `status must be one of ${UPDATE_STATUSES.join(', ')}`);
    if (!body.description) return void error(res, 400, 'description is required');
    if (body.update_id && store.updates.some((u) => u.updateId === body.update_id))
      return void error(res, 400, `update_id ${body.update_id} already exists`);
    const at = parseClientTime(body.updated_datetime) ?? ctx.clock.now().getTime();
    const update = store.addUpdate(request.id, {
      updateId: body.update_id,
      status: body.status,
      description: body.description,
      updatedMs: toSecond(at),
      mediaUrl: body.media_url ?? null,
    });
    res.status(201).json([{ update_id: update.updateId }]);
  });

  return router;
}
