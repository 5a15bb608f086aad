import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { CaseError, type CaseErrorCode } from '../dedup/cases.js';
import type { CaseDesk } from '../dedup/desk.js';
import { can, type Action } from '../domain/roles.js';
import { authOf } from './auth/authenticate.js';
import { messages } from '../i18n/messages.js';
import { langOfRequest } from './auth/language.js';
import { bodyOf } from './invalid-body.js';

const byBody = z.strictObject({});
const mergeBody = z.strictObject({ with: z.string().trim().min(1) });
const splitBody = z.strictObject({ complaints: z.array(z.string().trim().min(1)).min(1).max(500) });

/** The caller's account name when its role may do `action`; otherwise a 403 is sent. */
function caller(req: Request, res: Response, action: Action): string | undefined {
  const user = authOf(res)?.user;
  if (user && can(user.role, action)) return user.username;
  res.status(403).json({ error: messages(langOfRequest(req)).api.forbidden, code: 'FORBIDDEN' });
  return undefined;
}

const STATUS: Record<CaseErrorCode, number> = {
  NOT_FOUND: 404,
  NOT_IN_CASE: 409,
  NOTHING_TO_SPLIT: 409,
  ALREADY_DECIDED: 409,
};

async function answer(req: Request, res: Response, work: () => Promise<unknown>): Promise<void> {
  try {
    res.json(await work());
  } catch (err) {
    if (!(err instanceof CaseError)) throw err;
    const error = messages(langOfRequest(req)).api.caseRefusal(err.code, err.detail);
    res.status(STATUS[err.code]).json({ error, code: err.code });
  }
}

/**
 * Cases in the JSON API, for signed-in callers: open proposals and a case with its members,
 * related reports and answers (for roles that read every complaint); the decisions
 * (operators: the `operate` grant), each made in the caller's account name.
 */
export function caseRouter(desk: CaseDesk): Router {
  const router = express.Router();
  router.use(express.json({ limit: '64kb' }));
  router.get('/cases/proposals', (req, res) =>
    caller(req, res, 'read_all') ? answer(req, res, () => desk.proposals(500)) : undefined,
  );
  router.get('/cases/:id', (req, res) =>
    caller(req, res, 'read_all') ? answer(req, res, () => desk.show(req.params.id)) : undefined,
  );
  router.post('/cases/proposals/:id/confirm', (req, res) => {
    if (!bodyOf(byBody, req, res, req.body ?? {})) return;
    const by = caller(req, res, 'operate');
    return by ? answer(req, res, () => desk.confirm(req.params.id, by)) : undefined;
  });
  router.post('/cases/proposals/:id/reject', (req, res) => {
    if (!bodyOf(byBody, req, res, req.body ?? {})) return;
    const by = caller(req, res, 'operate');
    return by ? answer(req, res, () => desk.reject(req.params.id, by)) : undefined;
  });
  router.post('/cases/:id/merge', (req, res) => {
    const body = bodyOf(mergeBody, req, res);
    if (!body) return;
    const by = caller(req, res, 'operate');
    return by ? answer(req, res, () => desk.merge(req.params.id, body.with, by)) : undefined;
  });
  router.post('/cases/:id/split', (req, res) => {
    const body = bodyOf(splitBody, req, res);
    if (!body) return;
    const by = caller(req, res, 'operate');
    return by ? answer(req, res, () => desk.split(req.params.id, body.complaints, by)) : undefined;
  });
  return router;
}
