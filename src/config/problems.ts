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

  constructor(problems: readonly ConfigProblem[]) {
    super(formatProblems(problems));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function formatProblems(problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => {
    const origin = p.origin ? ` (from ${p.origin})` : '';
    return `  - ${p.path || '(root)'}: ${p.message}${origin}\n      fix: ${p.hint}`;
  });
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return `configuration has ${problems.length} ${noun}:\n${lines.join('\n')}`;
}
