import { getPath } from './dot-path.js';

/**
 * Request bodies and paths of write-back operations are templates in configuration:
 * `${name}` is replaced by a variable. A string that is exactly one placeholder keeps the
 * variable's type (a boolean stays a boolean, a list stays a list); a key whose value is
 * undefined is left out, so optional fields are simply not sent.
 * `${…}` rather than `{…}` because braces start a flow mapping in plain YAML.
 */
const PLACEHOLDER = /\$\{([A-Za-z][\w.]*)\}/g;
const WHOLE = /^\$\{([A-Za-z][\w.]*)\}$/;

export type TemplateVars = Record<string, unknown>;

export function placeholdersOf(template: unknown): string[] {
  if (typeof template === 'string') return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  if (Array.isArray(template)) return template.flatMap(placeholdersOf);
  if (template !== null && typeof template === 'object') return Object.values(template).flatMap(placeholdersOf);
  return [];
}

function lookup(vars: TemplateVars, name: string): unknown {
  return name.includes('.') ? getPath(vars, name) : vars[name];
}

export function renderTemplate(template: unknown, vars: TemplateVars): unknown {
  if (typeof template === 'string') {
    const whole = WHOLE.exec(template);
    if (whole) return lookup(vars, whole[1]!);
    return template.replace(PLACEHOLDER, (_m, name: string) => {
      const value = lookup(vars, name);
      return value === undefined || value === null ? '' : String(value);
    });
  }
  if (Array.isArray(template)) return template.map((t) => renderTemplate(t, vars)).filter((v) => v !== undefined);
  if (template !== null && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) {
      const rendered = renderTemplate(value, vars);
      if (rendered !== undefined) out[key] = rendered;
    }
    return out;
  }
  return template;
}

/** Paths get each value URL-encoded so an id can never change the route. */
export function renderPath(template: string, vars: TemplateVars): string {
  return template.replace(PLACEHOLDER, (_m, name: string) => encodeURIComponent(String(lookup(vars, name) ?? '')));
}
