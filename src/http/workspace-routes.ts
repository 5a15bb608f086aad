import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { retryDeadLetter } from '../queue/dead-letters.js';
import type { Queues } from '../queue/queues.js';
import type { Store } from '../store/store.js';
import type { OpdLookup } from '../opd/directory.js';
import type { RoutingService } from '../routing/service.js';
import type { Complaint } from '../domain/complaint.js';
import type { Workspace } from '../workspace/workspace.js';
import { can } from '../domain/roles.js';
import { authOf } from './auth/authenticate.js';
import { requireAction, requireCsrf, requireUser } from './auth/guards.js';
import { langOfRequest } from './auth/language.js';
import { approvalsPage } from './pages/approvals-page.js';
import { auditPage } from './pages/audit-page.js';
import { complaintPage, searchPage } from './pages/complaint-page.js';
import { inboxPage } from './pages/inbox-page.js';
import { triagePage } from './pages/triage-page.js';
import { textOf, type WorkspaceView } from './pages/workspace-view.js';
import { pageAccount, pageHeaders, queryStrings } from './page-helpers.js';
import { messages } from '../i18n/messages.js';
import { isAuthorityError } from '../push/authority.js';
import { REFUSAL_STATUS } from './api.js';

export interface WorkspaceDeps {
  workspace: Workspace;
  store: Store;
  /** Where a dead letter is sent again. */
  queues: Queues;
  /** The one assignment path (triage, "bukan wewenang" returns): audited and kept as training data. */
  routing: Pick<RoutingService, 'assign'>;
  units: Pick<OpdLookup, 'get' | 'list' | 'current'>;
  instanceName: string;
  timeZone: string;
  logger: Logger;
}

/**
 * The OPD workspace pages. Every route needs a signed-in user; every form a CSRF token;
 * what a user may see or do with one complaint is decided by the workspace's access rule.
 */
