import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { can } from '../domain/roles.js';
import { chooseLanguage, messages } from '../i18n/messages.js';
import { isAuthorityError, type AuthorityError, type AuthorityRefusal } from '../push/authority.js';
import type { PushService } from '../push/service.js';
import type { Workspace } from '../workspace/workspace.js';
import { authOf } from './auth/authenticate.js';
import { invalidBody } from './invalid-body.js';

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

const forbidden = (res: Response) => void res.status(403).json({ error: 'not allowed for your account (role or OPD)' });

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
  const t = messages(chooseLanguage(push.deps.config.instance.language, process.env));
  /** A refusal of the authority rules (src/push/authority.ts): its code, why in the instance's language, and the allowed OPDs. */
  const refused = (res: Response, err: unknown): undefined => {
    if (!isAuthorityError(err)) throw err;
    const e: AuthorityError = err;
    res.status(REFUSAL_STATUS[e.code]).json({
      error: t.responses.refusal(e.code, e.detail),
      code: e.code,
      ...(e.detail.known ? { allowed: e.detail.known } : {}),
    });
    return undefined;
  };

  router.get('/complaints/:id', async (req, res) => {
    const complaint = await ledger.get(req.params.id);
    if (!complaint) return void res.status(404).json({ error: `no complaint "${req.params.id}"` });
    const access = workspace.access(authOf(res)!.user, complaint);
    if (!access.view) return forbidden(res);
    const answers = await push.responses.ofCase(complaint.caseId);
    const sends = await push.sendStates.all(complaint.id);
    const answerSends = Object.fromEntries(
      await Promise.all(answers.map(async (a) => [a.id, await push.sendStates.all(a.id)] as const)),
    );
    // The text exactly as the source sent it carries unmasked phones and NIK: only an admin
    // who asks for it (?raw=1) gets it, and that reading is audited.
    const { user } = authOf(res)!;
    const wantsRaw = req.query.raw === '1';
    if (wantsRaw && user.role !== 'admin') return forbidden(res);
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
      case: await ledger.caseMembers(complaint.caseId),
      sends,
      answers: answers.map((a) => ({ ...a, sends: answerSends[a.id] })),
    });
  });

  router.post('/complaints/:id/responses', async (req, res) => {
    const body = newResponseSchema.safeParse(req.body);
    if (!body.success) return invalidBody(req, res, body.error);
    const complaint = await ledger.get(req.params.id);
    if (!complaint) return void res.status(404).json({ error: `no complaint "${req.params.id}"` });
    const { user } = authOf(res)!;
    if (!workspace.access(user, complaint).write) return forbidden(res);
    const response = await push
      .addResponse({
        complaintId: req.params.id,
        text: body.data.text,
        by: user.username,
        ...(body.data.opd ? { opd: body.data.opd } : {}),
      })
      .catch((err: unknown) => refused(res, err));
    if (response) res.status(201).json(response);
  });

  const decide = (action: 'approve' | 'reject') => async (req: express.Request<{ id: string }>, res: Response) => {
    const body = (action === 'approve' ? approvalSchema : rejectionSchema).safeParse(req.body ?? {});
    if (!body.success) return invalidBody(req, res, body.error);
    const existing = await push.responses.get(req.params.id);
    const complaint = existing && (await ledger.get(existing.complaintId));
    if (!existing || !complaint) return void res.status(404).json({ error: `no answer "${req.params.id}"` });
    const { user } = authOf(res)!;
    if (!workspace.access(user, complaint).approve) return forbidden(res);
    if (action === 'approve' && existing.state === 'rejected')
      return void res.status(409).json({ error: 'this answer was rejected; write a new one' });
    if (action === 'reject' && existing.state === 'approved')
      return void res.status(409).json({ error: 'this answer is already approved' });
    const done = await (
      action === 'approve'
        ? push.approve(req.params.id, user.username)
        : push.reject(req.params.id, user.username, (body.data as unknown as { reason: string }).reason)
    ).catch((err: unknown) => refused(res, err));
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
