#!/usr/bin/env node
import { Command } from 'commander';
import { registerBackfill } from './backfill.js';
import { registerDlq } from './dlq.js';
import { registerImport } from './import.js';
import { registerQuarantine } from './quarantine.js';
import { registerOpd } from './opd.js';
import { registerRoute } from './route.js';
import { registerTriage } from './triage.js';
import { registerResponses } from './responses.js';
import { registerCases } from './cases.js';
import { registerDedupCheck } from './dedup-check.js';
import { registerRekap } from './rekap.js';
import { registerCheck } from './check.js';
import { registerSandbox } from './sandbox.js';
import { registerStart } from './start.js';
import { registerStatus } from './status.js';
import { registerSync } from './sync.js';
import { registerUsers } from './users.js';
import { registerValidateConfig } from './validate-config.js';

const program = new Command()
  .name('lapor-bridge')
  .description("Bridges a kabupaten's complaint channels with SP4N-LAPOR!")
  .option('-c, --config <file>', 'configuration file layered over config/default.yaml (env: LAPOR_BRIDGE_CONFIG)');

registerStart(program);
registerValidateConfig(program);
registerStatus(program);
registerSync(program);
registerBackfill(program);
registerImport(program);
registerQuarantine(program);
registerTriage(program);
registerOpd(program);
registerRoute(program);
registerDlq(program);
registerResponses(program);
registerCases(program);
registerDedupCheck(program);
registerRekap(program);
registerCheck(program);
registerSandbox(program);
registerUsers(program);

await program.parseAsync(process.argv);
