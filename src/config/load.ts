import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { envOverrides } from './env.js';
import { issueHint, unknownKeyHint } from './hints.js';
import { isTree, mergeLayer, setPath, type Tree } from './merge.js';
import { ConfigError, type ConfigProblem } from './problems.js';
import { configSchema, type Config } from './schema.js';
import { readSecrets, secretProblems, type Secrets } from './secrets.js';
import { timeZoneProblems } from './time-zone.js';
import { chooseLanguage, messages, type Language } from '../i18n/messages.js';
import { resolveSandboxPlaceholders, SANDBOX_CREDENTIAL, sandboxEnabled, sandboxSources } from './sandbox.js';
import { secretsOf } from '../connectors/registry.js';
import type { OpdDirectory } from '../opd/directory.js';
import { loadDirectory } from '../opd/load-directory.js';
import { routingRuleProblems, timeLimitProblems } from './routing-checks.js';
import { approvalOpdProblems } from './approval-checks.js';

export const DEFAULT_CONFIG_FILE = fileURLToPath(new URL('../../config/default.yaml', import.meta.url));

export interface LoadOptions {
  /** Operator's file; defaults to env LAPOR_BRIDGE_CONFIG. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  defaultsFile?: string;
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
  return undefined;
}

/** The defaults' demo wiring: the sandbox sources and the forward rules that name them. */
function withoutDemoWiring(tree: Tree, origins: Map<string, string>): Tree {
  for (const path of [...origins.keys()]) if (/^(sources|push\.forward)(\.|$)/.test(path)) origins.delete(path);
  const { sources: _dropped, ...rest } = tree;
  if (!isTree(rest.push)) return rest;
  const { forward: _rules, ...push } = rest.push;
  return { ...rest, push };
}

/** The language of the errors, before the configuration is known to be valid. */
function languageOf(tree: Tree, env: NodeJS.ProcessEnv): Language {
  const setting = isTree(tree.instance) ? tree.instance.language : undefined;
  return chooseLanguage(setting === 'id' || setting === 'en' ? setting : undefined, env);
}

/**
 * Layers default.yaml < operator file < environment (objects merge, except that an operator
 * file's `sources` replace the defaults' sources), validates the result with the one
 * schema and reads secrets. Throws ConfigError listing every problem at once.
 * Pure apart from reading the two files: it never connects to anything.
 */
export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const problems: ConfigProblem[] = [];
  const origins = new Map<string, string>();
  const defaultsFile = options.defaultsFile ?? DEFAULT_CONFIG_FILE;
  const files = [defaultsFile];
  let tree = mergeLayer({}, readYaml(defaultsFile, problems), defaultsFile, origins);

  const operatorFile = options.file ?? env.LAPOR_BRIDGE_CONFIG;
  if (operatorFile) {
    files.push(operatorFile);
    const layer = readYaml(operatorFile, problems);
    // The defaults' sources are the sandbox demo: a file that lists its own sources replaces
    // them (and the demo's forward rules) instead of inheriting demo systems it would then
    // have to switch off one by one.
    if ('sources' in layer) tree = withoutDemoWiring(tree, origins);
    tree = mergeLayer(tree, layer, operatorFile, origins);
  }
  for (const override of envOverrides(env)) {
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
  if (problems.length > 0) throw new ConfigError(problems, language);

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
