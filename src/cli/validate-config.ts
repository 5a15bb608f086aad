import type { Command } from 'commander';
import { loadOrExit } from './load-or-exit.js';
import { messages, type Catalog } from '../i18n/messages.js';
import { say } from './output.js';

export function registerValidateConfig(program: Command, text: Catalog): void {
  program
    .command('validate-config')
    .description(text.help.validateConfig)
    .action(() => {
      const { files, language } = loadOrExit(program.opts<{ config?: string }>().config);
      say(messages(language).cli.validConfig(files.join(' < ')));
    });
}
