import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileImportConfigSchema, createFileImportConnector } from '../../../src/connectors/file-import/index.js';
import type { Connector, PulledRecord } from '../../../src/connectors/types.js';
import { captureLogger } from '../../support/logger.js';

export const workDir = (): string => mkdtempSync(join(tmpdir(), 'lb-import-'));

export const COLUMNS = {
  number: ['No', 'Nomor'],
  sender: 'Nama Pelapor',
  phone: 'No HP',
  text: 'Isi Aduan',
  category: 'Kategori',
  forwardedTo: 'Diteruskan ke',
  reply: 'Tanggapan',
  repliedAt: 'Tgl Tanggapan',
  status: 'Status',
  reportedAt: 'Tanggal',
  trackingId: 'No Tiket LAPOR',
};

export function importer(path: string, extra: Record<string, unknown> = {}): Connector {
  const config = fileImportConfigSchema.parse({
    kind: 'file-import',
    path,
    columns: COLUMNS,
    statusMap: { Selesai: 'closed', Proses: 'in_progress', Baru: 'received' },
    ...extra,
  });
  return createFileImportConnector(config, {
    name: 'arsip',
    logger: captureLogger().logger,
    clock: { now: () => new Date('2025-06-01T00:00:00Z'), sleep: () => Promise.resolve() },
    secret: () => undefined,
  });
}

export async function pullEverything(
  connector: Connector,
  cursor: string | null = null,
): Promise<{ records: PulledRecord[]; pages: number; cursor: string }> {
  const records: PulledRecord[] = [];
  let current = cursor;
  for (let pages = 1; ; pages++) {
    const page = await connector.pull(current);
    records.push(...page.records);
    current = page.nextCursor;
    if (page.done) return { records, pages, cursor: current };
  }
}
