import { isConnectorError } from '../../domain/failures.js';
import { addressCheck } from '../http/client.js';
import type { HealthCheckResult } from '../types.js';
import type { LaporClient } from './client.js';
import type { LaporConfig } from './config.js';
import { pick } from './paths.js';
import { topicSchema } from './schema.js';

function describeAuth(config: LaporConfig): string {
  const a = config.auth;
  return a.style === 'header'
    ? `header ${a.headerName}`
    : a.style === 'bearer'
      ? 'Authorization: Bearer'
      : `${a.paramName} parameter`;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Auth, topics, list: what works and what does not, in words an operator can act on. */
export async function checkHealth(config: LaporConfig, client: LaporClient): Promise<HealthCheckResult[]> {
  const results: HealthCheckResult[] = [];
  let authRejected = false;
  try {
    const { body } = await client.call('topics');
    const raw = pick(body, config.response.topics);
    if (!Array.isArray(raw))
      throw new Error(`the answer has no list at "${config.response.topics}" (check response.topics)`);
    const f = config.fields.topic;
    const topics = raw.map((t) =>
      topicSchema.safeParse({ id: pick(t, f.id), parent: pick(t, f.parent), name: pick(t, f.name) }),
    );
    const valid = topics.filter((t) => t.success).map((t) => t.data!);
    const top = valid.filter((t) => t.parent === '0').length;
    results.push({ check: 'auth', ok: true, detail: `token accepted (${describeAuth(config)})` });
    const unreadable = topics.length - valid.length;
    results.push({
      check: 'topics',
      ok: valid.length > 0,
      detail:
        valid.length > 0
          ? `${valid.length} topics, ${top} at the top level${unreadable ? `; ${unreadable} unreadable (check fields.topic)` : ''}`
          : `no readable topics among ${raw.length} (check fields.topic)`,
    });
  } catch (err) {
    authRejected = isConnectorError(err) && err.code === 'AUTH';
    results.push({
      check: 'auth',
      ok: false,
      detail: authRejected
        ? `token rejected (${describeAuth(config)}, token from $${config.tokenEnv}): ${reason(err)}`
        : `not confirmed: ${reason(err)}`,
    });
    results.push({
      check: 'topics',
      ok: false,
      detail: authRejected ? 'not checked: the token was rejected' : reason(err),
    });
  }
  if (authRejected) {
    results.push({ check: 'list', ok: false, detail: 'not checked: the token was rejected' });
    return [...results, ...addressCheck(client)];
  }
  try {
    const { body } = await client.call('list', { params: { [config.params.limit]: 1 } });
    const items = pick(body, config.response.items);
    if (!Array.isArray(items))
      throw new Error(`the answer has no list at "${config.response.items}" (check response.items)`);
    results.push({
      check: 'list',
      ok: true,
      detail: `instansi ${config.instansiId}: report list answered (${items.length} on a first page of 1)`,
    });
    const auth = results.find((r) => r.check === 'auth');
    if (auth && !auth.ok)
      Object.assign(auth, { ok: true, detail: `token accepted by the list endpoint (${describeAuth(config)})` });
  } catch (err) {
    results.push({ check: 'list', ok: false, detail: reason(err) });
  }
  return [...results, ...addressCheck(client)];
}
