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
import { chooseLanguage, messages, type Catalog, type Language } from '../i18n/messages.js';
import { parsedIn } from '../i18n/schema-text.js';
import { zodErrors } from '../i18n/zod-errors.js';

type ConfigText = Catalog['config'];
import { resolveSandboxPlaceholders, SANDBOX_CREDENTIAL, sandboxEnabled, sandboxSources } from './sandbox.js';
import { secretsOf, sourceConfigSchema } from '../connectors/registry.js';
import type { OpdDirectory } from '../opd/directory.js';
import { loadDirectory } from '../opd/load-directory.js';
import { routingRuleProblems, timeLimitProblems } from './routing-checks.js';
import { approvalOpdProblems } from './approval-checks.js';
import { redisTopologyProblems } from './redis-topology.js';

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

/** A problem of reading a file, worded once the language is known (the files themselves may choose it). */
type FileProblem = (said: ConfigText['file']) => ConfigProblem;

function readYaml(file: string, problems: FileProblem[]): Tree {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    problems.push((said) => ({ path: '(file)', message: said.cannotRead(file, code), hint: said.cannotReadHint }));
    return {};
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  for (const e of doc.errors) {
    const at = e.linePos?.[0] ? `${file}:${e.linePos[0].line}:${e.linePos[0].col}` : file;
    const message = `${at}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
    problems.push((said) => ({ path: '(yaml)', message, hint: said.yamlHint }));
  }
  if (doc.errors.length > 0) return {};
  let value: unknown;
  try {
    // A few aliases are handy (&defaults); thousands expanding each other are an attack on memory.
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    problems.push((said) => ({
      path: '(yaml)',
      message: said.aliases(file, error, MAX_YAML_ALIASES),
      hint: said.aliasesHint(MAX_YAML_ALIASES),
    }));
    return {};
  }
  if (value === null || value === undefined) return {};
  if (!isTree(value)) {
    const found = Array.isArray(value) ? 'list' : typeof value;
    problems.push((said) => ({ path: '(root)', message: said.notMapping(file, found), hint: said.notMappingHint }));
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

/**
 * What the schema refuses, each with its key, its fix and where it was set, in `language`:
 * zod's own words from its locale, the schema's own from the catalogue.
 */
export function schemaProblems(
  schema: z.ZodType,
  tree: Tree,
  origins: Map<string, string>,
  language: Language = 'id',
): ConfigProblem[] {
  const text = messages(language).config;
  // The issues are read inside the language's scope: zod words them when they are first read.
  const issues = parsedIn(
    language,
    () => schema.safeParse(tree, { error: zodErrors(language), reportInput: true }).error?.issues ?? [],
  );
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const path = base ? `${base}.${key}` : key;
        problems.push({
          path,
          message: text.unknownKey,
          hint: unknownKeyHint(key, known, text),
          origin: originOf(origins, path),
        });
      }
      continue;
    }
    problems.push({
      path: base,
      // zod's own words for a key that is not there read "expected string, received undefined".
      message: issue.code === 'invalid_type' && issue.input === undefined ? text.missingKey : issue.message,
      hint: issueHint(issue, base, text),
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
function secretsOfValidSources(
  tree: Tree,
  env: NodeJS.ProcessEnv,
  onSandbox: ReadonlySet<string>,
  text: ConfigText,
): ConfigProblem[] {
  const sources = isTree(tree.sources) ? tree.sources : {};
  const valid: Config['sources'] = {};
  for (const [name, source] of Object.entries(sources)) {
    const parsed = sourceConfigSchema().safeParse(source);
    if (parsed.success) valid[name] = parsed.data as Config['sources'][string];
  }
  return sourceSecretProblems(valid, env, onSandbox, text);
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
  const fileProblems: FileProblem[] = [];
  const origins = new Map<string, string>();
  const defaultsFile = options.defaultsFile ?? DEFAULT_CONFIG_FILE;
  const files = [defaultsFile];
  const defaults = readYaml(defaultsFile, fileProblems);
  let tree = mergeLayer({}, defaults, defaultsFile, origins);

  const operatorFile = options.file ?? env.LAPOR_BRIDGE_CONFIG;
  const operator = operatorFile ? readYaml(operatorFile, fileProblems) : undefined;
  const overrides = envOverrides(env);
  // The demo's sources come with sandbox mode, unless the operator file lists its own: then
  // it does not inherit demo systems it would have to switch off one by one.
  if (!(operator && 'sources' in operator) && sandboxMode(operator ? [defaults, operator] : [defaults], overrides)) {
    const demoFile = options.sandboxSourcesFile ?? SANDBOX_SOURCES_FILE;
    files.push(demoFile);
    tree = mergeLayer(tree, readYaml(demoFile, fileProblems), demoFile, origins);
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
  const text = messages(language).config;
  const problems = fileProblems.map((problem) => problem(text.file));
  const onSandbox = new Set(sandboxEnabled(tree) ? sandboxSources(tree) : []);
  tree = resolveSandboxPlaceholders(tree, problems, text);
  const reported = new Set(problems.map((p) => p.path));
  problems.push(...schemaProblems(configSchema, tree, origins, language).filter((p) => !reported.has(p.path)));
  const instance = isTree(tree.instance) ? tree.instance : {};
  problems.push(...timeZoneProblems(instance.timezone, text).map((p) => withOrigin(p, originOf(origins, p.path))));
  if (problems.length > 0)
    throw new ConfigError([...problems, ...secretsOfValidSources(tree, env, onSandbox, text)], language);

  const config = configSchema.parse(tree);
  const secrets = readSecrets(env);
  const { directory, problems: directoryProblems } = loadDirectory(config.opd.directory, language);
  const crossProblems = [
    ...redisTopologyProblems(config.redis, text).map((p) => withOrigin(p, originOf(origins, p.path))),
    ...secretProblems(config, secrets, env, onSandbox, text),
    ...directoryProblems,
    ...(directory ? routingRuleProblems(config, directory, text) : []),
    ...(directory ? timeLimitProblems(config, directory, text) : []),
    ...(directory ? approvalOpdProblems(config, directory, text) : []),
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
