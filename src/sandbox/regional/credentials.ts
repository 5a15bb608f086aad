import { createHash } from 'node:crypto';
import type { PartnerCredentials } from './superapp/tokens.js';
import type { SystemName } from './system.js';

export interface RegionalCredentials {
  wa: { token: string };
  superapp: PartnerCredentials;
  bupati: { username: string; password: string };
  open311: { apiKey: string };
}

export interface CredentialOverrides {
  wa?: Partial<RegionalCredentials['wa']>;
  superapp?: Partial<RegionalCredentials['superapp']>;
  bupati?: Partial<RegionalCredentials['bupati']>;
  open311?: Partial<RegionalCredentials['open311']>;
}

/** Sandbox credentials derive from the seed: stable for a demo, different from any real system's. */
export function sandboxCredentials(seed: number, overrides: CredentialOverrides = {}): RegionalCredentials {
  const derive = (label: string) =>
    createHash('sha256').update(`regional-sandbox:${seed}:${label}`).digest('base64url').slice(0, 32);
  return {
    wa: { token: derive('wa-token'), ...overrides.wa },
    superapp: {
      clientId: `sandbox-partner-${seed}`,
      clientSecret: derive('superapp-secret'),
      apiKey: derive('superapp-api-key'),
      partnerId: 'pemkab-blora',
      ...overrides.superapp,
    },
    bupati: { username: 'integrasi', password: derive('bupati-password'), ...overrides.bupati },
    open311: { apiKey: derive('open311-api-key'), ...overrides.open311 },
  };
}

/**
 * The environment each preset in config/presets reads: its secrets and its baseUrl
 * override, per system (a preset file names only its own source). Only names are shared
 * with the presets, never code.
 */
export function presetEnvironment(url: string, c: RegionalCredentials): Record<SystemName, Record<string, string>> {
  return {
    wa: { LAPOR_BRIDGE__SOURCES__WADESK__BASEURL: `${url}/wa`, WA_DESK_TOKEN: c.wa.token },
    superapp: {
      LAPOR_BRIDGE__SOURCES__SUPERAPP__BASEURL: `${url}/superapp`,
      SUPERAPP_CLIENT_ID: c.superapp.clientId,
      SUPERAPP_CLIENT_SECRET: c.superapp.clientSecret,
      SUPERAPP_API_KEY: c.superapp.apiKey,
      SUPERAPP_PARTNER_ID: c.superapp.partnerId,
    },
    bupati: {
      LAPOR_BRIDGE__SOURCES__BUPATIAPP__BASEURL: `${url}/bupati`,
      BUPATI_APP_USER: c.bupati.username,
      BUPATI_APP_PASSWORD: c.bupati.password,
    },
    open311: { LAPOR_BRIDGE__SOURCES__OPEN311__BASEURL: `${url}/open311/v2`, OPEN311_API_KEY: c.open311.apiKey },
  };
}
