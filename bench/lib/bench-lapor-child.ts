import { startLaporSandbox } from '../../src/sandbox/lapor/index.js';
import { epochNow, MARKER, type SeededReports } from './bench-lapor.js';

/**
 * The child of `laporProcess()`: a LAPOR sandbox (seeded when BENCH_LAPOR_SEEDED says so) that
 * makes reports when asked and sends back, every 20 ms, the benchmark markers stored since (each with the time it was stored).
 */
const seeded = process.env.BENCH_LAPOR_SEEDED
  ? (JSON.parse(process.env.BENCH_LAPOR_SEEDED) as SeededReports)
  : undefined;
const sandbox = await startLaporSandbox(
  seeded
    ? {
        reports: seeded.reports,
        seed: seeded.seed,
        now: () => new Date(seeded.now),
        pageSize: { default: seeded.pageSize, max: seeded.pageSize },
      }
    : { reports: 0 },
);
let seen: [string, string, number][] = [];
sandbox.onTimelineEntry((trackingId, entry) => {
  const marker = MARKER.exec(entry.note)?.[0];
  if (marker !== undefined) seen.push([trackingId, marker, epochNow()]);
});
setInterval(() => {
  if (seen.length === 0) return;
  process.send!({ type: 'markers', seen });
  seen = [];
}, 20);
process.on('message', (message: { type: 'reports'; request: number; count: number; unit: string }) => {
  const trackingIds = Array.from({ length: message.count }, () => {
    const trackingId = sandbox.addReport({ disposed: true });
    sandbox.act(trackingId, { action: 'proses', unit: message.unit });
    return trackingId;
  });
  process.send!({ type: 'reports', request: message.request, trackingIds });
});
process.on('SIGTERM', () => void sandbox.close().finally(() => process.exit(0)));
process.on('disconnect', () => void sandbox.close().finally(() => process.exit(0)));
process.send!({ type: 'ready', url: sandbox.url, token: sandbox.token, instansiId: sandbox.instansiId });
