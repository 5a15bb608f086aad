import { isTree, type Tree } from './merge.js';
import type { Catalog } from '../i18n/messages.js';
import type { ConfigProblem } from './problems.js';

/**
 * Embedded sandbox mode: a source may name a sandbox instead of a URL, as
 * `baseUrl: sandbox:lapor`, or with a path below it, as `sandbox:regional/wa` (one server
 * imitates several systems under path prefixes). When `sandbox.enabled` is true the
 * placeholder becomes the in-process sandbox's loopback URL (port from
 * `sandbox.<name>.port`) plus that path before validation,
 * and the source's credentials default to SANDBOX_CREDENTIAL, which the embedded sandboxes
 * accept. With the sandbox off, a placeholder is an error: it cannot be kept by accident.
 */
export const SANDBOX_PREFIX = 'sandbox:';
export const SANDBOX_CREDENTIAL = 'sandbox-only-credential';

function sandboxSection(tree: Tree): Tree | undefined {
  return isTree(tree.sandbox) ? tree.sandbox : undefined;
}

export function sandboxEnabled(tree: Tree): boolean {
  return sandboxSection(tree)?.enabled === true;
}

/** Source names whose configuration points at an embedded sandbox. */
export function sandboxSources(tree: Tree): string[] {
  const sources = isTree(tree.sources) ? tree.sources : {};
  return Object.entries(sources)
    .filter(([, source]) => JSON.stringify(source).includes(`"${SANDBOX_PREFIX}`))
    .map(([name]) => name);
}

export function resolveSandboxPlaceholders(tree: Tree, problems: ConfigProblem[], text: Catalog['config']): Tree {
  const enabled = sandboxEnabled(tree);
  const section = sandboxSection(tree) ?? {};
  const replace = (value: unknown, path: string): unknown => {
    if (typeof value === 'string' && value.startsWith(SANDBOX_PREFIX)) {
      const [name = '', ...rest] = value.slice(SANDBOX_PREFIX.length).split('/');
      const below = rest.length > 0 ? `/${rest.join('/')}` : '';
      const target = section[name];
      if (!enabled) {
        problems.push({
          path,
          message: text.sandboxOff(value),
          hint: text.sandboxOffHint(path),
        });
        return value;
      }
      if (!isTree(target) || typeof target.port !== 'number') {
        problems.push({
          path,
          message: text.sandboxUnknown(name),
          hint: text.useOneOf(
            Object.keys(section)
              .filter((k) => isTree(section[k]))
              .map((k) => SANDBOX_PREFIX + k),
          ),
        });
        return value;
      }
      return `http://127.0.0.1:${target.port}${below}`;
    }
    if (Array.isArray(value)) return value.map((v, i) => replace(v, `${path}.${i}`));
    if (isTree(value))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v, `${path}.${k}`)]));
    return value;
  };
  if (!isTree(tree.sources)) return tree;
  return { ...tree, sources: replace(tree.sources, 'sources') as Tree };
}
