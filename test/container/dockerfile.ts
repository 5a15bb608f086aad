/** A small reader of this project's Dockerfile, so a test can replay its steps without an engine. */
export interface Step {
  instruction: string;
  args: string;
}

export interface Stage {
  name: string;
  steps: Step[];
}

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const joined = text.replace(/\\\n/g, ' ');
  for (const raw of joined.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [instruction, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (instruction === 'FROM') {
      stages.push({ name: /\bAS\s+(\S+)/i.exec(args)?.[1] ?? `stage${stages.length}`, steps: [] });
      continue;
    }
    stages.at(-1)?.steps.push({ instruction: instruction!, args });
  }
  return stages;
}

/** COPY [--from=x] [--chown=y] src... dest */
export function parseCopy(args: string): { from?: string; sources: string[]; dest: string } {
  const parts = args.split(/\s+/);
  const from = parts.find((p) => p.startsWith('--from='))?.slice(7);
  const paths = parts.filter((p) => !p.startsWith('--'));
  return { from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
}

export function parseEnv(args: string): Record<string, string> {
  return Object.fromEntries([...args.matchAll(/(\w+)=(?:"([^"]*)"|(\S+))/g)].map((m) => [m[1]!, m[2] ?? m[3]!]));
}

/** The JSON exec form of CMD / HEALTHCHECK CMD. */
export function execForm(args: string): string[] {
  return JSON.parse(args.slice(args.indexOf('['))) as string[];
}

/** The environment the image runs with: its last stage's ENV lines. */
export function imageEnv(text: string): Record<string, string> {
  const steps = parseDockerfile(text).at(-1)?.steps ?? [];
  return Object.assign({}, ...steps.filter((s) => s.instruction === 'ENV').map((s) => parseEnv(s.args))) as Record<
    string,
    string
  >;
}

/** node's own flags in the image's CMD (`node --flag … script …`): what the daemon runs with, and only it. */
export function imageNodeFlags(text: string): string[] {
  const cmd = parseDockerfile(text)
    .at(-1)
    ?.steps.find((s) => s.instruction === 'CMD');
  if (!cmd) return [];
  const [program, ...args] = execForm(cmd.args);
  if (program !== 'node') return [];
  const script = args.findIndex((a) => !a.startsWith('-'));
  return script < 0 ? args : args.slice(0, script);
}
