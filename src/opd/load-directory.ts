import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
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
export function loadDirectory(path: string): { directory?: OpdDirectory; problems: DirectoryProblem[] } {
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
          message: `direktori OPD ${file} tidak bisa dibaca (${code})`,
          hint: 'arahkan opd.directory ke berkas direktori seperti config/opd/blora.yaml',
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
        hint: 'perbaiki sintaks YAML di baris itu (indentasi, tanda kutip, ":" yang hilang)',
        origin: file,
      })),
    };
  }
  const parsed = directoryFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => ({
        path: `opd${pathOf(issue.path)}`,
        message:
          issue.code === 'unrecognized_keys'
            ? `kunci tidak dikenal ${issue.keys.map((k) => `"${k}"`).join(', ')}`
            : issue.message,
        hint:
          issue.code === 'unrecognized_keys'
            ? 'hapus; sebuah unit punya code, name, kind, parent, short, aliases, formerNames, mergedInto, systems'
            : 'lihat komentar di awal config/opd/blora.yaml dan docs/OPD.md untuk bentuk sebuah unit',
        origin: file,
      })),
    };
  }
  const directory = new OpdDirectory(parsed.data, file);
  return directory.problems.length > 0 ? { problems: directory.problems } : { directory, problems: [] };
}
