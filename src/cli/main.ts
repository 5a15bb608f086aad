#!/usr/bin/env node
import { Command } from 'commander';
import { registerSandbox } from './sandbox.js';
import { registerStart } from './start.js';
import { registerValidateConfig } from './validate-config.js';

const program = new Command()
  .name('lapor-bridge')
  .description('Bridges a kabupaten\'s complaint channels with SP4N-LAPOR!')
  .option('-c, --config <file>', 'configuration file layered over config/default.yaml (env: LAPOR_BRIDGE_CONFIG)');

registerStart(program);
registerValidateConfig(program);
registerSandbox(program);

await program.parseAsync(process.argv);
