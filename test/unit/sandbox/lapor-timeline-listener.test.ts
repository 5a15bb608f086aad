import { afterEach, describe, expect, it } from 'vitest';
import { startLaporSandbox, type LaporSandbox } from '../../../src/sandbox/lapor/index.js';

let sandbox: LaporSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('LAPOR sandbox: timeline entries told as they are stored', () => {
  it('tells each new entry with its report, and nothing after the listener stops', async () => {
    sandbox = await startLaporSandbox({ reports: 0 });
    const id = sandbox.addReport({ disposed: true });
    const heard: [string, string][] = [];
    const stop = sandbox.onTimelineEntry((trackingId, entry) => heard.push([trackingId, entry.note]));

    sandbox.act(id, { action: 'proses', unit: 'Dinas PUPR', note: 'diteruskan ke UPT' });
    sandbox.act(id, { action: 'komentar', note: 'Mohon kabar terbaru' });
    stop();
    sandbox.act(id, { action: 'komentar', note: 'setelah berhenti' });

    expect(heard).toEqual([
      [id, 'diteruskan ke UPT'],
      [id, 'Mohon kabar terbaru'],
    ]);
    const timeline = sandbox.report(id)!.timeline as { note: string }[];
    expect(timeline.map((e) => e.note)).toContain('setelah berhenti');
  });
});
