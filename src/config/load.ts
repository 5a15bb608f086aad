import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { envOverrides } from './env.js';
import { issueHint, unknownKeyHint } from './hints.js';
import { isTree, mergeLayer, setPath, type Tree } from './merge.js';
import { ConfigError, type ConfigProblem } from './problems.js';
import { configSchema, type Config } from './schema.js';
import { readSecrets, secretProblems, sourceSecretProblems, type Secrets } from './secrets.js';
import { timeZoneProblems } from './time-zone.js';
import { chooseLanguage, messages, type Language } from '../i18n/messages.js';
import { resolveSandboxPlaceholders, SANDBOX_CREDENTIAL, sandboxEnabled, sandboxSources } from './sandbox.js';
import { secretsOf, sourceConfigSchema } from '../connectors/registry.js';
import type { OpdDirectory } from '../opd/directory.js';
import { loadDirectory } from '../opd/load-directory.js';
import { routingRuleProblems, timeLimitProblems } from './routing-checks.js';
import { approvalOpdProblems } from './approval-checks.js';

export const DEFAULT_CONFIG_FILE = fileURLToPath(new URL('../../config/default.yaml', import.meta.url));
/** The sandbox demo's sources and forward rules: read in sandbox mode when the operator file lists no sources. */
export const SANDBOX_SOURCES_FILE = fileURLToPath(new URL('../../config/sandbox-sources.yaml', import.meta.url));

export interface LoadOptions {
  /** Operator's file; defaults to env LAPOR_BRIDGE_CONFIG. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  defaultsFile?: string;
  sandboxSourcesFile?: string;
}

export interface LoadedConfig {
  config: Config;
  secrets: Secrets;
  /** The files that were read, in layer order. */
  files: string[];
  /** The language people read: `instance.language`, or the environment when it says `auto`. */
  language: Language;
  /** Reads a secret by environment variable name (connector tokens). */
  secret(name: string): string | undefined;
  /** The pemda's units (opd.directory), checked with the rest. */
  opd: OpdDirectory;
  /** Sources that talk to the embedded simulators (`baseUrl: sandbox:…` with the sandbox on). */
  sandboxSources: string[];
}

/** Alias expansions one config file may use. */
export const MAX_YAML_ALIASES = 50;

