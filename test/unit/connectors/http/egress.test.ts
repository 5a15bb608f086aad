import { describe, expect, it } from 'vitest';
import { proxyFor, routeCheck } from '../../../../src/connectors/http/egress.js';
import { useCleanProxyEnv } from '../../../support/forward-proxy.js';

useCleanProxyEnv();

describe('the way out to a source (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)', () => {
  it('says nothing when the environment names no proxy', () => {
    expect(proxyFor('https://lapor.example.go.id')).toBeUndefined();
    expect(routeCheck('https://lapor.example.go.id')).toEqual([]);
  });

  it("names the proxy per scheme, without the proxy's credentials", () => {
    process.env.HTTPS_PROXY = 'http://diskominfo:rahasia@proxy.kab.go.id:3128';
    expect(proxyFor('https://lapor.example.go.id/api')).toBe('http://proxy.kab.go.id:3128');
    // HTTPS_PROXY is for https:// addresses only.
    expect(proxyFor('http://wadesk.kab.go.id')).toBeUndefined();
    const [line] = routeCheck('https://lapor.example.go.id');
    expect(line).toEqual({
      check: 'route',
      ok: true,
      detail: 'requests go through the proxy http://proxy.kab.go.id:3128',
    });
    expect(JSON.stringify(routeCheck('http://wadesk.kab.go.id'))).toContain('straight to this address');
  });

  it('goes straight to what NO_PROXY names: hosts, domain suffixes, address ranges', () => {
    process.env.HTTP_PROXY = process.env.HTTPS_PROXY = 'http://proxy.kab.go.id:3128';
    process.env.NO_PROXY = 'wadesk.kab.go.id,.internal.kab.go.id,10.0.0.0/8';
    expect(proxyFor('http://wadesk.kab.go.id/api')).toBeUndefined();
    expect(proxyFor('https://superapp.internal.kab.go.id')).toBeUndefined();
    expect(proxyFor('http://10.20.30.40:8080')).toBeUndefined();
    expect(proxyFor('https://lapor.example.go.id')).toBe('http://proxy.kab.go.id:3128');
    expect(proxyFor('http://192.168.1.5')).toBe('http://proxy.kab.go.id:3128');
  });

  it('never sends a loopback address to the proxy, whatever NO_PROXY says', () => {
    process.env.HTTP_PROXY = 'http://proxy.kab.go.id:3128';
    for (const url of ['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010'])
      expect(proxyFor(url), url).toBeUndefined();
    expect(routeCheck('http://127.0.0.1:4010')[0]!.detail).toContain('loopback');
  });
});
