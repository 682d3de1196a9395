-- Says an instance is there, on Redis server time, so the others do not keep its fallback share free.
-- KEYS[1] when each instance was last seen: a sorted set of instance id -> microseconds of Redis server time
-- ARGV[1] this instance's id
-- ARGV[2] microseconds unseen after which an instance is taken as gone (the set expires after as long)
-- Returns 1.
if redis.replicate_commands then
	redis.replicate_commands()
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2]) / 1000) + 1000)
return 1
