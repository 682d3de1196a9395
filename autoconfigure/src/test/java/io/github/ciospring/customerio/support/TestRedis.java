package io.github.ciospring.customerio.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import redis.embedded.RedisServer;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A real Redis on 127.0.0.1 and a random port for tests: a {@code redis} container when Docker runs, else the
 * Redis binary shipped in {@code com.github.codemonstur:embedded-redis}, so the tests need nothing installed by hand.
 * Force one with {@code -Dcustomerio.test.redis=container|embedded}. It can be stopped and started again on the same
 * port, to test what clients do while Redis is down.
 */
public final class TestRedis implements AutoCloseable {

	private static final String IMAGE = "redis:7-alpine";

	private final int port;

	private final GenericContainer<?> container;

	private RedisServer embedded;

	private TestRedis(int port, GenericContainer<?> container) {
		this.port = port;
		this.container = container;
	}

	/** Starts a Redis: a container when Docker is available, else the embedded binary. */
	public static TestRedis start() {
		String forced = System.getProperty("customerio.test.redis", "");
		boolean container = forced.equals("container")
				|| (!forced.equals("embedded") && DockerClientFactory.instance().isDockerAvailable());
		int port = freePort();
		TestRedis redis;
		if (container) {
			GenericContainer<?> redisContainer = new GenericContainer<>(IMAGE).withExposedPorts(6379);
			// a fixed host port, so that a stopped container comes back where clients look for it
			redisContainer.setPortBindings(List.of("127.0.0.1:" + port + ":6379"));
			redis = new TestRedis(port, redisContainer);
		}
		else {
			redis = new TestRedis(port, null);
		}
		redis.startServer();
		return redis;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
	}

	public String host() {
		return "127.0.0.1";
	}

	public int port() {
		return this.port;
	}

	/** Whether this Redis runs in a container (else it is the embedded binary). */
	public boolean isContainer() {
		return this.container != null;
	}

	/** A started Lettuce connection factory to this Redis, with Spring Data Redis's defaults. */
	public LettuceConnectionFactory connectionFactory() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(host(), this.port));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/** Kills the server; clients see it as down. */
	public void stopServer() {
		if (this.container != null) {
			this.container.getDockerClient().stopContainerCmd(this.container.getContainerId()).exec();
		}
		else {
			try {
				this.embedded.stop();
			}
			catch (IOException failure) {
				throw new UncheckedIOException(failure);
			}
		}
	}

	/** Starts the server, again after {@link #stopServer()}, on the same port. */
	public void startServer() {
		if (this.container != null) {
			if (this.container.getContainerId() == null) {
				this.container.start();
			}
			else {
				this.container.getDockerClient().startContainerCmd(this.container.getContainerId()).exec();
			}
		}
		else {
			try {
				this.embedded = RedisServer.newRedisServer()
					.bind("127.0.0.1")
					.port(this.port)
					.setting("save \"\"")
					.setting("appendonly no")
					.build();
				this.embedded.start();
			}
			catch (IOException failure) {
				throw new UncheckedIOException(failure);
			}
		}
		awaitPong(Duration.ofSeconds(30));
	}

	private void awaitPong(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(host(), this.port), 500);
				socket.setSoTimeout(500);
				OutputStream out = socket.getOutputStream();
				out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = socket.getInputStream();
				byte[] answer = in.readNBytes(7);
				if (new String(answer, StandardCharsets.US_ASCII).startsWith("+PONG")) {
					return;
				}
			}
			catch (IOException notYet) {
				// not up yet
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Redis did not answer on port " + this.port + " within " + timeout);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(interrupted);
			}
		}
	}

	@Override
	public void close() {
		if (this.container != null) {
			this.container.stop();
		}
		else if (this.embedded != null && this.embedded.isActive()) {
			stopServer();
		}
	}

}
