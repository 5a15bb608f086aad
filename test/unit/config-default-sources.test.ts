import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { SANDBOX_CREDENTIAL } from '../../src/config/sandbox.js';
import { createConnector, secretsOf } from '../../src/connectors/registry.js';
import { captureLogger } from '../support/logger.js';

const PRESETS = {
  wadesk: 'wa-desk.yaml',
  superapp: 'superapp.yaml',
  bupatiapp: 'bupati-app.yaml',
  open311: 'open311.yaml',
} as const;
type Doc = { sources: Record<string, Record<string, unknown>> };
const yamlOf = (path: string) => parse(readFileSync(path, 'utf8')) as Doc;

describe('default sources (sandbox mode)', () => {
  const loaded = loadConfig({ env: {} });
  const { sandbox, sources } = loaded.config;

  it('lists LAPOR and every regional preset', () => {
    expect(Object.keys(sources).sort()).toEqual(['bupatiapp', 'lapor', 'open311', 'superapp', 'wadesk']);
  });

  it.each(Object.keys(loadConfig({ env: {} }).config.sources))(
    '%s validates, points at an embedded sandbox and runs on the sandbox credential',
    (name) => {
      const source = sources[name]!;
      const url = (source as unknown as { baseUrl: string }).baseUrl;
      const embedded = [`http://127.0.0.1:${sandbox.lapor.port}`, `http://127.0.0.1:${sandbox.regional.port}/`];
      expect(embedded.some((prefix) => url === prefix || url.startsWith(prefix))).toBe(true);
      expect(secretsOf(source).length).toBeGreaterThan(0);
      for (const variable of secretsOf(source)) expect(loaded.secret(variable)).toBe(SANDBOX_CREDENTIAL);
      const connector = createConnector(source, {
        name,
        logger: captureLogger().logger,
        clock: { now: () => new Date(), sleep: () => Promise.resolve() },
        secret: loaded.secret,
      });
      expect(connector.name).toBe(name);
    },
  );

  it('takes pushes from the WhatsApp desk on the sandbox credential', () => {
    expect(sources.wadesk!.webhook).toMatchObject({
      secretEnv: 'WA_DESK_WEBHOOK_SECRET',
      maxBodyBytes: 262144,
      toleranceSeconds: 300,
    });
    expect(loaded.secret('WA_DESK_WEBHOOK_SECRET')).toBe(SANDBOX_CREDENTIAL);
  });

  it.each(Object.entries(PRESETS))('%s is the preset %s, only pointed at the sandbox', (name, file) => {
    const drop = ({ baseUrl: _b, label: _l, schedule: _s, webhook: _w, ...rest }: Record<string, unknown>) => rest;
    const ours = yamlOf('config/sandbox-sources.yaml').sources[name]!;
    const preset = yamlOf(`config/presets/${file}`).sources[name]!;
    expect(drop(ours)).toEqual(drop(preset));
  });
});

describe('production example', () => {
  it('carries no sandbox source: its own sources replace the demo ones', () => {
    const text = readFileSync('config/production.example.yaml', 'utf8');
    expect(
      text
        .split('\n')
        .filter((l) => !l.trim().startsWith('#') && l.includes('sandbox:'))
        .map((l) => l.trim()),
    ).toEqual(['sandbox:']);
    const { config } = loadConfig({
      file: 'config/production.example.yaml',
      env: { LAPOR_BRIDGE_DASHBOARD_PASSWORD: 'a-long-dashboard-password', LAPOR_TOKEN: 'token' },
    });
    expect(Object.keys(config.sources)).toEqual(['lapor']);
    expect(config.sandbox.enabled).toBe(false);
  });
});
