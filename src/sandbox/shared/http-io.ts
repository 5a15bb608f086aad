import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Request/response helpers for sandboxes built on node:http; no framework needed. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BadRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequest';
  }
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON or form-encoded body into a flat-or-nested record. Empty body → {}. */
export async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (text.trim() === '') return {};
  const type = String(req.headers['content-type'] ?? '');
  // `curl -d '{...}'` labels JSON as a form; a body that opens with "{" is read as JSON.
  if (type.includes('application/x-www-form-urlencoded') && !text.trimStart().startsWith('{'))
    return formParams(new URLSearchParams(text));
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new BadRequest('body must be a JSON object');
    return value as Record<string, unknown>;
  } catch (err) {
    if (err instanceof BadRequest) throw err;
    throw new BadRequest('body is not valid JSON');
  }
}

/**
 * Form fields the way PHP-era APIs read them: `a[]` and repeated keys become lists,
 * `a[b]` a nested field.
 */
export function formParams(form: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of form) {
    const list = rawKey.endsWith('[]');
    const key = list ? rawKey.slice(0, -2) : rawKey;
    const nested = /^([^[\]]+)\[([^[\]]+)\]$/.exec(key);
    if (nested) {
      const parent = (out[nested[1]!] ??= {}) as Record<string, unknown>;
      parent[nested[2]!] = value;
      continue;
    }
    const existing = out[key];
    if (list || existing !== undefined)
      out[key] = [...(Array.isArray(existing) ? existing : existing === undefined ? [] : [existing]), value];
    else out[key] = value;
  }
  return out;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Listens and resolves with the server's base URL (port 0 picks a free one). */
export async function listenForUrl(
  server: Server,
  port = 0,
  host = '127.0.0.1',
): Promise<{ url: string; port: number }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${shown}:${address.port}`, port: address.port };
}
