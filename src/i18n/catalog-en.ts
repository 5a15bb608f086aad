import { configEn } from './config-messages.js';
import { apiEn } from './api-messages.js';
import { usersEn } from './accounts-messages.js';
import { cliEn } from './cli-messages.js';
import { helpEn } from './help-messages.js';
import type { Catalog } from './catalog-id.js';
import { dueEn } from './due-messages.js';
import { syncEn } from './sync-messages.js';
import { notifyEn } from './notify-messages.js';
import { pagesEn } from './page-messages.js';
import { workspaceEn } from './workspace-messages.js';
import { triageEn } from './triage-messages.js';
import { auditEn } from './audit-messages.js';

/** The same messages in English, for operators who choose it (`instance.language: en` or `LANG=en_…`). */
export const en: Catalog = {
  config: configEn,
  cli: cliEn,
  help: helpEn,
  nav: { rekap: 'OPD recap', syncLogs: 'Sync logs', queues: 'Queues' },
  dashboard: {
    queues: {
      poll: 'Scheduled pulls from each source: one job per schedule slot (or "sync now")',
      ingest: 'One job per pulled page: normalize, ledger, dedup, route, then plan the pushes',
      push: 'Writes to other systems: forwards, tracking ids, approved answers, statuses',
    },
    subject: 'Open complaint / log',
    links: [
      { text: 'Inbox', url: '/kotak-masuk' },
      { text: 'OPD recap', url: '/rekap' },
      { text: 'Sync logs', url: '/sync-logs' },
    ],
  },
  rekap: {
    query: {
      monthFormat: 'write the month as YYYY-MM, e.g. 2026-03',
      dateFormat: 'write dates as YYYY-MM-DD',
      badSource: 'not a valid source name',
      fromToTogether: 'give the "from" and "to" dates together',
      monthOrRange: 'choose a month or a date range, not both',
      fromBeforeTo: 'the "from" date must come before "to"',
      tooLong: (days) => `a range spans at most ${days} days`,
    },
    title: (period) => `Complaints per OPD — ${period}`,
    opdTitle: (opd, period) => `${opd} — ${period}`,
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    columns: {
      opd: 'OPD',
      source: 'Channel',
      total: 'Received',
      share: 'Share',
      answeredOnTime: 'Answered on time',
      answeredLate: 'Answered late',
      answeredUndated: 'Answered, no date',
      pending: 'Not answered',
      overdue: 'Overdue',
      notAuthority: 'Not our authority',
      closedWithoutAnswer: 'Archived/rejected',
      median: 'Median working days',
      p90: 'P90 working days',
      topics: 'Top topics',
      week: 'Week of',
      received: 'Received',
      answered: 'Answered',
      number: 'Source · number',
      title: 'Title',
      reportedAt: 'Reported',
      elapsed: 'Working days elapsed / limit',
    },
    unassigned: 'No OPD yet',
    total: 'Total',
    views: { opd: 'Per OPD', channels: 'Per channel', weeks: 'Per week', overdue: 'Overdue', topics: 'Topics' },
    sections: {
      channels: 'Per channel (source)',
      chart: 'Received and answered per week',
      topics: 'Top topics',
      overdue: 'Not answered past the limit, longest waiting first',
      overdueOf: (opd) => `Overdue complaints of ${opd}`,
    },
    approvalWait: {
      title: "Waiting for the OPD head's approval",
      none: 'No draft answer to the complaints of this period.',
      decided: 'Decided',
      median: 'Median (hours)',
      p90: 'P90 (hours)',
      waiting: 'Still waiting',
      oldest: 'Longest waiting (hours)',
      columns: {
        decided: 'Drafts decided by the head',
        median: 'Approval wait, median (hours)',
        p90: 'Approval wait, P90 (hours)',
        waiting: 'Drafts still waiting',
        oldest: 'Longest draft wait (hours)',
      },
      note: 'Hours from a draft being written to the OPD head approving or rejecting it, over answers to complaints received in the period.',
    },
    cards: {
      received: 'complaints received',
      onTime: (pct) => `answered on time (${pct})`,
      late: 'answered late',
      pending: 'not answered',
      overdue: 'overdue',
      median: 'median working days to the first answer',
    },
    trend: (previous, received, onTime) =>
      `Compared with ${previous}: received ${received.now} (${received.before} before, ${received.change}), answered on time ${onTime.now} (${onTime.before} before).`,
    noOverdue: 'No overdue complaints in this period.',
    rahasia: 'Confidential complaint: text not shown',
    untitled: 'Untitled',
    categories: 'Categories',
    words: 'Most frequent words (complaints without a category)',
    noTopics: 'No topics yet.',
    generated: (at) => `Generated ${at}`,
    periodLine: (from, to, zone) => `Complaints reported ${from} to ${to} (${zone})`,
    sourceLine: (source) => `source ${source}`,
    allSources: 'all sources',
    picker: {
      month: 'Month',
      from: 'From',
      to: 'To',
      source: 'Source',
      allSources: 'All sources',
      show: 'Show',
      otherRange: 'Another date range',
      previous: '‹ Previous month',
      next: 'Next month ›',
    },
    downloads: 'Download',
    print: "Print: use the browser's print menu (A4 landscape).",
    sortBy: (column) => `Sort by ${column}`,
    backToAll: '‹ All OPDs',
    unreadable: (n) => `${n} ledger documents could not be read as complaints and are not counted.`,
    notes: {
      answered:
        'Answered on time / late: the first tindak lanjut within / past the working-day limit since the report. Answered, no date: marked answered or closed without a dated tindak lanjut.',
      limits: (dispose, total, followUp) =>
        `Limits: ${dispose} working days to dispose while there is no OPD; ${total} working days (${dispose} to dispose + ${followUp} to follow up) once there is one.`,
      workingDays:
        'Working days: Monday to Friday except the national holidays and cuti bersama listed in the configuration (calendar.holidays).',
      notAuthority:
        'Not our authority: complaints currently returned as bukan wewenang, waiting to be disposed again; LAPOR removes their OPD, so they appear in the “No OPD yet” row.',
      topics:
        'Topics: the complaint category; for complaints without one, the most frequent words of their titles (confidential complaints left out).',
    },
  },
  states: { idle: 'idle', polling: 'polling', failing: 'failing' },
  due: dueEn,
  sync: syncEn,
  notify: notifyEn,
  pages: pagesEn,
  api: apiEn,
  users: usersEn,
  workspace: workspaceEn,
  triage: triageEn,
  audit: auditEn,
  responses: {
    drafted: (id) =>
      `${id}: draft, waiting for approval: lapor-bridge responses approve ${id} --as OPD_HEAD (or reject ${id} --as OPD_HEAD --reason WHY)`,
    approvedAtOnce: (id, opd) => `${id}: approved (${opd} needs no approval); queued for every channel of the case`,
    approved: (id, by) => `${id}: approved by ${by}; queued for delivery (a running daemon sends it)`,
    rejected: (id, by) => `${id}: rejected by ${by}; this answer is never sent`,
    refusal: (code, d) => {
      const list = d.known && d.known.length > 0 ? `\n  allowed OPDs: ${d.known.join('; ')}` : '';
      switch (code) {
        case 'no_rules':
          return 'no daemon has published its rules in this Redis: start lapor-bridge start with its configuration first';
        case 'no_complaint':
          return `no complaint "${d.id ?? ''}"`;
        case 'unknown_opd':
          return `"${d.opd ?? ''}" is not an OPD of the directory${list}`;
        case 'not_assigned':
          return d.opd
            ? `${d.opd} may not sign an answer to a complaint ${d.assigned ? `of ${d.assigned}` : 'without an OPD'}${list}`
            : `this complaint has no OPD yet: name the answering OPD (--opd)${list}`;
        case 'no_answer':
          return `no answer "${d.id ?? ''}" (see: lapor-bridge responses list)`;
        case 'rejected':
          return `answer "${d.id ?? ''}" was rejected; write a new one`;
        case 'already_approved':
          return `answer "${d.id ?? ''}" is already approved and on its way`;
        default:
          return code;
      }
    },
  },
};
