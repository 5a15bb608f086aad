import express, { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Connector, PulledRecord } from '../connectors/types.js';
import type { WebhookConfig } from '../connectors/webhook-config.js';
import type { Clock } from '../domain/clock.js';
import { acceptRecords, type AcceptDeps } from '../pipeline/accept.js';
import { messages, type Catalog } from '../i18n/messages.js';
import { langOfRequest } from './auth/language.js';
import { verifySignature } from './hook-signature.js';

type ApiText = Catalog['api'];

export const HOOKS_PATH = '/hooks';

/** Deeper than any record a channel sends (a few levels); deeper input would overflow the stack of JSON.stringify and msgpack. */
export const MAX_BODY_DEPTH = 64;

/** Whether a parsed body nests arrays and objects deeper than `limit`, walked without recursion. */
function nestedDeeperThan(doc: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[doc, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

type Refusal = { reason: string; code: 'not_json' | 'too_deep' };

/** The parsed body, or why it cannot be taken as records: the reason kept in quarantine, and the code of the sender's answer. */
function parseBody(text: string): { doc: unknown; refused?: undefined } | { refused: Refusal } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { refused: { reason: `webhook body is not JSON (${(err as Error).message})`, code: 'not_json' } };
  }
  if (!nestedDeeperThan(doc, MAX_BODY_DEPTH)) return { doc };
  return { refused: { reason: `webhook body is nested deeper than ${MAX_BODY_DEPTH} levels`, code: 'too_deep' } };
}

/** The sender's answer: for the people who read the gateway's log, in the instance's language; `code` for its program. */
function refuse(
  req: Request,
  res: Response,
  status: number,
  code: string,
  error: (t: ApiText['hooks']) => string,
): void {
  res.status(status).json({ error: error(messages(langOfRequest(req)).api.hooks), code });
}

/** A source that accepts pushed records, with its connector (for mapping) and its secret. */
export interface HookChannel {
  name: string;
  connector: Pick<Connector, 'mapRaw'>;
  secret: string;
  config: WebhookConfig;
}

export interface HooksDeps {
  channels: readonly HookChannel[];
  accept: AcceptDeps;
  logger: Logger;
  clock: Clock;
}

/** Each record maps on its own: one that throws is quarantined, never the whole delivery lost. */
function mapOne(channel: HookChannel, raw: unknown): PulledRecord {
  try {
    return channel.connector.mapRaw(raw);
  } catch (err) {
    return { ok: false, raw, reason: `could not be mapped: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * POST /hooks/<channel>: the inbox of channels that push instead of being polled. The body
 * (one record, or a JSON array of records) is checked against its HMAC-SHA256 signature
 * over the raw bytes, mapped by the channel's connector and handed to acceptRecords, the
 * same entrance polled records take; 202 only once that has stored it. Payloads are never
 * logged: they carry reporter identity.
 */
export function hooksRouter(deps: HooksDeps): Router {
  const router = Router();
  const channels = new Map(
    deps.channels.map((c) => [
      c.name,
      { channel: c, readBody: express.raw({ type: () => true, limit: c.config.maxBodyBytes }) },
    ]),
  );

  router.post('/:channel', (req: Request<{ channel: string }>, res: Response) => {
    const found = channels.get(req.params.channel);
    if (!found) return refuse(req, res, 404, 'no_channel', (t) => t.noChannel);
    const { channel, readBody } = found;
    const log = deps.logger.child({ channel: channel.name });
    readBody(req, res, (err?: unknown) => {
      if (err) {
        const status = (err as { status?: number }).status === 413 ? 413 : 400;
        log.warn(
          {
            status,
            limit: channel.config.maxBodyBytes,
            contentLength: req.headers['content-length'],
            meaning:
              'nothing of this delivery was stored and the sender was told why; raise webhook.maxBodyBytes if the channel sends larger deliveries on purpose',
          },
          status === 413 ? 'webhook body too large; refused' : 'webhook body unreadable; refused',
        );
        return status === 413
          ? refuse(req, res, 413, 'body_too_large', (t) => t.bodyTooLarge(channel.config.maxBodyBytes))
          : refuse(req, res, 400, 'body_unreadable', (t) => t.bodyUnreadable);
      }
      void receive(deps, channel, req, res, log);
    });
  });
  return router;
}

async function receive(deps: HooksDeps, channel: HookChannel, req: Request, res: Response, log: Logger): Promise<void> {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const verdict = verifySignature(channel.config, channel.secret, body, (name) => req.get(name), deps.clock.now());
  if (!verdict.ok) {
    log.warn(
      {
        reason: verdict.reason,
        bytes: body.length,
        remote: req.socket.remoteAddress,
        meaning:
          "nothing was stored; if the channel's own deliveries are refused, its secret or clock differs from the bridge's (webhook.secretEnv)",
      },
      'webhook signature refused',
    );
    return refuse(req, res, 401, 'signature_refused', (t) => t.signatureRefused);
  }
  const text = body.toString('utf8');
  const parsed = parseBody(text);
  const records =
    parsed.refused !== undefined
      ? [{ ok: false as const, raw: text, reason: parsed.refused.reason }]
      : (Array.isArray(parsed.doc) ? parsed.doc : [parsed.doc]).map((raw) => mapOne(channel, raw));
  try {
    const result = await acceptRecords(deps.accept, channel.name, records);
    log.info({ ...result }, 'webhook delivery accepted');
    if (parsed.refused !== undefined) {
      const t = messages(langOfRequest(req)).api.hooks;
      const { code } = parsed.refused;
      const error = code === 'not_json' ? t.notJsonKept : t.tooDeepKept(MAX_BODY_DEPTH);
      return void res.status(400).json({ error, code, ...result });
    }
    res.status(202).json(result);
  } catch (err) {
    // Nothing was promised: the sender retries, and a repeated delivery changes nothing.
    log.error(
      { err, meaning: 'the sender was answered 503 and retries; nothing was promised or half-stored. Check Redis' },
      'webhook delivery could not be stored',
    );
    refuse(req, res, 503, 'not_stored', (t) => t.notStored);
  }
}
