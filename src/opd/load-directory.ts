import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { messages, type Language } from '../i18n/messages.js';
import { parsedIn } from '../i18n/schema-text.js';
import { zodErrors } from '../i18n/zod-errors.js';
import { directoryFileSchema } from './directory-schema.js';
import { OpdDirectory, type DirectoryProblem } from './directory.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Relative paths: from the working directory when the file is there, else from the package (which ships config/opd/). */
export function directoryPath(path: string, cwd = process.cwd()): string {
  if (isAbsolute(path)) return path;
  const fromCwd = resolve(cwd, path);
  return existsSync(fromCwd) ? fromCwd : resolve(PACKAGE_ROOT, path);
}

function pathOf(segments: readonly PropertyKey[]): string {
  return segments.map((s) => (typeof s === 'number' ? `[${s}]` : `.${String(s)}`)).join('');
}

/**
 * Reads and checks the directory file. Returns every problem at once (YAML, shape, and the
 * directory's own rules), each with the key and its fix; the directory only when none.
 */
export function loadDirectory(
  path: string,
  language: Language = 'id',
): { directory?: OpdDirectory; problems: DirectoryProblem[] } {
  const said = messages(language).config;
  const file = directoryPath(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    return {
      problems: [
        {
          path: 'opd.directory',
          message: said.directory.unreadable(file, code),
          hint: said.directory.unreadableHint,
        },
      ],
    };
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        path: 'opd.directory',
        message: `${file}:${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`,
        hint: said.file.yamlHint,
        origin: file,
      })),
    };
  }
  // Read inside the language's scope: zod words the issues when they are first read.
  const parsed = parsedIn(language, () => {
    const result = directoryFileSchema.safeParse(doc.toJS(), { error: zodErrors(language) });
    return result.success ? { data: result.data } : { issues: result.error.issues };
  });
  if (parsed.issues) {
    return {
      problems: parsed.issues.map((issue) => ({
        path: `opd${pathOf(issue.path)}`,
        message: issue.code === 'unrecognized_keys' ? said.directory.unknownKeys(issue.keys) : issue.message,
        hint: issue.code === 'unrecognized_keys' ? said.directory.unknownKeysHint : said.directory.shapeHint,
        origin: file,
      })),
    };
  }
  const directory = new OpdDirectory(parsed.data, file, said.directory);
  return directory.problems.length > 0 ? { problems: directory.problems } : { directory, problems: [] };
}
