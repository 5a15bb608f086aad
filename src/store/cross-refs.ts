import type { Redis } from '../redis/client.js';
import type { LedgerKeys } from './keys.js';
import { CHUNKED_CALLS } from './lua-chunks.js';
import { LayoutMove } from './layout-move.js';
import { LuaScript } from './lua-script.js';

/**
 * Lua for the scripts that note cross-references: `add_xref(hash, externalId, id)` gathers
 * them, `flush_xrefs()` writes them, one HMGET and one HSET per system's hash however many
 * there are. A field holds the complaint ids that name that record, comma-separated, each once.
 * Needs CHUNKED_CALLS.
 */
export const XREF_ADDS = `
local xref_adds, xref_order = {}, {}
local function add_xref(key, field, id)
  local g = xref_adds[key]
  if not g then
    g = { ids = {}, fields = {} }
    xref_adds[key] = g
    xref_order[#xref_order + 1] = key
  end
  if not g.ids[field] then
    g.ids[field] = {}
    g.fields[#g.fields + 1] = field
  end
  local ids = g.ids[field]
  ids[#ids + 1] = id
end
local function flush_xrefs()
  for _, key in ipairs(xref_order) do
    local g = xref_adds[key]
    local held = chunked_read('hmget', key, g.fields)
    local writes = {}
    for i, field in ipairs(g.fields) do
      local list = held[i] or ''
      local have = {}
      for s in string.gmatch(list, '[^,]+') do have[s] = true end
      local changed = false
      for _, id in ipairs(g.ids[field]) do
        if not have[id] then
          have[id] = true
          list = list == '' and id or (list .. ',' .. id)
          changed = true
        end
      end
      if changed then
        writes[#writes + 1] = field
        writes[#writes + 1] = list
      end
    end
    chunked_write('hset', key, writes)
  end
end
`;

/** KEYS: the system's hash; ARGV: externalId, complaint id. */
const ADD_ONE = new LuaScript(`
${CHUNKED_CALLS}
${XREF_ADDS}
add_xref(KEYS[1], ARGV[1], ARGV[2])
flush_xrefs()
return 1
`);

/**
 * KEYS: sets of the old layout (`<p>:xref:<system>:<externalId>`); ARGV: the length of
 * `<p>:xref:`, the hashes' key prefix `<p>:xrefs:`. Each set's members join the field of
 * its record and the set goes.
 */
const MOVE_SETS = new LuaScript(`
${CHUNKED_CALLS}
${XREF_ADDS}
local from = tonumber(ARGV[1]) + 1
for _, key in ipairs(KEYS) do
  local system, externalId = string.match(string.sub(key, from), '^([^:]*):(.*)$')
  if system then
    for _, id in ipairs(redis.call('smembers', key)) do add_xref(ARGV[2] .. system, externalId, id) end
    redis.call('del', key)
  end
end
flush_xrefs()
return 1
`);

export const XREFS_MOVED = 'xref-hashes';

/**
 * Which complaints name a record of another system (a LAPOR tracking id typed into a WhatsApp
 * record, the copy a forward created): one hash per system, externalId → complaint ids, so a
 * page's look-ups are one HMGET per system. The ledger scripts add to it with the write.
 * Sets of the layout before (one per record) move into the hashes once, on first read.
 */
export class CrossRefs {
  private readonly moved: LayoutMove;

  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {
    this.moved = new LayoutMove(redis, keys, {
      marker: XREFS_MOVED,
      oldPrefix: keys.crossRefs('', '').slice(0, -1),
      moveBatch: (found, length) => MOVE_SETS.run(redis, found, [length, keys.crossRefIndex('')]),
    });
  }

  /** The complaint ids that name each of these records of `system`, in the order asked. */
  async referencing(system: string, externalIds: readonly string[]): Promise<string[][]> {
    if (externalIds.length === 0) return [];
    await this.moved.done();
    const lists = await this.redis.hmget(this.keys.crossRefIndex(system), ...externalIds);
    return lists.map((list) => (list ? list.split(',') : []));
  }

  async add(system: string, externalId: string, complaintId: string): Promise<void> {
    await ADD_ONE.run(this.redis, [this.keys.crossRefIndex(system)], [externalId, complaintId]);
  }
}
