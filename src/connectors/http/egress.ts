/**
 * Egress through a forward proxy, as pemda networks often require: HTTPS_PROXY, HTTP_PROXY and
 * NO_PROXY (or their lower-case forms) in the daemon's environment, read by axios for every
 * request (an https target through a CONNECT tunnel, so the proxy never sees the token or the
 * body). One exception, decided here: a loopback address (the bundled sandbox, a gateway
 * beside the daemon) is reached directly, never through the proxy, whatever NO_PROXY says.
 * Redis and SMTP are not HTTP and never go through it.
 */
import shouldBypassProxy from 'axios/unsafe/helpers/shouldBypassProxy.js';
import { getProxyForUrl } from 'proxy-from-env';
import { isLoopback } from '../../domain/loopback.js';
import type { HealthCheckResult } from '../types.js';

/** Whether `url` names a loopback host ("[::1]" as URL gives IPv6 hosts, too). */
function loopbackUrl(url: string | undefined): boolean {
  try {
    return isLoopback(new URL(url ?? '').hostname.replace(/^\[(.*)\]$/, '$1'));
  } catch {
    return false;
  }
}

/** axios's `proxy` option for requests to `url`: off for loopback, else what the environment says. */
export function proxyOption(url: string | undefined): false | undefined {
  return loopbackUrl(url) ? false : undefined;
}

/**
 * The proxy requests to `url` go through (scheme, host and port; never its credentials), or
 * undefined when they go straight to it: axios's own decision (the same two functions its
 * http adapter asks), after the loopback rule above.
 */
export function proxyFor(url: string): string | undefined {
  if (loopbackUrl(url)) return undefined;
  const proxy = getProxyForUrl(url);
  if (!proxy || shouldBypassProxy(url)) return undefined;
  try {
    const u = new URL(proxy.includes('://') ? proxy : `http://${proxy}`);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(an unreadable proxy address)';
  }
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY'];

/**
 * What `check` says of the way to a source when the environment names a proxy: through it
 * (where to), or straight there and why. Nothing when no proxy is named.
 */
export function routeCheck(url: string): HealthCheckResult[] {
  const named = PROXY_VARIABLES.some((name) => process.env[name] || process.env[name.toLowerCase()]);
  if (!named) return [];
  const via = proxyFor(url);
  const detail = via
    ? `requests go through the proxy ${via}`
    : loopbackUrl(url)
      ? 'requests go straight to this loopback address, never through the proxy'
      : 'requests go straight to this address: no proxy variable applies to it (HTTP_PROXY for http://, HTTPS_PROXY for https://), or NO_PROXY names it';
  return [{ check: 'route', ok: true, detail }];
}
