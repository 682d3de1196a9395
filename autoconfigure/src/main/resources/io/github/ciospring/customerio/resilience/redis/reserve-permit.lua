-- GCRA on Redis server time: reserves the next slot of a limiter shared by every instance, one round trip per permit.
-- KEYS[1] theoretical arrival time (TAT) of the limiter, in microseconds of Redis server time
-- KEYS[2] pause-until time set after a 429, in microseconds of Redis server time (may be absent)
-- ARGV[1] emission interval in microseconds (1 / rate)
-- ARGV[2] burst: permits that may be taken at once after a quiet spell
-- ARGV[3] longest wait in microseconds the caller accepts; a slot further away is refused and not reserved
-- ARGV[4] permits wanted
-- KEYS[3] when each instance was last seen: a sorted set of instance id -> microseconds of Redis server time
-- ARGV[5] this instance's id
-- ARGV[6] the share of the rate an instance takes on its local fallback; 0: keep none free for absent instances
-- ARGV[7] microseconds unseen after which an instance may be on its fallback (it falls back after as long)
-- ARGV[8] microseconds unseen after which an instance is taken as gone, its share no longer kept free
-- Returns the wait in microseconds until the reserved slot, or -1 when refused.
if redis.replicate_commands then
	redis.replicate_commands()
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local max_wait = tonumber(ARGV[3])
local permits = tonumber(ARGV[4])
local share = tonumber(ARGV[6])
if share > 0 then
	-- instances unseen for a while may be on their fallback shares: those shares come out of the shared rate
	local absent_after = tonumber(ARGV[7])
	local hold = tonumber(ARGV[8])
	redis.call('ZADD', KEYS[3], now, ARGV[5])
	redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. string.format('%.0f', now - hold))
	local absent = redis.call('ZCOUNT', KEYS[3], string.format('%.0f', now - hold),
		'(' .. string.format('%.0f', now - absent_after))
	redis.call('PEXPIRE', KEYS[3], math.ceil(hold / 1000) + 1000)
	interval = interval / math.max(1 - absent * share, share)
end
local tat = tonumber(redis.call('GET', KEYS[1])) or now
local paused_until = tonumber(redis.call('GET', KEYS[2]))
if paused_until and paused_until > now then
	-- the first permit after the pause is granted when it ends, the next ones spaced at the rate
	tat = math.max(tat, paused_until + (burst - 1) * interval)
end
local next_tat = math.max(tat, now) + permits * interval
local wait = math.max(0, next_tat - burst * interval - now)
if wait > max_wait then
	return -1
end
redis.call('SET', KEYS[1], string.format('%.0f', next_tat), 'PX', math.ceil((next_tat - now) / 1000) + 1000)
return wait
