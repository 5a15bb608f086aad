import { Authority, AuthorityError, authorityRulesSchema } from './authority.js';

/** The narrow port: where the daemon's rules are read from. */
export interface PublishedRules {
  authorityRules: { read(): Promise<unknown> };
}

/** The running daemon's authority rules, as it published them at its start. */
export async function publishedAuthority(store: PublishedRules): Promise<Authority> {
  const raw = await store.authorityRules.read();
  if (raw === undefined)
    throw new AuthorityError(
      'no_rules',
      'no daemon has published its rules in this Redis: start the daemon (lapor-bridge start) with its configuration first',
    );
  const parsed = authorityRulesSchema.safeParse(raw);
  if (!parsed.success)
    throw new AuthorityError(
      'no_rules',
      'the rules published in Redis are not ones this version reads: restart the daemon to publish them again',
    );
  return new Authority(parsed.data);
}
