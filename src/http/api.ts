import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { can } from '../domain/roles.js';
import { messages } from '../i18n/messages.js';
import { isAuthorityError, type AuthorityError, type AuthorityRefusal } from '../push/authority.js';
import type { PushService } from '../push/service.js';
import type { Workspace } from '../workspace/workspace.js';
import { authOf } from './auth/authenticate.js';
import { langOfRequest } from './auth/language.js';
import { bodyOf } from './invalid-body.js';

const newResponseSchema = z.strictObject({
  text: z.string().trim().min(1).max(20_000),
  opd: z.string().trim().min(1).max(200).optional(),
});
const approvalSchema = z.strictObject({});
const rejectionSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

/** The HTTP status of each refusal of the authority rules, for the API and the workspace forms alike. */
export const REFUSAL_STATUS: Record<AuthorityRefusal, number> = {
  no_rules: 503,
  no_complaint: 404,
  no_answer: 404,
  unknown_opd: 400,
  not_assigned: 403,
  rejected: 409,
  already_approved: 409,
};

const forbidden = (req: Request, res: Response) =>
  void res.status(403).json({ error: messages(langOfRequest(req)).api.forbidden, code: 'forbidden' });

/** An answer the authority rules' vocabulary names (no_complaint, no_answer, rejected, already_approved…), in the request's language. */
function refusal(
  req: Request,
  res: Response,
  status: number,
  code: AuthorityRefusal,
  detail: AuthorityError['detail'],
): undefined {
  res.status(status).json({
    error: messages(langOfRequest(req)).responses.refusal(code, detail),
    code,
    ...(detail.known ? { allowed: detail.known } : {}),
  });
  return undefined;
}

/**
 * The JSON API for OPD answers and complaint state, for signed-in callers (session with
 * X-CSRF-Token, API token, or basic auth). The signer of every answer is the caller's
 * account; what each account may see or do is the workspace's access rule, the same as on
 * the pages. Complaints are shown as the ledger keeps them: identity only as a masked display.
 */
export function apiRouter(push: PushService, workspace: Workspace): Router {
  const router = express.Router();
  router.use(express.json({ limit: '64kb' }));
  const { ledger } = push.deps.store;
  /** A refusal of the authority rules (src/push/authority.ts): its code, why, and the allowed OPDs. */
  const refused = (req: Request, res: Response, err: unknown): undefined => {
    if (!isAuthorityError(err)) throw err;
    return refusal(req, res, REFUSAL_STATUS[err.code], err.code, err.detail);
  };

  router.get('/complaints/:id', async (req, res) => {
    const complaint = await ledger.get(req.params.id);
    if (!complaint) return refusal(req, res, 404, 'no_complaint', { id: req.params.id });
    const access = workspace.access(authOf(res)!.user, complaint);
    if (!access.view) return forbidden(req, res);
    const answers = await push.responses.ofCase(complaint.caseId);
    const sends = await push.sendStates.all(complaint.id);
    const answerSends = Object.fromEntries(
      await Promise.all(answers.map(async (a) => [a.id, await push.sendStates.all(a.id)] as const)),
    );
    // The text exactly as the source sent it carries unmasked phones and NIK: only an admin
    // who asks for it (?raw=1) gets it, and that reading is audited.
    const { user } = authOf(res)!;
    const wantsRaw = req.query.raw === '1';
    if (wantsRaw && user.role !== 'admin') return forbidden(req, res);
    if (wantsRaw) {
      await push.deps.store.audit({
        who: user.username,
        what: 'raw_text_viewed',
        why: 'an admin asked for the text as the source sent it (GET /api/complaints/:id?raw=1)',
        complaintId: complaint.id,
      });
    }
    const { rawBody, ...masked } = complaint;
    const shown =
      complaint.rahasia && !access.secretText
        ? { ...masked, title: undefined, body: '', responses: [] }
        : wantsRaw
          ? { ...masked, rawBody }
          : masked;
    res.json({
      complaint: shown,
      case: await ledger.caseMembers(complaint.caseId, complaint),
      sends,
      answers: answers.map((a) => ({ ...a, sends: answerSends[a.id] })),
    });
  });

  router.post('/complaints/:id/responses', async (req, res) => {
    const body = bodyOf(newResponseSchema, req, res);
    if (!body) return;
    const complaint = await ledger.get(req.params.id);
    if (!complaint) return refusal(req, res, 404, 'no_complaint', { id: req.params.id });
    const { user } = authOf(res)!;
    if (!workspace.access(user, complaint).write) return forbidden(req, res);
    const response = await push
      .addResponse({
        complaintId: req.params.id,
        text: body.text,
        by: user.username,
        ...(body.opd ? { opd: body.opd } : {}),
      })
      .catch((err: unknown) => refused(req, res, err));
    if (response) res.status(201).json(response);
  });

  const decide = (action: 'approve' | 'reject') => async (req: express.Request<{ id: string }>, res: Response) => {
    const body = bodyOf<{ reason?: string }>(
      action === 'approve' ? approvalSchema : rejectionSchema,
      req,
      res,
      req.body ?? {},
    );
    if (!body) return;
    const id = req.params.id;
    const existing = await push.responses.get(id);
    const complaint = existing && (await ledger.get(existing.complaintId));
    if (!existing || !complaint) return refusal(req, res, 404, 'no_answer', { id });
    const { user } = authOf(res)!;
    if (!workspace.access(user, complaint).approve) return forbidden(req, res);
    if (action === 'approve' && existing.state === 'rejected') return refusal(req, res, 409, 'rejected', { id });
    if (action === 'reject' && existing.state === 'approved') return refusal(req, res, 409, 'already_approved', { id });
    const done = await (
      action === 'approve' ? push.approve(id, user.username) : push.reject(id, user.username, body.reason ?? '')
    ).catch((err: unknown) => refused(req, res, err));
    if (done) res.json(done);
  };
  router.post('/responses/:id/approve', decide('approve'));
  router.post('/responses/:id/reject', decide('reject'));

  router.get('/responses', async (req, res) => {
    const { user } = authOf(res)!;
    const state = typeof req.query.state === 'string' ? req.query.state : undefined;
    const out = [];
    for await (const r of push.responses.all()) {
      if (state && r.state !== state) continue;
      if (!can(user.role, 'read_all')) {
        const complaint = await ledger.get(r.complaintId);
        if (!complaint || !workspace.access(user, complaint).view) continue;
      }
      out.push(r);
      if (out.length >= 500) break;
    }
    res.json(out.sort((a, b) => a.at.localeCompare(b.at)));
  });
  return router;
}
