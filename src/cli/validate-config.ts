import type { Command } from 'commander';
import { loadOrExit } from './load-or-exit.js';
import { messages } from '../i18n/messages.js';
import { say } from './output.js';

export function registerValidateConfig(program: Command): void {
  program
    .command('validate-config')
    .description('check the configuration and print every problem; connects to nothing (exit 2 when invalid)')
    .action(() => {
      const { files, language } = loadOrExit(program.opts<{ config?: string }>().config);
      say(messages(language).cli.validConfig(files.join(' < ')));
    });
}
