import type { Redis } from '../redis/client.js';
import { RELATED_MOVED } from './case-links.js';
import { XREFS_MOVED } from './cross-refs.js';
import { LONE_CASE_SETS_DROPPED } from './case-members.js';
import { BUCKETS_HASH } from './dedup-index.js';
import { ECHOES_MOVED } from './echoes.js';
import type { LedgerKeys } from './keys.js';
import { LuaScript } from './lua-script.js';
import { OPD_INDEX_BUILT } from './opd-index.js';
import { REKAP_RECORDS_BUILT } from './rekap-records.js';
import { REPORTED_INDEX_BUILT } from './reported-index.js';
import { DRAFTS_INDEXED } from './responses.js';

/**
 * The indexes built and the layouts moved once, on first use, for a ledger an older version
 * wrote (each marked done in the ledger's meta when it is).
 */
export const ONE_TIME_BUILDS = [
  REPORTED_INDEX_BUILT,
  REKAP_RECORDS_BUILT,
  OPD_INDEX_BUILT,
  DRAFTS_INDEXED,
  BUCKETS_HASH,
  ECHOES_MOVED,
  XREFS_MOVED,
  RELATED_MOVED,
  LONE_CASE_SETS_DROPPED,
] as const;

/** KEYS: the complaint index, then the markers. Marks them all done when the ledger holds no complaint; 1 when it did. */
const MARK_IF_EMPTY = new LuaScript(`
if redis.call('zcard', KEYS[1]) > 0 then return 0 end
for i = 2, #KEYS do redis.call('set', KEYS[i], 'v1', 'NX') end
return 1
`);

/**
 * A ledger that holds no complaint holds nothing of an older layout: its one-time builds are
 * marked done before it is written, so a ledger that grows under this version never walks
 * itself (at a million complaints the first rekap would read every document for minutes).
 * True when the ledger was empty.
 */
export async function markNewLedger(redis: Redis, keys: LedgerKeys): Promise<boolean> {
  const markers = ONE_TIME_BUILDS.map((name) => keys.meta(name));
  return (await MARK_IF_EMPTY.run(redis, [keys.complaintIndex(), ...markers], [])) === 1;
}
