import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/cli.js';

const PROMTOOL = '/usr/bin/promtool';
// Developers without promtool get a skip that says so; CI installs it (.ci/run) and must run this.
const skip = !existsSync(PROMTOOL) && !process.env.CI;
const title = skip
  ? `Prometheus alert rules — SKIPPED: ${PROMTOOL} is missing (apt-get install prometheus)`
  : 'Prometheus alert rules (promtool)';

/** Metric names the bridge exports (src/http/metrics.ts, src/monitoring/pipeline-observer.ts). */
const EXPORTED = [
  'lapor_bridge_source_failing',
  'lapor_bridge_ledger_entries',
  'lapor_bridge_records_total',
  'lapor_bridge_polls_total',
  'lapor_bridge_poll_duration_seconds_bucket',
  'lapor_bridge_pushes_total',
  'lapor_bridge_queue_jobs',
  'lapor_bridge_overdue_complaints',
  'lapor_bridge_approval_wait_seconds_bucket',
];

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
