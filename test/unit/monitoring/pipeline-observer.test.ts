import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createPipelineObserver } from '../../../src/monitoring/pipeline-observer.js';
import { captureLogger } from '../../support/logger.js';

describe('pipeline observer', () => {
  it('counts polls, records and pushes per source and outcome for /metrics', async () => {
    const registry = new Registry();
    const observer = createPipelineObserver(registry, captureLogger().logger);
    observer.polled('lapor', 'done', { records: 40, invalid: 2, durationMs: 1500 });
    observer.polled('lapor', 'failed', { records: 0, invalid: 0, durationMs: 200 });
    observer.ingested('lapor', 'created');
    observer.ingested('lapor', 'created');
    observer.ingested('lapor', 'unchanged');
    observer.pushed('forward', 'lapor', 'done');
    observer.pushed('answers', 'wadesk', 'waiting');
    observer.pushed('forward', 'lapor', 'skipped', 'closed_at_source');
    observer.pushed('forward', 'lapor', 'skipped', 'closed_at_source');
    observer.reconciled('open311', 3);
    observer.polled('wadesk', 'limited', { records: 50, invalid: 0, durationMs: 900 });
    observer.answerWritten('lapor', 'lapor', 'failed');
    observer.answerWritten('lapor', 'lapor', 'sent', 90_000);
    observer.answerWritten('wadesk', 'rest', 'sent', 2_000);
    observer.answerWritten('wadesk', 'rest', 'refused');
    observer.stop();
    const text = await registry.metrics();
    expect(text).toContain('lapor_bridge_polls_total{source="lapor",outcome="done"} 1');
    expect(text).toContain('lapor_bridge_polls_total{source="lapor",outcome="failed"} 1');
    expect(text).toContain('lapor_bridge_poll_duration_seconds_count{source="lapor"} 2');
    expect(text).toContain('lapor_bridge_records_total{source="lapor",stage="poll",outcome="fetched"} 42');
    expect(text).toContain('lapor_bridge_records_total{source="lapor",stage="poll",outcome="quarantined"} 2');
    expect(text).toContain('lapor_bridge_records_total{source="lapor",stage="ingest",outcome="created"} 2');
    expect(text).toContain('lapor_bridge_pushes_total{kind="answers",destination="wadesk",outcome="waiting"} 1');
    expect(text).toContain('lapor_bridge_records_total{source="open311",stage="reconcile",outcome="missing"} 3');
    expect(text).toContain('lapor_bridge_polls_total{source="wadesk",outcome="limited"} 1');
    expect(text).toContain('lapor_bridge_pushes_total{kind="forward",destination="lapor",outcome="skipped"} 2');
    expect(text).toContain(
      'lapor_bridge_push_skips_total{kind="forward",destination="lapor",reason="closed_at_source"} 2',
    );
    expect(text).toContain('lapor_bridge_answers_total{destination="lapor",outcome="failed"} 1');
    expect(text).toContain('lapor_bridge_answers_total{destination="wadesk",outcome="refused"} 1');
    // Approval→delivery: only accepted writes are timed, per destination and connector kind.
    expect(text).toContain('lapor_bridge_answer_delivery_seconds_count{destination="lapor",connector="lapor"} 1');
    expect(text).toContain(
      'lapor_bridge_answer_delivery_seconds_bucket{le="60",destination="lapor",connector="lapor"} 0',
    );
    expect(text).toContain(
      'lapor_bridge_answer_delivery_seconds_bucket{le="300",destination="lapor",connector="lapor"} 1',
    );
    expect(text).toContain('lapor_bridge_answer_delivery_seconds_sum{destination="wadesk",connector="rest"} 2');
  });

  it('says once per interval how many complaints came in, instead of a line per record', () => {
    const log = captureLogger('info');
    const observer = createPipelineObserver(new Registry(), log.logger, { summaryEveryMs: 3_600_000 });
    for (let i = 0; i < 30; i++) observer.ingested('lapor', 'created');
    for (let i = 0; i < 5; i++) observer.ingested('wadesk', 'updated');
    observer.ingested('wadesk', 'unchanged');
    observer.flush();
    observer.flush(); // nothing new: no line
    observer.stop();
    const lines = log.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      created: 30,
      bySource: { lapor: { created: 30 }, wadesk: { updated: 5, unchanged: 1 } },
    });
  });
});
