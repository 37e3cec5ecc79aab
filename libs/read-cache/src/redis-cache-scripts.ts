/**
 * The Lua side of {@link RedisCacheStore}: each step is one round trip, atomic against changes.
 * An entry is `<header JSON>\n<answer>`; the header holds its stamp (`s`), the keys of its marks
 * (`m`) and its ranges as `[axis key, from, to]` (`r`, sort keys as arrays of numbers). A mark's
 * key holds the sequence number that last moved it; an axis is a sorted set of
 * `<number>:<sort key, comma-separated>` scored by that number, with
 * `<axis>:floor`, the newest number among the points dropped to keep it small. An entry with more
 * points on an axis since its stamp than a lookup looks at is stale.
 */

const fresh = (pointsScanned: number) => `
local function compare(a, b)
  for i = 1, math.min(#a, #b) do
    if a[i] < b[i] then return -1 end
    if a[i] > b[i] then return 1 end
  end
  return 0
end
local function fresh(stamp, marks, ranges)
  if #marks > 0 then
    local moved = redis.call('MGET', unpack(marks))
    for i = 1, #moved do
      if moved[i] and tonumber(moved[i]) > stamp then return false end
    end
  end
  for i = 1, #ranges do
    local axis, from, to = ranges[i][1], ranges[i][2], ranges[i][3]
    local floor = redis.call('GET', axis .. ':floor')
    if floor and tonumber(floor) > stamp then return false end
    local points = redis.call('ZRANGEBYSCORE', axis, '(' .. stamp, '+inf', 'LIMIT', 0, ${pointsScanned + 1})
    if #points > ${pointsScanned} then return false end
    for j = 1, #points do
      local at = {}
      for part in string.gmatch(string.sub(points[j], string.find(points[j], ':', 1, true) + 1), '[^,]+') do at[#at + 1] = tonumber(part) end
      if compare(from, at) <= 0 and compare(at, to) <= 0 then return false end
    end
  end
  return true
end
`;

/** KEYS: sequence, entry, watched mark; ARGV: '1' for the header too. Returns the stamp, the watched mark's number and, when fresh, the answer (and its header). */
export const LOOKUP = (pointsScanned: number) => `${fresh(pointsScanned)}
local stamp = redis.call('GET', KEYS[1]) or '0'
local watched = redis.call('GET', KEYS[3]) or '0'
local entry = redis.call('GET', KEYS[2])
if not entry then return { stamp, watched } end
local newline = string.find(entry, '\\n', 1, true)
local header = string.sub(entry, 1, newline - 1)
local parsed = cjson.decode(header)
if not fresh(parsed.s, parsed.m, parsed.r) then return { stamp, watched } end
if ARGV[1] == '1' then return { stamp, watched, string.sub(entry, newline + 1), header } end
return { stamp, watched, string.sub(entry, newline + 1) }
`;

/** KEYS: entry. ARGV: time to live, header, answer. Stores nothing when a change already made it stale. */
export const STORE = (pointsScanned: number) => `${fresh(pointsScanned)}
local header = cjson.decode(ARGV[2])
if not fresh(header.s, header.m, header.r) then return 0 end
redis.call('SET', KEYS[1], ARGV[2] .. '\\n' .. ARGV[3], 'EX', ARGV[1])
return 1
`;

/**
 * KEYS: sequence. ARGV: how long changes are remembered, points kept per axis, the number of mark
 * keys, the number of points, the mark keys, pairs of axis key and point, then replacements as
 * entry key, time to live, header (its stamp first) and answer. Replacements that nothing moved
 * since their stamp are stored with the number this invalidation takes, which it returns.
 */
export const INVALIDATE = (pointsScanned: number) => `${fresh(pointsScanned)}
local remember, kept, marks, points = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local first = 5 + marks + 2 * points
local replacing = {}
for i = first, #ARGV - 3, 4 do
  local header = cjson.decode(ARGV[i + 2])
  if fresh(header.s, header.m, header.r) then replacing[#replacing + 1] = i end
end
local moved = redis.call('INCR', KEYS[1])
for i = 5, 4 + marks do redis.call('SET', ARGV[i], moved, 'EX', remember) end
local touched = {}
for i = 5 + marks, first - 2, 2 do
  redis.call('ZADD', ARGV[i], moved, moved .. ':' .. ARGV[i + 1])
  touched[ARGV[i]] = true
end
for _, i in ipairs(replacing) do
  local header = ARGV[i + 2]
  local restamped = '{"s":' .. moved .. string.sub(header, (string.find(header, ',', 1, true)))
  redis.call('SET', ARGV[i], restamped .. '\\n' .. ARGV[i + 3], 'EX', ARGV[i + 1])
end
for axis in pairs(touched) do
  redis.call('EXPIRE', axis, remember)
  local excess = redis.call('ZCARD', axis) - kept
  if excess > 0 then
    local dropped = redis.call('ZRANGE', axis, excess - 1, excess - 1, 'WITHSCORES')
    redis.call('SET', axis .. ':floor', dropped[2], 'EX', remember)
    redis.call('ZREMRANGEBYRANK', axis, 0, excess - 1)
  end
end
return moved
`;