function readYaml(file: string, problems: ConfigProblem[]): Tree {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    problems.push({
      path: '(file)',
      message: `cannot read ${file} (${code})`,
      hint: 'check the path given by --config or LAPOR_BRIDGE_CONFIG',
    });
    return {};
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  for (const e of doc.errors) {
    const at = e.linePos?.[0] ? `${file}:${e.linePos[0].line}:${e.linePos[0].col}` : file;
    problems.push({
      path: '(yaml)',
      message: `${at}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      hint: 'fix the YAML syntax at that line (indentation, quotes, a missing ":")',
    });
  }
  if (doc.errors.length > 0) return {};
  let value: unknown;
  try {
    // A few aliases are handy (&defaults); thousands expanding each other are an attack on memory.
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    problems.push({
      path: '(yaml)',
      message: `${file}: ${err instanceof Error ? err.message : String(err)} (more than ${MAX_YAML_ALIASES} alias expansions)`,
      hint: `write the repeated values out, or use at most ${MAX_YAML_ALIASES} aliases (*name)`,
    });
    return {};
  }
  if (value === null || value === undefined) return {};
  if (!isTree(value)) {
    problems.push({
      path: '(root)',
      message: `${file} must contain a mapping of keys, found ${Array.isArray(value) ? 'a list' : typeof value}`,
      hint: 'start the file with top-level keys such as "http:"',
    });
    return {};
  }
  return value;
}

/** Object keys the schema accepts at a path, for "did you mean" hints. */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = schema;
  for (const segment of [...path, undefined]) {
    while (node instanceof z.ZodOptional || node instanceof z.ZodDefault || node instanceof z.ZodPrefault)
      node = node.unwrap() as z.ZodType;
    if (segment === undefined) break;
    if (node instanceof z.ZodObject) node = node.shape[String(segment)] as z.ZodType | undefined;
    else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
    else return [];
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

export function schemaProblems(schema: z.ZodType, tree: Tree, origins: Map<string, string>): ConfigProblem[] {
  const result = schema.safeParse(tree);
  if (result.success) return [];
  const problems: ConfigProblem[] = [];
  for (const issue of result.error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const path = base ? `${base}.${key}` : key;
        problems.push({
          path,
          message: 'unknown key',
          hint: unknownKeyHint(key, known),
          origin: originOf(origins, path),
        });
      }
      continue;
    }
    problems.push({
      path: base,
      message: issue.message,
      hint: issueHint(issue, base),
      origin: originOf(origins, base),
    });
  }
  return problems;
}

function withOrigin(problem: ConfigProblem, origin: string | undefined): ConfigProblem {
  return origin ? { ...problem, origin } : problem;
}

function originOf(origins: Map<string, string>, path: string): string | undefined {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const origin = origins.get(p);
    if (origin) return origin;
  }
  // An unknown key set only below it (LAPOR_BRIDGE__NOPE__X names "nope").
  for (const [p, origin] of origins) if (path && p.startsWith(`${path}.`)) return origin;
  return undefined;
}

/**
 * The secrets missing for the sources that are valid on their own, so a configuration with
 * other problems names its missing secrets in the same run.
 */
function secretsOfValidSources(tree: Tree, env: NodeJS.ProcessEnv, onSandbox: ReadonlySet<string>): ConfigProblem[] {
  const sources = isTree(tree.sources) ? tree.sources : {};
  const valid: Config['sources'] = {};
  for (const [name, source] of Object.entries(sources)) {
    const parsed = sourceConfigSchema().safeParse(source);
    if (parsed.success) valid[name] = parsed.data as Config['sources'][string];
  }
  return sourceSecretProblems(valid, env, onSandbox);
}

/** Sandbox mode as the layers without the demo decide it: the defaults, the operator file, the environment. */
function sandboxMode(layers: readonly Tree[], overrides: ReturnType<typeof envOverrides>): boolean {
  let tree = layers.reduce<Tree>((t, layer) => mergeLayer(t, layer, '', new Map()), {});
  for (const override of overrides) tree = setPath(tree, override.path, override.value).tree;
  return sandboxEnabled(tree);
}

/** The language of the errors, before the configuration is known to be valid. */
function languageOf(tree: Tree, env: NodeJS.ProcessEnv): Language {
  const setting = isTree(tree.instance) ? tree.instance.language : undefined;
  return chooseLanguage(setting === 'id' || setting === 'en' ? setting : undefined, env);
}

/**
 * Layers default.yaml < sandbox-sources.yaml (the demo: only in sandbox mode, when the operator
 * file lists no sources of its own) < operator file < environment (objects merge), validates
 * the result with the one schema and reads secrets. Throws ConfigError listing every problem
 * at once. Pure apart from reading the files: it never connects to anything.
 */
export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const problems: ConfigProblem[] = [];
  const origins = new Map<string, string>();
  const defaultsFile = options.defaultsFile ?? DEFAULT_CONFIG_FILE;
  const files = [defaultsFile];
  const defaults = readYaml(defaultsFile, problems);
  let tree = mergeLayer({}, defaults, defaultsFile, origins);

  const operatorFile = options.file ?? env.LAPOR_BRIDGE_CONFIG;
  const operator = operatorFile ? readYaml(operatorFile, problems) : undefined;
  const overrides = envOverrides(env);
  // The demo's sources come with sandbox mode, unless the operator file lists its own: then
  // it does not inherit demo systems it would have to switch off one by one.
  if (!(operator && 'sources' in operator) && sandboxMode(operator ? [defaults, operator] : [defaults], overrides)) {
    const demoFile = options.sandboxSourcesFile ?? SANDBOX_SOURCES_FILE;
    files.push(demoFile);
    tree = mergeLayer(tree, readYaml(demoFile, problems), demoFile, origins);
  }
  if (operatorFile && operator) {
    files.push(operatorFile);
    tree = mergeLayer(tree, operator, operatorFile, origins);
  }
  for (const override of overrides) {
    const set = setPath(tree, override.path, override.value);
    tree = set.tree;
    origins.set(set.path, override.origin);
  }

  const language = languageOf(tree, env);
  const onSandbox = new Set(sandboxEnabled(tree) ? sandboxSources(tree) : []);
  tree = resolveSandboxPlaceholders(tree, problems);
  const reported = new Set(problems.map((p) => p.path));
  problems.push(...schemaProblems(configSchema, tree, origins).filter((p) => !reported.has(p.path)));
  const instance = isTree(tree.instance) ? tree.instance : {};
  problems.push(
    ...timeZoneProblems(instance.timezone, messages(language).config).map((p) =>
      withOrigin(p, originOf(origins, p.path)),
    ),
  );
  if (problems.length > 0)
    throw new ConfigError([...problems, ...secretsOfValidSources(tree, env, onSandbox)], language);

  const config = configSchema.parse(tree);
  const secrets = readSecrets(env);
  const { directory, problems: directoryProblems } = loadDirectory(config.opd.directory);
  const crossProblems = [
    ...secretProblems(config, secrets, env, onSandbox),
    ...directoryProblems,
    ...(directory ? routingRuleProblems(config, directory) : []),
    ...(directory ? timeLimitProblems(config, directory) : []),
    ...(directory ? approvalOpdProblems(config, directory) : []),
  ];
  if (crossProblems.length > 0 || !directory) throw new ConfigError(crossProblems, language);
  const sandboxSecrets = new Set([...onSandbox].flatMap((name) => secretsOf(config.sources[name]!)));
  return {
    config,
    secrets,
    files,
    opd: directory,
    sandboxSources: [...onSandbox],
    language: chooseLanguage(config.instance.language, env),
    secret: (name) => env[name] || (sandboxSecrets.has(name) ? SANDBOX_CREDENTIAL : undefined),
  };
}

// Re-exported so callers import configuration concerns from one module.
export { ConfigError };
