import { usersEn } from './accounts-messages.js';
import type { Catalog } from './catalog-id.js';
import { workspaceEn } from './workspace-messages.js';

/** The same messages in English, for operators who choose it (`instance.language: en` or `LANG=en_…`). */
export const en: Catalog = {
  config: {
    header: (n) => `configuration has ${n} ${n === 1 ? 'problem' : 'problems'}:`,
    fix: 'fix',
    from: (origin) => `from ${origin}`,
    unknownTimeZone: (zone) => `unknown time zone "${zone}"`,
    daylightSaving: (zone) =>
      `time zone "${zone}" observes daylight saving; working days need a zone with one fixed UTC offset`,
    timeZoneHint: (guess) =>
      `${guess ? `did you mean "${guess}"? ` : ''}use an IANA zone name: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)`,
  },
  cli: {
    none: '(none)',
    status: {
      sources: 'sources',
      queues: 'queues',
      source: 'source',
      state: 'state',
      lastSuccess: 'last success',
      items: 'items',
      failingSince: 'failing since',
      lastError: 'last error',
      cursor: 'cursor',
      queue: 'queue',
      ledger: (complaints, quarantine, triage, deadLetters) =>
        `ledger: ${complaints} complaints · quarantine: ${quarantine} · triage: ${triage} · dead letters: ${deadLetters}`,
    },
    validConfig: (files) => `configuration is valid (${files} < environment)`,
  },
  states: { idle: 'idle', polling: 'polling', failing: 'failing' },
  users: usersEn,
  workspace: workspaceEn,
};
