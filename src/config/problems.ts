import { messages, type Language } from '../i18n/messages.js';

/** A configuration problem: which key, what is wrong, how to fix it. */
export interface ConfigProblem {
  path: string;
  message: string;
  hint: string;
  /** Where the offending value came from: a file or an environment variable. */
  origin?: string;
}

export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];
  /** The language the operator reads (from the environment, or `instance.language` when the file says). */
  readonly language: Language;

  constructor(problems: readonly ConfigProblem[], language: Language = 'id') {
    super(formatProblems(problems, language));
    this.name = 'ConfigError';
    this.problems = problems;
    this.language = language;
  }
}

/** Every problem at once: key, what is wrong, where the value came from, and the fix. */
export function formatProblems(problems: readonly ConfigProblem[], language: Language = 'id'): string {
  const text = messages(language).config;
  const lines = problems.map((p) => {
    const origin = p.origin ? ` (${text.from(p.origin)})` : '';
    return `  - ${p.path || '(root)'}: ${p.message}${origin}\n      ${text.fix}: ${p.hint}`;
  });
  return `${text.header(problems.length)}\n${lines.join('\n')}`;
}
