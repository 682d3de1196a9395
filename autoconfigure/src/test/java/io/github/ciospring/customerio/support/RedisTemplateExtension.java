package io.github.ciospring.customerio.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * A {@link TestRedis} and a reactive template on it for every test of a class: register it as a static
 * {@code @RegisterExtension} field.
 */
public final class RedisTemplateExtension implements BeforeAllCallback, AfterAllCallback {

	private TestRedis redis;

	private LettuceConnectionFactory connectionFactory;

	private ReactiveStringRedisTemplate template;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.redis = TestRedis.start();
		this.connectionFactory = this.redis.connectionFactory();
		this.template = new ReactiveStringRedisTemplate(this.connectionFactory);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.connectionFactory.destroy();
		this.redis.close();
	}

	/** The template, once the class's tests have started. */
	public ReactiveStringRedisTemplate template() {
		return this.template;
	}

}
