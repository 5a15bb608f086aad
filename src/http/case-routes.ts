import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { CaseError, type CaseErrorCode } from '../dedup/cases.js';
import type { CaseDesk } from '../dedup/desk.js';
import { can, type Action } from '../domain/roles.js';
import { authOf } from './auth/authenticate.js';
import { invalidBody } from './invalid-body.js';

const byBody = z.strictObject({});
const mergeBody = z.strictObject({ with: z.string().trim().min(1) });
const splitBody = z.strictObject({ complaints: z.array(z.string().trim().min(1)).min(1).max(500) });

/** The caller's account name when its role may do `action`; otherwise a 403 is sent. */
function caller(res: Response, action: Action): string | undefined {
  const user = authOf(res)?.user;
  if (user && can(user.role, action)) return user.username;
  res.status(403).json({ error: 'not allowed for your account (role)' });
  return undefined;
}

const STATUS: Record<CaseErrorCode, number> = {
  NOT_FOUND: 404,
  NOT_IN_CASE: 409,
  NOTHING_TO_SPLIT: 409,
  ALREADY_DECIDED: 409,
};

async function answer(res: Response, work: () => Promise<unknown>): Promise<void> {
  try {
    res.json(await work());
  } catch (err) {
    if (err instanceof CaseError) return void res.status(STATUS[err.code]).json({ error: err.message, code: err.code });
    throw err;
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
  router.get('/cases/proposals', (_req, res) =>
    caller(res, 'read_all') ? answer(res, () => desk.proposals(500)) : undefined,
  );
  router.get('/cases/:id', (req, res) =>
    caller(res, 'read_all') ? answer(res, () => desk.show(req.params.id)) : undefined,
  );
  router.post('/cases/proposals/:id/confirm', (req, res) => {
    const body = byBody.safeParse(req.body ?? {});
    if (!body.success) return invalidBody(req, res, body.error);
    const by = caller(res, 'operate');
    return by ? answer(res, () => desk.confirm(req.params.id, by)) : undefined;
  });
  router.post('/cases/proposals/:id/reject', (req, res) => {
    const body = byBody.safeParse(req.body ?? {});
    if (!body.success) return invalidBody(req, res, body.error);
    const by = caller(res, 'operate');
    return by ? answer(res, () => desk.reject(req.params.id, by)) : undefined;
  });
  router.post('/cases/:id/merge', (req, res) => {
    const body = mergeBody.safeParse(req.body);
    if (!body.success) return invalidBody(req, res, body.error);
    const by = caller(res, 'operate');
    return by ? answer(res, () => desk.merge(req.params.id, body.data.with, by)) : undefined;
  });
  router.post('/cases/:id/split', (req, res) => {
    const body = splitBody.safeParse(req.body);
    if (!body.success) return invalidBody(req, res, body.error);
    const by = caller(res, 'operate');
    return by ? answer(res, () => desk.split(req.params.id, body.data.complaints, by)) : undefined;
  });
  return router;
}
