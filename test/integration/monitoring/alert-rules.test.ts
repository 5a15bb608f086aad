import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { approvalWaitHistogram, createMetrics } from '../../../src/http/metrics.js';
import { createPipelineObserver } from '../../../src/monitoring/pipeline-observer.js';
import type { Queues } from '../../../src/queue/queues.js';
import { ROOT } from '../../support/cli.js';
import { captureLogger } from '../../support/logger.js';

const PROMTOOL = '/usr/bin/promtool';
// Developers without promtool get a skip that says so; CI installs it (.ci/run) and must run this.
const skip = !existsSync(PROMTOOL) && !process.env.CI;
const title = skip
  ? `Prometheus alert rules — SKIPPED: ${PROMTOOL} is missing (apt-get install prometheus)`
  : 'Prometheus alert rules (promtool)';

/**
 * Metric names the bridge exports, read from the registries the daemon builds
 * (src/http/metrics.ts, src/monitoring/pipeline-observer.ts): a renamed metric fails here.
 */
function exportedNames(): string[] {
  const ledger = {
    sources: async () => ({}),
    backlog: async () => ({ quarantine: 0, triage: 0, deadLetters: 0, complaints: 0 }),
    drafts: async () => ({ count: 0, oldestWaitMs: 0 }),
    overdue: async () => ({}),
  };
  // Gauges read their queues only when scraped; names are all this needs.
  const registry = createMetrics({} as Queues, ledger);
  approvalWaitHistogram(registry);
  createPipelineObserver(registry, captureLogger().logger).stop();
  return registry
    .getMetricsAsArray()
    .flatMap((m) => (String(m.type) === 'histogram' ? ['_bucket', '_sum', '_count'].map((s) => m.name + s) : [m.name]));
}
const EXPORTED = exportedNames();

describe('Grafana dashboard', () => {
  it('is JSON whose every query reads a metric the bridge exports', () => {
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy/grafana/lapor-bridge.json'), 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    expect(exprs.length).toBeGreaterThan(5);
    for (const expr of exprs)
      for (const name of expr.match(/lapor_bridge_\w+/g) ?? []) expect(EXPORTED).toContain(name);
  });

  it('shows the approval→delivery latency and the answers per destination and outcome', () => {
    const text = readFileSync(join(ROOT, 'deploy/grafana/lapor-bridge.json'), 'utf8');
    expect(text).toContain('lapor_bridge_answer_delivery_seconds_bucket');
    expect(text).toContain('lapor_bridge_answers_total');
  });

  it('the alert rules read only metrics the bridge exports', () => {
    const rules = readFileSync(join(ROOT, 'deploy/prometheus/alerts.yml'), 'utf8');
    const names = [...new Set(rules.match(/lapor_bridge_\w+/g) ?? [])];
    expect(names.length).toBeGreaterThan(2);
    for (const name of names) expect(EXPORTED).toContain(name);
  });
});

describe.skipIf(skip)(title, () => {
  it('pass promtool check rules', () => {
    const out = execFileSync(PROMTOOL, ['check', 'rules', join(ROOT, 'deploy/prometheus/alerts.yml')], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('fires when approved answers fail at a destination for an hour with none delivered, not where some get through', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lb-rules-'));
    try {
      const test = join(dir, 'answers.test.yml');
      writeFileSync(
        test,
        [
          'rule_files: [' + JSON.stringify(join(ROOT, 'deploy/prometheus/alerts.yml')) + ']',
          'evaluation_interval: 5m',
          'tests:',
          '  - interval: 5m',
          '    input_series:',
          // LAPOR: every write fails from 0:30 on, nothing is sent.
          '      - series: \'lapor_bridge_answers_total{destination="lapor",outcome="failed"}\'',
          '        values: "0x6 1+1x30"',
          '      - series: \'lapor_bridge_answers_total{destination="lapor",outcome="sent"}\'',
          '        values: "4x36"',
          // The WhatsApp desk: failures, but retries get through too.
          '      - series: \'lapor_bridge_answers_total{destination="wadesk",outcome="failed"}\'',
          '        values: "0x6 1+1x30"',
          '      - series: \'lapor_bridge_answers_total{destination="wadesk",outcome="sent"}\'',
          '        values: "0x6 1+1x30"',
          '    alert_rule_test:',
          '      - eval_time: 2h',
          '        alertname: LaporBridgeAnswersNotDelivered',
          '        exp_alerts:',
          '          - exp_labels: { severity: warning, destination: lapor }',
          '            exp_annotations:',
          '              summary: "Jawaban yang disetujui tidak sampai ke lapor selama 1 jam"',
          '              description: >-',
          '                Every write of an approved answer to lapor failed in the last hour. The bridge retries on the push schedule and gives up after push.giveUpAfterMs (then `lapor-bridge dlq list`); see /sync-logs (column "Gagal kirim") and the daemon log for the destination\'s answer, and `lapor-bridge check lapor`.',
          // Before any failure, nothing fires.
          '      - eval_time: 25m',
          '        alertname: LaporBridgeAnswersNotDelivered',
          '        exp_alerts: []',
        ].join('\n') + '\n',
      );
      const out = execFileSync(PROMTOOL, ['test', 'rules', test], { encoding: 'utf8' });
      expect(out).toMatch(/SUCCESS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fires the overdue alert for an OPD whose overdue complaints grew by more than 5 in a day, not for a steady one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lb-rules-'));
    try {
      const test = join(dir, 'overdue.test.yml');
      writeFileSync(
        test,
        [
          'rule_files: [' + JSON.stringify(join(ROOT, 'deploy/prometheus/alerts.yml')) + ']',
          'evaluation_interval: 5m',
          'tests:',
          '  - interval: 5m',
          '    input_series:',
          '      - series: \'lapor_bridge_overdue_complaints{opd="dinkes"}\'',
          '        values: "2x300 9x30"',
          '      - series: \'lapor_bridge_overdue_complaints{opd="dpupr"}\'',
          '        values: "7x330"',
          '    alert_rule_test:',
          '      - eval_time: 26h30m',
          '        alertname: LaporBridgeOverdueRising',
          '        exp_alerts:',
          '          - exp_labels: { severity: warning, opd: dinkes }',
          '            exp_annotations:',
          '              summary: "Aduan terlambat dinkes bertambah 7 dalam sehari"',
          '              description: >-',
          '                Complaints of OPD "dinkes" (empty: not yet routed) past their LAPOR limit grew by 7 in a day. The list per OPD is /rekap/jatuh-tempo (or `lapor-bridge rekap --due`); ask the OPD to answer, or triage unrouted complaints.',
          '      - eval_time: 25h30m',
          '        alertname: LaporBridgeOverdueRising',
          '        exp_alerts: []',
        ].join('\n') + '\n',
      );
      const out = execFileSync(PROMTOOL, ['test', 'rules', test], { encoding: 'utf8' });
      expect(out).toMatch(/SUCCESS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
