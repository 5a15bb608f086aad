const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Whether a host name or address is this machine's loopback: where the dashboard may run
 * with a generated password, whose forwarded headers are trusted, and what is never reached
 * through an egress proxy.
 */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}
