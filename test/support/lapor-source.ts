import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { LaporSandbox } from '../../src/sandbox/lapor/index.js';

/** A config file whose only source is LAPOR at the given sandbox (the embedded sandbox off). */
export function laporSourceConfig(
  sandbox: LaporSandbox,
  source: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'lb-src-'));
  const file = join(dir, 'config.yaml');
  writeFileSync(
    file,
    stringify({
      sandbox: { enabled: false },
      sources: {
        lapor: {
          kind: 'lapor',
          baseUrl: sandbox.url,
          tokenEnv: 'LAPOR_TOKEN',
          instansiId: sandbox.instansiId,
          ...source,
        },
      },
      ...extra,
    }),
  );
  return file;
}
