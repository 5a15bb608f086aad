import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load.js';
import { rekapSettings } from '../../../src/rekap/settings.js';

function withFile(yaml: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'lb-rekap-cfg-')), 'config.yaml');
  writeFileSync(file, yaml);
  return () => loadConfig({ file, env: {} });
}

describe('calendar, time limits and rekap configuration', () => {
  it("defaults to LAPOR limits and this year's holidays", () => {
    const { config } = loadConfig({ env: {} });
    expect(config.timeLimits).toEqual({
      disposeWorkingDays: 3,
      followUpWorkingDays: 5,
      autoCloseWorkingDays: 10,
      overrides: { classification: {}, opd: {} },
    });
    expect(config.calendar.holidays).toContain('2026-03-19');
    expect(new Set(config.calendar.holidays).size).toBe(config.calendar.holidays.length);
  });

  it('replaces the holiday list from an operator file', () => {
    const { config } = withFile('calendar:\n  holidays: [2027-01-01]\n')();
    expect(config.calendar.holidays).toEqual(['2027-01-01']);
  });

  it.each([
    ['calendar:\n  holidays: [2026-02-30]\n', 'calendar.holidays.0'],
    ['calendar:\n  holidays: ["17-08-2026"]\n', 'calendar.holidays.0'],
    ['timeLimits:\n  followUpWorkingDays: 0\n', 'timeLimits.followUpWorkingDays'],
    ['rekap:\n  maxComplaints: 10\n', 'rekap.maxComplaints'],
    [
      'timeLimits:\n  overrides:\n    classification:\n      keluhan: { followUpWorkingDays: 4 }\n',
      'timeLimits.overrides.classification.keluhan',
    ],
    [
      'timeLimits:\n  overrides:\n    opd:\n      dinkes: { followUp: 4 }\n',
      'timeLimits.overrides.opd.dinkes.followUp',
    ],
    [
      'timeLimits:\n  overrides:\n    opd:\n      dinas-tidak-ada: { followUpWorkingDays: 4 }\n',
      'timeLimits.overrides.opd.dinas-tidak-ada',
    ],
    ['rekap:\n  maxComplaint: 1000\n', 'rekap.maxComplaint'],
    ['monitoring:\n  notify:\n    email:\n      enabled: true\n', 'monitoring.notify.email.host'],
    ['monitoring:\n  notify:\n    email:\n      enabled: true\n', 'monitoring.notify.email.to'],
    [
      'monitoring:\n  notify:\n    webhook:\n      enabled: true\n      url: ftp://x\n',
      'monitoring.notify.webhook.url',
    ],
    ['monitoring:\n  dailySummary:\n    enabled: true\n', 'monitoring.notify'],
  ])('refuses %j at %s', (yaml, path) => {
    let error: unknown;
    try {
      withFile(yaml)();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.path)).toContain(path);
  });

  it('refuses, at start, a time zone with daylight saving', () => {
    const { config } = loadConfig({ env: {} });
    expect(() => rekapSettings({ ...config, instance: { ...config.instance, timezone: 'Europe/Amsterdam' } })).toThrow(
      /daylight saving/,
    );
    expect(rekapSettings(config).offsetMs).toBe(7 * 3600_000);
  });
});
