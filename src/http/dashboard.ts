import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Router } from 'express';
import { messages, type Language } from '../i18n/messages.js';
import type { QueueName } from '../queue/names.js';
import type { Queues } from '../queue/queues.js';

export const DASHBOARD_PATH = '/admin/queues';

export interface DashboardOptions {
  readOnly: boolean;
  /** Indonesian unless given. */
  language?: Language;
  /** instance.timezone: job times are shown in it (the machine's zone unless given). */
  timezone?: string;
}

/**
 * Where a job's subject is shown in the bridge's own pages: a push job's complaint, an
 * ingest job's first record (the complaint page finds it by any channel's id), a poll's
 * sync log; the inbox when the job names nothing.
 */
export function jobSubjectPath(queue: QueueName, data: unknown): string {
  const d = (data ?? {}) as { complaintId?: unknown; externalIds?: unknown };
  if (queue === 'poll') return '/sync-logs';
  if (typeof d.complaintId === 'string') return `/aduan?q=${encodeURIComponent(d.complaintId)}`;
  const first = Array.isArray(d.externalIds) ? d.externalIds[0] : undefined;
  return typeof first === 'string' ? `/aduan?q=${encodeURIComponent(first)}` : '/kotak-masuk';
}

/**
 * bull-board over every queue of the daemon, set up for operators: what each queue does,
 * a link from each job to the complaint or sync log it is about, links back to the
 * bridge's pages, times in the configured zone. Read-only unless configured otherwise.
 */
export function dashboardRouter(queues: Queues, options: DashboardOptions): Router {
  const t = messages(options.language ?? 'id').dashboard;
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  // The board speaks English only and formats in its own locale (en-US): "short" would name the
  // zone "GMT+7"; "long" names it as English does ("Western Indonesia Time", WIB), on a 24-hour clock.
  const at: Intl.DateTimeFormatOptions = { timeZone: options.timezone, timeZoneName: 'long', hourCycle: 'h23' };
  createBullBoard({
    queues: (Object.entries(queues) as [QueueName, Queues[QueueName]][]).map(
      ([name, queue]) =>
        new BullMQAdapter(queue, {
          readOnlyMode: options.readOnly,
          allowRetries: !options.readOnly,
          description: t.queues[name],
          externalJobUrl: (job) => ({ href: jobSubjectPath(name, job.data), displayText: t.subject }),
        }),
    ),
    serverAdapter,
    options: {
      uiConfig: {
        boardTitle: 'lapor-bridge',
        hideDocsLink: true,
        miscLinks: t.links,
        dateFormats: {
          short: { ...at, hour: '2-digit', minute: '2-digit', second: '2-digit' },
          common: { ...at, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' },
          full: { ...at, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
        },
      },
    },
  });
  return serverAdapter.getRouter() as Router;
}
