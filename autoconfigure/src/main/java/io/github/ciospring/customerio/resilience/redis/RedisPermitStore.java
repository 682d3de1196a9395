package io.github.ciospring.customerio.resilience.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Redis side of one shared limiter: two keys in one hash slot, {@code <prefix>:{<workspace>:<api>}:tat} (the
 * GCRA theoretical arrival time) and {@code ...:pause} (the pause-until time after a 429), both in microseconds of
 * Redis server time, both expiring when idle. Each call is one Lua script, one round trip.
 */
public final class RedisPermitStore {

	private static final RedisScript<Long> RESERVE = RedisScript
		.of(new ClassPathResource("reserve-permit.lua", RedisPermitStore.class), Long.class);

	private static final RedisScript<Long> PAUSE = RedisScript
		.of(new ClassPathResource("pause.lua", RedisPermitStore.class), Long.class);

	private static final RedisScript<String> EPOCH = RedisScript
		.of(new ClassPathResource("epoch.lua", RedisPermitStore.class), String.class);

	private static final RedisScript<Long> PRESENCE = RedisScript
		.of(new ClassPathResource("presence.lua", RedisPermitStore.class), Long.class);

	/** A wait no caller accepts: spending permits is never refused. */
	private static final long UNBOUNDED_WAIT_MICROS = 1_000_000_000_000L;

	private final ReactiveStringRedisTemplate redis;

	private final List<String> reserveKeys;

	private final List<String> pauseKeys;

	private final List<String> epochKeys;

	private final List<String> instancesKeys;

	private final InstancePresence presence;

	/**
	 * A store that keeps no share of the rate free for instances that stopped answering.
	 * @param redis the application's Redis
	 * @param keyPrefix prefix of both keys, for example {@code customerio:ratelimit}
	 * @param workspace names the workspace; never a raw credential
	 * @param api the API, for example {@code track}
	 */
	public RedisPermitStore(ReactiveStringRedisTemplate redis, String keyPrefix, String workspace, String api) {
		this(redis, keyPrefix, workspace, api, InstancePresence.untracked());
	}

	/**
	 * @param redis the application's Redis
	 * @param keyPrefix prefix of the keys, for example {@code customerio:ratelimit}
	 * @param workspace names the workspace; never a raw credential
	 * @param api the API, for example {@code track}
	 * @param presence this instance's id, and the share of the rate kept free for each instance unseen for a while
	 */
	public RedisPermitStore(ReactiveStringRedisTemplate redis, String keyPrefix, String workspace, String api,
			InstancePresence presence) {
		this.redis = redis;
		String base = keyPrefix + ":{" + workspace + ":" + api + "}";
		this.reserveKeys = List.of(base + ":tat", base + ":pause", base + ":instances");
		this.pauseKeys = List.of(base + ":pause");
		this.epochKeys = List.of(base + ":epoch");
		this.instancesKeys = List.of(base + ":instances");
		this.presence = presence;
	}

	/** The key holding the limiter's theoretical arrival time. */
	public String tatKey() {
		return this.reserveKeys.get(0);
	}

	/** The key holding the pause-until time. */
	public String pauseKey() {
		return this.pauseKeys.get(0);
	}

	/**
	 * Reserves the next slot.
	 * @param intervalMicros one permit every so many microseconds
	 * @param burst how many permits may be taken at once after a quiet spell
	 * @param maxWaitMicros a slot further away than this is refused, and not reserved
	 * @param permits how many permits
	 * @return the wait in microseconds until the slot, or -1 when refused
	 */
	public Mono<Long> reserve(long intervalMicros, int burst, long maxWaitMicros, int permits) {
		return this.redis.execute(RESERVE, this.reserveKeys, List.of(Long.toString(intervalMicros),
				Integer.toString(burst), Long.toString(maxWaitMicros), Integer.toString(permits),
				this.presence.instanceId(), Double.toString(this.presence.fallbackShare()),
				Long.toString(micros(this.presence.absentAfter())), Long.toString(micros(this.presence.hold()))))
			.next();
	}

	/** This instance's id, and the share of the rate kept free for each instance unseen for a while. */
	public InstancePresence presence() {
		return this.presence;
	}

	/** The key holding when each instance was last seen. */
	public String instancesKey() {
		return this.instancesKeys.get(0);
	}

	/**
	 * Says this instance is there, so that the others do not keep its fallback share free while it takes no permits.
	 * @return completes when Redis has it
	 */
	public Mono<Void> present() {
		return this.redis
			.execute(PRESENCE, this.instancesKeys,
					List.of(this.presence.instanceId(), Long.toString(micros(this.presence.hold()))))
			.then();
	}

	/**
	 * Says this instance is gone (it shuts down), so that the others take its share of the rate at once.
	 * @return completes when Redis has it
	 */
	public Mono<Void> leave() {
		return this.redis.opsForZSet().remove(instancesKey(), this.presence.instanceId()).then();
	}

	private static long micros(Duration duration) {
		return duration.toNanos() / 1_000;
	}

	/**
	 * Pauses every instance's callers.
	 * @param pauseMicros how long from now
	 * @return the pause still to run, in microseconds
	 */
	public Mono<Long> pause(long pauseMicros) {
		return this.redis.execute(PAUSE, this.pauseKeys, List.of(Long.toString(pauseMicros))).next();
	}

	/**
	 * Spends permits already used elsewhere (on the local fallback) against the shared budget: the slots are taken
	 * as {@link #reserve} would, but never refused.
	 * @param intervalMicros one permit every so many microseconds
	 * @param permits how many permits
	 * @return how far ahead, in microseconds, the shared slots are now taken
	 */
	public Mono<Long> spend(long intervalMicros, int permits) {
		return reserve(intervalMicros, 1, UNBOUNDED_WAIT_MICROS, permits);
	}

	/**
	 * The epoch of the limiter's state in Redis: set by the first instance that asks, the same for everyone until
	 * Redis loses its keys (a restart without persistence, a flush, a failover to an empty replica).
	 * @param candidate the epoch to set when none is there
	 * @return the epoch
	 */
	public Mono<String> epoch(String candidate) {
		return this.redis.execute(EPOCH, this.epochKeys, List.of(candidate)).next();
	}

	/**
	 * Opens the connection and loads the limiter's scripts into Redis's script cache, so that the first permit is
	 * one short round trip rather than a connection, a cache miss and a script upload.
	 * @return completes when Redis has every script
	 */
	public Mono<Void> warmUp() {
		return Flux.just(RESERVE, PAUSE, EPOCH, PRESENCE)
			.concatMap((script) -> this.redis.execute((connection) -> connection.scriptingCommands()
				.scriptLoad(ByteBuffer.wrap(script.getScriptAsString().getBytes(StandardCharsets.UTF_8)))))
			.then();
	}

	/** Whether Redis answers. */
	public Mono<Boolean> ping() {
		return this.redis.execute((connection) -> connection.ping()).next().map("PONG"::equalsIgnoreCase);
	}

}
