/**
 * Egress through a forward proxy, as pemda networks often require: HTTPS_PROXY, HTTP_PROXY and
 * NO_PROXY (or their lower-case forms) in the daemon's environment, read by axios for every
 * request (an https target through a CONNECT tunnel, so the proxy never sees the token or the
 * body). One exception, decided here: a loopback address (the bundled sandbox, a gateway
 * beside the daemon) is reached directly, never through the proxy, whatever NO_PROXY says.
 * Redis and SMTP are not HTTP and never go through it.
 */
import { isLoopback } from '../../config/secrets.js';

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
