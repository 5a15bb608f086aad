import type { Redis } from '../redis/client.js';
import type { LedgerKeys } from './keys.js';
import { LayoutMove } from './layout-move.js';
import { LuaScript } from './lua-script.js';

/**
 * Lua for the scripts that remember echoes: `remember_echoes(hash, externalId, first, last)`
 * adds ARGV[first..last] to the record's field of its system's hash, a JSON list, each once.
 */
export const REMEMBER_ECHOES = `
local function remember_echoes(hash, field, first, last)
  if last < first then return end
  local held = redis.call('hget', hash, field)
  local list = held and cjson.decode(held) or {}
  local have = {}
  for _, m in ipairs(list) do have[m] = true end
  local changed = false
  for i = first, last do
    if not have[ARGV[i]] then
      have[ARGV[i]] = true
      list[#list + 1] = ARGV[i]
      changed = true
    end
  end
  if changed then redis.call('hset', hash, field, cjson.encode(list)) end
end
`;

/** KEYS: the system's hash; ARGV: externalId, members. */
const REMEMBER = new LuaScript(`${REMEMBER_ECHOES}
remember_echoes(KEYS[1], ARGV[1], 2, #ARGV)
return 1
`);

/**
 * KEYS: sets of the old layout (`<p>:echo:<system>:<externalId>`); ARGV: the length of
 * `<p>:echo:`, the hashes' key prefix `<p>:echoes:`. Each set's members join its record's
 * field and the set goes.
 */
const MOVE_SETS = new LuaScript(`
local from = tonumber(ARGV[1]) + 1
for _, key in ipairs(KEYS) do
  local system, externalId = string.match(string.sub(key, from), '^([^:]*):(.*)$')
  if system then
    local hash = ARGV[2] .. system
    local held = redis.call('hget', hash, externalId)
    local list = held and cjson.decode(held) or {}
    local have = {}
    for _, m in ipairs(list) do have[m] = true end
    for _, m in ipairs(redis.call('smembers', key)) do
      if not have[m] then
        have[m] = true
        list[#list + 1] = m
      end
    end
    if #list > 0 then redis.call('hset', hash, externalId, cjson.encode(list)) end
    redis.call('del', key)
  end
end
return 1
`);

export const ECHOES_MOVED = 'echo-hashes';

/**
 * What the bridge wrote into one remote record (answer ids, text keys), so the next pull of
 * that record does not take it for news. The members are the caller's own keys. One hash per
 * system (externalId → the members), so a page's checks are one HMGET per system; the remote
 * writes' scripts add to it with their bookkeeping (src/store/remote-writes.ts). Sets of the
 * layout before (one per record) move into the hashes once, on first read.
 */
export class Echoes {
  private readonly moved: LayoutMove;

  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {
    this.moved = new LayoutMove(redis, keys, {
      marker: ECHOES_MOVED,
      oldPrefix: keys.echoes('', '').slice(0, -1),
      moveBatch: (found, length) => MOVE_SETS.run(redis, found, [length, keys.echoIndex('')]),
    });
  }

  async remember(system: string, externalId: string, members: readonly string[]): Promise<void> {
    if (members.length > 0) await REMEMBER.run(this.redis, [this.keys.echoIndex(system)], [externalId, ...members]);
  }

  /** True when any of the members was remembered for that record (one round trip). */
  async knows(system: string, externalId: string, members: readonly string[]): Promise<boolean> {
    return (await this.knowEach([{ system, externalId, members }]))[0]!;
  }

  /** `knows` for many records: one HMGET per system. */
  async knowEach(
    asked: readonly { system: string; externalId: string; members: readonly string[] }[],
  ): Promise<boolean[]> {
    const wanted = asked.filter((a) => a.members.length > 0);
    if (wanted.length === 0) return asked.map(() => false);
    await this.moved.done();
    const systems = [...new Set(wanted.map((a) => a.system))];
    const held = new Map<string, Set<string>>();
    await Promise.all(
      systems.map(async (system) => {
        const ids = [...new Set(wanted.filter((a) => a.system === system).map((a) => a.externalId))];
        const lists = await this.redis.hmget(this.keys.echoIndex(system), ...ids);
        ids.forEach((id, i) => held.set(`${system}\n${id}`, new Set(parseList(lists[i] ?? null))));
      }),
    );
    return asked.map((a) => {
      const known = held.get(`${a.system}\n${a.externalId}`);
      return known !== undefined && a.members.some((m) => known.has(m));
    });
  }
}

/** A field's members; an unreadable field counts as none. */
function parseList(text: string | null): string[] {
  if (!text) return [];
  try {
    const list: unknown = JSON.parse(text);
    return Array.isArray(list) ? list.filter((m): m is string => typeof m === 'string') : [];
  } catch {
    return [];
  }
}
