-- Holds every instance's callers back: sets the pause-until time that reserve-permit.lua honours, on Redis server
-- time. Pauses do not add up: the later end wins.
-- KEYS[1] pause-until time, in microseconds of Redis server time
-- ARGV[1] pause in microseconds from now
-- Returns the pause still to run, in microseconds.
if redis.replicate_commands then
	redis.replicate_commands()
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local paused_until = math.max(tonumber(redis.call('GET', KEYS[1])) or 0, now + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], string.format('%.0f', paused_until), 'PX', math.ceil((paused_until - now) / 1000) + 1000)
return paused_until - now