export function workspaceRoutes(deps: WorkspaceDeps): Router {
  const router = express.Router();
  const { workspace } = deps;
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const guard: RequestHandler[] = [pageHeaders, requireUser('page')];
  const post: RequestHandler[] = [pageHeaders, form, requireUser('page'), requireCsrf('page')];

  const viewOf = (req: Request, res: Response): WorkspaceView => {
    const auth = authOf(res)!;
    return {
      instanceName: deps.instanceName,
      timeZone: deps.timeZone,
      units: deps.units,
      account: pageAccount(auth, langOfRequest(req)),
    };
  };
  const refuse = (req: Request, res: Response, status: number, message?: string) => {
    const t = messages(langOfRequest(req)).workspace;
    res
      .status(status)
      .type('text/plain')
      .send(`${message ?? (status === 404 ? t.notFound : t.forbidden)}\n`);
  };
  const safely =
    (handler: (req: Request, res: Response) => Promise<void>): RequestHandler =>
    (req, res, next) =>
      void handler(req, res).catch(next);

  router.get('/', ...guard, (_req: Request, res: Response) => res.redirect(303, '/kotak-masuk'));

  router.get(
    '/kotak-masuk',
    guard,
    safely(async (req, res) => {
      const view = viewOf(req, res);
      const q = queryStrings(req);
      const { user } = view.account;
      const inbox = await workspace.inbox(user, {
        ...(q.state ? { state: q.state } : {}),
        ...(q.opd && !user.opd ? { opd: q.opd } : {}),
      });
      res.type('html').send(
        inboxPage(view, {
          ...inbox,
          ...(q.state ? { state: q.state } : {}),
          ...(q.opd ? { opd: q.opd } : {}),
          units: user.opd ? [] : todaysUnits(deps.units),
          mayReadSecret: (row) => workspace.access(user, row.complaint).secretText,
        }),
      );
    }),
  );

  router.get(
    '/aduan',
    guard,
    safely(async (req, res) => {
      const view = viewOf(req, res);
      const query = queryStrings(req).q ?? '';
      const found = await workspace.find(view.account.user, query);
      if (found.length === 1) return res.redirect(303, `/aduan/${found[0]!.id}`);
      res
        .type('html')
        .send(
          searchPage(view, { query, found, mayReadSecret: (c) => workspace.access(view.account.user, c).secretText }),
        );
    }),
  );

  router.get(
    '/aduan/:id',
    guard,
    safely(async (req, res) => {
      const view = viewOf(req, res);
      const complaint = await workspace.port.store.ledger.get(String(req.params.id));
      if (!complaint) return refuse(req, res, 404);
      const access = workspace.access(view.account.user, complaint);
      if (!access.view) return refuse(req, res, 403);
      const ok = queryStrings(req).ok;
      const notice = ok === 'written' ? textOf(view).written : ok === 'edited' ? textOf(view).edited : undefined;
      res.type('html').send(complaintPage(view, await workspace.story(complaint), access, notice));
    }),
  );

  router.post(
    '/aduan/:id/jawaban',
    post,
    safely(async (req, res) => {
      const { user } = authOf(res)!;
      const complaint = await workspace.port.store.ledger.get(String(req.params.id));
      if (!complaint) return refuse(req, res, 404);
      if (!workspace.access(user, complaint).write) return refuse(req, res, 403);
      const text = String((req.body as { text?: unknown }).text ?? '').trim();
      if (!text || text.length > 20_000)
        return refuse(req, res, 400, messages(langOfRequest(req)).workspace.answerText);
      try {
        await workspace.port.push.addResponse({ complaintId: complaint.id, text, by: user.username });
      } catch (err) {
        // The authority rules refuse (no OPD yet, another OPD's complaint): said as the API says it.
        if (!isAuthorityError(err)) throw err;
        return refuse(
          req,
          res,
          REFUSAL_STATUS[err.code],
          messages(langOfRequest(req)).responses.refusal(err.code, err.detail),
        );
      }
      res.redirect(303, `/aduan/${complaint.id}?ok=written`);
    }),
  );

  router.post(
    '/aduan/:id/jawaban/:answer',
    post,
    safely(async (req, res) => {
      const { user } = authOf(res)!;
      const answer = await workspace.port.push.responses.get(String(req.params.answer));
      const complaint = answer && (await workspace.port.store.ledger.get(answer.complaintId));
      if (
        !answer ||
        !complaint ||
        answer.caseId !== (await workspace.port.store.ledger.get(String(req.params.id)))?.caseId
      )
        return refuse(req, res, 404);
      if (!workspace.access(user, complaint).write) return refuse(req, res, 403);
      const text = String((req.body as { text?: unknown }).text ?? '').trim();
      if (!text || text.length > 20_000)
        return refuse(req, res, 400, messages(langOfRequest(req)).workspace.answerText);
      try {
        await workspace.port.push.editDraft(answer.id, text, user.username);
      } catch (err) {
        return refuse(req, res, 409, err instanceof Error ? err.message : String(err));
      }
      res.redirect(303, `/aduan/${String(req.params.id)}?ok=edited`);
    }),
  );

  router.get(
    '/persetujuan',
    guard,
    requireAction('page', 'approve_answer'),
    safely(async (req, res) => {
      const view = viewOf(req, res);
      const now = workspace.port.clock.now().getTime();
      const waiting = await workspace.waitingFor(view.account.user);
      const drafts = await Promise.all(
        waiting.map(async (w) => ({
          ...w,
          previews: await workspace.preview(w.answer),
          waitingMs: Math.max(0, now - Date.parse(w.answer.createdAt)),
        })),
      );
      const ok = queryStrings(req).ok;
      const t = textOf(view);
      res
        .type('html')
        .send(approvalsPage(view, drafts, ok === 'approved' ? t.approved : ok === 'rejected' ? t.rejected : undefined));
    }),
  );

  const decide = (action: 'approve' | 'reject'): RequestHandler =>
    safely(async (req, res) => {
      const { user } = authOf(res)!;
      const answer = await workspace.port.push.responses.get(String(req.params.id));
      const complaint = answer && (await workspace.port.store.ledger.get(answer.complaintId));
      if (!answer || !complaint) return refuse(req, res, 404);
      if (!workspace.access(user, complaint).approve) return refuse(req, res, 403);
      try {
        if (action === 'approve') await workspace.port.push.approve(answer.id, user.username);
        else {
          const reason = String((req.body as { reason?: unknown }).reason ?? '').trim();
          if (!reason) return refuse(req, res, 400, messages(langOfRequest(req)).workspace.reasonRequired);
          await workspace.port.push.reject(answer.id, user.username, reason);
        }
      } catch (err) {
        return refuse(req, res, 409, err instanceof Error ? err.message : String(err));
      }
      res.redirect(303, `/persetujuan?ok=${action === 'approve' ? 'approved' : 'rejected'}`);
    });
  router.post('/persetujuan/:id/setujui', post, requireAction('page', 'approve_answer'), decide('approve'));
  router.post('/persetujuan/:id/tolak', post, requireAction('page', 'approve_answer'), decide('reject'));

  router.get(
    '/triase',
    guard,
    requireAction('page', 'read_all'),
    safely(async (req, res) => {
      const view = viewOf(req, res);
      const q = queryStrings(req);
      const t = textOf(view);
      const assignedTo = q.opd ? deps.units.get(q.opd) : undefined;
      // What the action before this page did, by the `ok` its redirect named.
      const notices: Record<string, () => string | undefined> = {
        retried: () => t.retried,
        assigned: () => assignedTo && t.assigned(assignedTo.name),
        reviewed: () => t.reviewed(Number(q.n ?? 0)),
        gone: () => t.triageGone,
        'filed-again': () => t.filedAgain,
      };
      const notice = q.ok && Object.hasOwn(notices, q.ok) ? notices[q.ok]!() : undefined;
      const triage = (await deps.store.triage.list(500)).sort(([, a], [, b]) => a.at.localeCompare(b.at));
      const ids = [...new Set(triage.map(([, e]) => e.complaintId))];
      const complaints = new Map<string, Complaint>();
      (await deps.store.ledger.getMany(ids)).forEach((c, i) => c && complaints.set(ids[i]!, c));
      res.type('html').send(
        triagePage(view, {
          triage,
          complaints,
          mayReadSecret: (c) => workspace.access(view.account.user, c).secretText,
          deadLetters: await deps.store.deadLetters.list(200),
          mayRetry: can(view.account.user.role, 'operate'),
          ...(can(view.account.user.role, 'assign_opd')
            ? {
                assignable: todaysUnits(deps.units),
              }
            : {}),
          ...(notice ? { notice } : {}),
        }),
      );
    }),
  );

  router.post(
    '/triase/:complaintId/tetapkan',
    post,
    requireAction('page', 'assign_opd'),
    safely(async (req, res) => {
      const { user } = authOf(res)!;
      const code = String((req.body as { opd?: unknown }).opd ?? '').trim();
      const unit = deps.units.get(code);
      if (!unit || unit.mergedInto) return refuse(req, res, 400, textOf(viewOf(req, res)).unknownUnit(code));
      const complaintId = String(req.params.complaintId);
      if (!(await deps.store.ledger.get(complaintId))) return refuse(req, res, 404);
      await deps.routing.assign(complaintId, unit.code, user.username);
      res.redirect(303, `/triase?ok=assigned&opd=${encodeURIComponent(unit.code)}`);
    }),
  );

  router.post(
    '/triase/tinjau',
    post,
    requireAction('page', 'assign_opd'),
    safely(async (req, res) => {
      const { user } = authOf(res)!;
      const body = req.body as { entry?: unknown; seenAt?: unknown; scope?: unknown };
      const outcome = await deps.store.triage.review(String(body.entry ?? ''), user.username, {
        same: body.scope === 'same',
        ...(typeof body.seenAt === 'string' ? { seenAt: body.seenAt } : {}),
      });
      if ('reviewed' in outcome) return res.redirect(303, `/triase?ok=reviewed&n=${outcome.reviewed}`);
      if (outcome.refused === 'assignable') return refuse(req, res, 409, textOf(viewOf(req, res)).needsOpd);
      // A page read before the entry was settled or filed again: said on the page, as it is now.
      res.redirect(303, `/triase?ok=${outcome.refused === 'not_found' ? 'gone' : 'filed-again'}`);
    }),
  );

  router.post(
    '/triase/dlq/:key/ulang',
    post,
    requireAction('page', 'operate'),
    safely(async (req, res) => {
      const { user } = authOf(res)!;
      if (!(await deps.store.deadLetters.get(String(req.params.key)))) return refuse(req, res, 404);
      await retryDeadLetter(deps.store, deps.queues, String(req.params.key), `user:${user.username}`);
      res.redirect(303, '/triase?ok=retried');
    }),
  );

  router.get(
    '/audit',
    guard,
    requireAction('page', 'read_all'),
    safely(async (req, res) => {
      res.type('html').send(auditPage(viewOf(req, res), await deps.store.readAudit(300)));
    }),
  );
  return router;
}

/** The units of today's directory (none merged into another), by code and name. */
function todaysUnits(units: WorkspaceDeps['units']): { code: string; name: string }[] {
  return units
    .list()
    .filter((u) => !u.mergedInto)
    .map((u) => ({ code: u.code, name: u.name }));
}
