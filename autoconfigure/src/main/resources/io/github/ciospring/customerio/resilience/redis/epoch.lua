-- Names the state Redis holds for a limiter: the first instance to ask sets it, the others read it. A Redis that
-- restarted or lost its keys answers with a new epoch, so an instance coming back from its fallback can tell a
-- Redis that everyone lost (the fleet was on its fallback shares together) from one only it could not reach.
-- KEYS[1] the epoch key
-- ARGV[1] the epoch to set when none is there
-- Returns the epoch. The key expires after a day without a question.
redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', 86400000)
redis.call('PEXPIRE', KEYS[1], 86400000)
return redis.call('GET', KEYS[1])
