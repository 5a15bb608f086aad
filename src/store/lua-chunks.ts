/**
 * Lua helpers for the scripts that read or write a page's worth of fields of one key: one
 * command per key, in slices of 1000 values, so that no call grows past what `unpack` and
 * Redis take comfortably. `chunked_read` returns the replies in one list, in order.
 */
export const CHUNKED_CALLS = `
local function chunked_read(cmd, key, fields)
  local out = {}
  for i = 1, #fields, 1000 do
    local part = redis.call(cmd, key, unpack(fields, i, math.min(i + 999, #fields)))
    for j = 1, #part do out[#out + 1] = part[j] end
  end
  return out
end
local function chunked_write(cmd, key, values)
  for i = 1, #values, 1000 do
    redis.call(cmd, key, unpack(values, i, math.min(i + 999, #values)))
  end
end
`;
