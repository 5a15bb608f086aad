import axios, { AxiosError } from 'axios';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { proxyOption } from '../connectors/http/egress.js';

export interface Notice {
  /** daily_summary, source_failing, source_recovered */
  kind: string;
  subject: string;
  text: string;
  /** Numbers behind the text, for a gateway that formats its own message (webhook only). */
  data: unknown;
}

export type Notifier = (notice: Notice) => Promise<void>;

/**
 * Sends a notice to every enabled channel: e-mail over SMTP (nodemailer) and a webhook that
 * gets it as JSON. Secrets come from the environment variables the configuration names. A
 * channel that fails is logged and the others still get the notice; the caller learns it
 * failed when all did.
 */
export function createNotifier(
  config: Config['monitoring']['notify'],
  /** Reads a secret by environment variable name (config/secrets.ts). */
  secret: (name: string) => string | undefined,
  logger: Logger,
): Notifier {
  const senders: { channel: string; send: (n: Notice) => Promise<void> }[] = [];
  if (config.email.enabled) {
    const user = config.email.userEnv ? secret(config.email.userEnv) : undefined;
    const pass = config.email.passwordEnv ? secret(config.email.passwordEnv) : undefined;
    const transport = nodemailer.createTransport({
      host: config.email.host,
      port: config.email.port,
      secure: config.email.secure,
      ...(user ? { auth: { user, pass: pass ?? '' } } : {}),
    });
    senders.push({
      channel: 'email',
      send: async (n) =>
        void (await transport.sendMail({
          from: config.email.from,
          to: config.email.to,
          subject: n.subject,
          text: n.text,
        })),
    });
  }
  if (config.webhook.enabled) {
    const bearer = config.webhook.secretEnv ? secret(config.webhook.secretEnv) : undefined;
    senders.push({
      channel: 'webhook',
      send: async (n) => {
        // Through the egress proxy the environment names, as the connectors' requests (src/connectors/http/egress.ts).
        const res = await axios
          .post(config.webhook.url, JSON.stringify(n), {
            headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
            proxy: proxyOption(config.webhook.url),
            timeout: 15_000,
            maxRedirects: 0,
            validateStatus: () => true,
            responseType: 'text',
          })
          .catch((err: unknown) => {
            // axios's error carries the request (its headers, the secret among them): only what went wrong goes on.
            const code = err instanceof AxiosError && err.code ? `${err.code}: ` : '';
            throw new Error(`webhook not reached: ${code}${err instanceof Error ? err.message : String(err)}`);
          });
        if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered ${res.status}`);
      },
    });
  }
  return async (notice) => {
    const results = await Promise.allSettled(senders.map((s) => s.send(notice)));
    results.forEach((r, i) => {
      if (r.status === 'rejected')
        logger.warn(
          {
            channel: senders[i]!.channel,
            kind: notice.kind,
            err: r.reason,
            meaning: 'this notice did not reach that channel; check monitoring.notify and the mail server or gateway',
          },
          'notice not sent',
        );
    });
    if (senders.length > 0 && results.every((r) => r.status === 'rejected'))
      throw new Error(`notice ${notice.kind} reached no channel`);
  };
}
