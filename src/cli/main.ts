#!/usr/bin/env node
import { messages } from '../i18n/messages.js';
import { configArgument, operatorLanguage } from './load-or-exit.js';
import { buildProgram } from './program.js';

const language = operatorLanguage(configArgument(process.argv.slice(2)));
await buildProgram(messages(language)).parseAsync(process.argv);
