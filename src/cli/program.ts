import { Command } from 'commander';
import type { Catalog } from '../i18n/messages.js';
import { registerBackfill } from './backfill.js';
import { registerCases } from './cases.js';
import { registerCheck } from './check.js';
import { registerDedupCheck } from './dedup-check.js';
import { registerDlq } from './dlq.js';
import { speak } from './help.js';
import { registerImport } from './import.js';
import { registerOpd } from './opd.js';
import { registerQuarantine } from './quarantine.js';
import { registerRekap } from './rekap.js';
import { registerResponses } from './responses.js';
import { registerRoute } from './route.js';
import { registerSandbox } from './sandbox.js';
import { registerStart } from './start.js';
import { registerStatus } from './status.js';
import { registerSync } from './sync.js';
import { registerTriage } from './triage.js';
import { registerUsers } from './users.js';
import { registerValidateConfig } from './validate-config.js';

/** Every command, described in the catalogue's language (the operator's). */
export function buildProgram(text: Catalog): Command {
  const program = speak(new Command(), text.help)
    .name('lapor-bridge')
    .description(text.help.program.description)
    .option('-c, --config <file>', text.help.program.config);
  for (const register of [
    registerStart,
    registerValidateConfig,
    registerStatus,
    registerSync,
    registerBackfill,
    registerImport,
    registerQuarantine,
    registerTriage,
    registerOpd,
    registerRoute,
    registerDlq,
    registerResponses,
    registerCases,
    registerDedupCheck,
    registerRekap,
    registerCheck,
    registerSandbox,
    registerUsers,
  ])
    register(program, text);
  return program;
}
