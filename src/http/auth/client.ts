import type { Request } from 'express';
import { isLoopback } from '../../domain/loopback.js';

/**
 * Where a request comes from. Behind a reverse proxy on this host (the documented set-up:
 * the daemon listens on loopback) the proxy's X-Forwarded-For and X-Forwarded-Proto are
 * believed; from any other peer they are ignored, so nobody can pick their own address.
 */
export function clientOf(req: Request): { address: string; https: boolean } {
  const peer = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
  const viaProxy = isLoopback(peer);
  const forwardedFor = viaProxy
    ? String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .pop()
        ?.trim()
    : undefined;
  const forwardedProto = viaProxy
    ? String(req.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]
        ?.trim()
    : undefined;
  return {
    address: forwardedFor || peer,
    https: (req.socket as { encrypted?: boolean }).encrypted === true || forwardedProto === 'https',
  };
}
