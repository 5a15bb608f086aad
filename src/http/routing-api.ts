import express, { type Router } from 'express';
import { z } from 'zod';
import type { OpdLookup } from '../opd/directory.js';
import type { RoutingService } from '../routing/service.js';
import type { Store } from '../store/store.js';
import { can, type Action } from '../domain/roles.js';
import { authOf } from './auth/authenticate.js';
import { messages } from '../i18n/messages.js';
import { langOfRequest } from './auth/language.js';
import { bodyOf } from './invalid-body.js';

const assignSchema = z.strictObject({
  /** Directory code of the OPD. */
  opd: z.string().trim().min(1).max(100),
});

const reviewSchema = z.strictObject({
  /** Also every entry of the same kind, source and value. */
  same: z.boolean().optional(),
  /** The entry's `at` as read: an entry filed again since is refused. */
  seenAt: z.string().max(40).optional(),
});

export interface RoutingApiDeps {
  routing: Pick<RoutingService, 'assign'>;
  triage: Store['triage'];
  units: Pick<OpdLookup, 'list' | 'get'>;
}

/** Triage and the OPD directory over JSON: the same as `lapor-bridge triage` and `opd list`. */
export function routingApiRouter(deps: RoutingApiDeps): Router {
  const router = express.Router();
  router.use(express.json({ limit: '16kb' }));
  /** Triage is Diskominfo's work: reading it needs every OPD in view, assigning needs assign_opd. */
  const allowed = (req: express.Request, res: express.Response, action: Action): boolean => {
    const user = authOf(res)?.user;
    if (user && can(user.role, action)) return true;
    res.status(403).json({ error: messages(langOfRequest(req)).api.forbidden, code: 'FORBIDDEN' });
    return false;
  };

  router.get('/opd', (_req, res) => void res.json(deps.units.list()));

  router.get('/triage', async (req, res) => {
    if (!allowed(req, res, 'read_all')) return;
    const kind = typeof req.query.kind === 'string' ? req.query.kind : undefined;
    const text = messages(langOfRequest(req)).triage;
    const out = [];
    for await (const [id, e] of deps.triage.entries()) {
      if (!kind || e.kind === kind) out.push({ id, ...e, reason: text.reason(e) });
      if (out.length >= 500) break;
    }
    res.json(out.sort((a, b) => a.at.localeCompare(b.at)));
  });

  router.post('/triage/:complaintId/assign', async (req, res) => {
    if (!allowed(req, res, 'assign_opd')) return;
    const body = bodyOf(assignSchema, req, res);
    if (!body) return;
    const t = messages(langOfRequest(req)).api;
    if (!deps.units.get(body.opd))
      return void res.status(422).json({ error: t.unknownOpd(body.opd), code: 'UNKNOWN_OPD' });
    try {
      // The audit names the account, as every other action does (the pages use the same path).
      const complaint = await deps.routing.assign(req.params.complaintId, body.opd, authOf(res)!.user.username);
      res.json({ complaintId: complaint.id, opd: complaint.opd });
    } catch (err) {
      if ((err as { code?: string }).code === 'NOT_FOUND')
        return void res.status(404).json({ error: t.noComplaint(req.params.complaintId), code: 'NOT_FOUND' });
      throw err;
    }
  });
  router.post('/triage/entries/:id/reviewed', async (req, res) => {
    if (!allowed(req, res, 'assign_opd')) return;
    const body = bodyOf(reviewSchema, req, res);
    if (!body) return;
    const t = messages(langOfRequest(req)).api;
    const outcome = await deps.triage.review(req.params.id, authOf(res)!.user.username, {
      ...(body.same !== undefined ? { same: body.same } : {}),
      ...(body.seenAt !== undefined ? { seenAt: body.seenAt } : {}),
    });
    if ('reviewed' in outcome) return void res.json(outcome);
    const [status, error, code] =
      outcome.refused === 'not_found'
        ? [404, t.noTriageEntry(req.params.id), 'NOT_FOUND']
        : outcome.refused === 'assignable'
          ? [409, t.triageNeedsOpd, 'NEEDS_OPD']
          : [409, t.triageFiledAgain, 'FILED_AGAIN'];
    res.status(status).json({ error, code });
  });
  return router;
}
