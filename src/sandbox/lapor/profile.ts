import type { WireStyle } from './render.js';

/**
 * Two ways of speaking the same API: the documented default contract, and the older
 * style (POST everything under /api/services/f01/, KEYTOKEN form parameter, local WIB
 * timestamps, "1"/"0" flags) that lets the legacy example configuration be tested.
 */
export const ROUTE_NAMES = ['topics', 'list', 'detail', 'byRef', 'create', 'followUp'] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

export interface Route {
  name: RouteName;
  method: 'GET' | 'POST';
  /** Named groups become parameters. */
  pattern: RegExp;
}

export type AuthStyle = 'header' | 'bearer' | 'keytoken';

export interface Profile {
  name: 'default' | 'legacy';
  routes: readonly Route[];
  style: WireStyle;
  auth: { style: AuthStyle; headerName: string; paramName: string; failure: 'http' | 'body' };
  /** legacy: the list's `data` is the array itself and there is no has_more. */
  listEnvelope: 'object' | 'array';
  createdKeys: { trackingId: string; transaksiId: string };
}

export const DEFAULT_PROFILE: Profile = {
  name: 'default',
  routes: [
    { name: 'topics', method: 'GET', pattern: /^\/api\/v1\/topics$/ },
    { name: 'list', method: 'GET', pattern: /^\/api\/v1\/instansi\/(?<instansi_id>[^/]+)\/laporan$/ },
    { name: 'byRef', method: 'GET', pattern: /^\/api\/v1\/laporan\/ref\/(?<client_ref>[^/]+)$/ },
    { name: 'detail', method: 'GET', pattern: /^\/api\/v1\/laporan\/(?<tracking_id>[^/]+)$/ },
    { name: 'create', method: 'POST', pattern: /^\/api\/v1\/laporan$/ },
    { name: 'followUp', method: 'POST', pattern: /^\/api\/v1\/laporan\/(?<tracking_id>[^/]+)\/tindak-lanjut$/ },
  ],
  style: { timestamps: 'iso', flags: 'boolean' },
  auth: { style: 'header', headerName: 'X-Lapor-Token', paramName: 'KEYTOKEN', failure: 'http' },
  listEnvelope: 'object',
  createdKeys: { trackingId: 'tracking_id', transaksiId: 'transaksi_id' },
};

export const LEGACY_PROFILE: Profile = {
  name: 'legacy',
  routes: [
    { name: 'topics', method: 'POST', pattern: /^\/api\/services\/f01\/gettopics$/ },
    { name: 'list', method: 'POST', pattern: /^\/api\/services\/f01\/getlaporan$/ },
    { name: 'detail', method: 'POST', pattern: /^\/api\/services\/f01\/getdetail$/ },
    { name: 'byRef', method: 'POST', pattern: /^\/api\/services\/f01\/getbyref$/ },
    { name: 'create', method: 'POST', pattern: /^\/api\/services\/f01\/addlaporan$/ },
    { name: 'followUp', method: 'POST', pattern: /^\/api\/services\/f01\/addtindaklanjut$/ },
  ],
  style: { timestamps: 'local', flags: 'digit' },
  auth: { style: 'keytoken', headerName: 'X-Lapor-Token', paramName: 'KEYTOKEN', failure: 'body' },
  listEnvelope: 'array',
  createdKeys: { trackingId: 'trackingid', transaksiId: 'transaksiid' },
};

export function matchRoute(
  profile: Profile,
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const route of profile.routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m)
      return {
        route,
        params: Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])),
      };
  }
  return undefined;
}
