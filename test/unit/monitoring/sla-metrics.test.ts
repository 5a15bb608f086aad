import { describe, expect, it } from 'vitest';
import { approvalWaitHistogram, createMetrics, type LedgerGauges } from '../../../src/http/metrics.js';
import type { Queues } from '../../../src/queue/queues.js';

const ledger: LedgerGauges = {
  sources: async () => ({}),
  backlog: async () => ({ quarantine: 0, triage: 0, deadLetters: 0, complaints: 0 }),
  drafts: async () => ({ count: 0, oldestWaitMs: 0 }),
  overdue: async () => ({ dinkes: 2, '': 1 }),
};

describe('SLA metrics', () => {
  it('exports overdue complaints per OPD and the draft → approval latency histogram', async () => {
    const registry = createMetrics({} as Queues, ledger);
    const wait = approvalWaitHistogram(registry);
    wait.observe(2 * 3600);
    wait.observe(30);
    const text = await registry.metrics();
    expect(text).toContain('lapor_bridge_overdue_complaints{opd="dinkes",service="lapor-bridge"} 2');
    expect(text).toContain('lapor_bridge_overdue_complaints{opd="",service="lapor-bridge"} 1');
    expect(text).toContain('lapor_bridge_approval_wait_seconds_bucket{le="60",service="lapor-bridge"} 1');
    expect(text).toContain('lapor_bridge_approval_wait_seconds_bucket{le="3600",service="lapor-bridge"} 1');
    expect(text).toContain('lapor_bridge_approval_wait_seconds_bucket{le="14400",service="lapor-bridge"} 2');
    expect(text).toContain('lapor_bridge_approval_wait_seconds_count{service="lapor-bridge"} 2');
  });
});
