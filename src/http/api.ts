import express, { type Router } from 'express';
import { z } from 'zod';
import type { PushService } from '../push/service.js';

const newResponseSchema = z.strictObject({
  text: z.string().trim().min(1).max(20_000),
  /** The officer writing it (pejabat penghubung). */
  by: z.string().trim().min(1).max(200),
  opd: z.string().trim().min(1).max(200).optional(),
});
const approvalSchema = z.strictObject({ by: z.string().trim().min(1).max(200) });

function problem(error: z.ZodError): { error: string; problems: string[] } {
  return { error: 'invalid request body', problems: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`) };
}

/**
 * The JSON API for OPD answers and complaint state, behind the dashboard's credentials.
 * Complaints are shown as the ledger keeps them: identity only as a masked display.
 */
export function apiRouter(push: PushService): Router {
  const router = express.Router();
  router.use(express.json({ limit: '64kb' }));
  const { ledger } = push.deps.store;

  router.get('/complaints/:id', async (req, res) => {
    const complaint = await ledger.get(req.params.id);
    if (!complaint) return void res.status(404).json({ error: `no complaint "${req.params.id}"` });
    const answers = await push.responses.ofCase(complaint.caseId);
    const sends = await push.sendStates.all(complaint.id);
    const answerSends = Object.fromEntries(await Promise.all(answers.map(async (a) => [a.id, await push.sendStates.all(a.id)] as const)));
    res.json({ complaint, case: await ledger.caseMembers(complaint.caseId), sends, answers: answers.map((a) => ({ ...a, sends: answerSends[a.id] })) });
  });

  router.post('/complaints/:id/responses', async (req, res) => {
    const body = newResponseSchema.safeParse(req.body);
    if (!body.success) return void res.status(400).json(problem(body.error));
    if (!(await ledger.get(req.params.id))) return void res.status(404).json({ error: `no complaint "${req.params.id}"` });
    const response = await push.addResponse({ complaintId: req.params.id, ...body.data });
    res.status(201).json(response);
  });

  router.post('/responses/:id/approve', async (req, res) => {
    const body = approvalSchema.safeParse(req.body);
    if (!body.success) return void res.status(400).json(problem(body.error));
    const existing = await push.responses.get(req.params.id);
    if (!existing) return void res.status(404).json({ error: `no answer "${req.params.id}"` });
    if (existing.state === 'rejected') return void res.status(409).json({ error: 'this answer was rejected; write a new one' });
    res.json(await push.approve(req.params.id, body.data.by));
  });

  router.get('/responses', async (req, res) => {
    const state = typeof req.query.state === 'string' ? req.query.state : undefined;
    const out = [];
    for await (const r of push.responses.all()) {
      if (!state || r.state === state) out.push(r);
      if (out.length >= 500) break;
    }
    res.json(out.sort((a, b) => a.at.localeCompare(b.at)));
  });
  return router;
}
