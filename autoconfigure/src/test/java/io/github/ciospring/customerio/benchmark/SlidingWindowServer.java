package io.github.ciospring.customerio.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Customer.io's Track API as the rate limit sees it: every request is counted on arrival in a sliding
 * one-second window, and answered 429 (without {@code Retry-After}, as Customer.io documents none) when the requests
 * accepted in the last second, the other sender's included, have reached the capacity; else 200 with an empty body.
 * <p>
 * "Another sender" sharing the workspace is simulated as arrivals spaced evenly at a given rate that count against
 * the capacity but not in the figures.
 */
final class SlidingWindowServer implements AutoCloseable {

	private static final long SECOND = 1_000_000_000L;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(32);

	private final int capacity;

	/** Arrival times (nanoTime) of every request of ours, accepted or not. */
	private final List<Long> arrivals = new ArrayList<>();

	/** Arrival times of the requests answered 429. */
	private final List<Long> rejected = new ArrayList<>();

	/** Accepted requests in the last second, ours and the other sender's. */
	private final Deque<Long> window = new ArrayDeque<>();

	private double otherRate;

	private long otherNext;

	SlidingWindowServer(int capacity) {
		this.capacity = capacity;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Another sender starts (rate > 0) or stops (0) taking part of the capacity, from now on. */
	synchronized void otherSender(double rate) {
		this.otherRate = rate;
		this.otherNext = System.nanoTime();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			body.readAllBytes();
		}
		boolean accepted = arrive(System.nanoTime());
		exchange.sendResponseHeaders(accepted ? 200 : 429, -1);
		exchange.close();
	}

	private synchronized boolean arrive(long now) {
		if (this.otherRate > 0) {
			long spacing = (long) (SECOND / this.otherRate);
			for (; this.otherNext <= now; this.otherNext += spacing) {
				this.window.addLast(this.otherNext);
			}
		}
		while (!this.window.isEmpty() && this.window.peekFirst() <= now - SECOND) {
			this.window.removeFirst();
		}
		this.arrivals.add(now);
		if (this.window.size() >= this.capacity) {
			this.rejected.add(now);
			return false;
		}
		this.window.addLast(now);
		return true;
	}

	/** What the server saw of our requests so far. */
	synchronized Figures figures() {
		return new Figures(this.arrivals.stream().mapToLong(Long::longValue).toArray(),
				this.rejected.stream().mapToLong(Long::longValue).toArray());
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/** Arrivals as the server counted them. */
	record Figures(long[] arrivals, long[] rejected) {

		Figures {
			arrivals = arrivals.clone();
			Arrays.sort(arrivals);
		}

		long start() {
			return (this.arrivals.length > 0) ? this.arrivals[0] : 0;
		}

		/** Requests in each window [t, t + 1 s] starting at an arrival at or after {@code from} (nanoTime). */
		int[] windowsFrom(long from) {
			int[] counts = new int[this.arrivals.length];
			int n = 0;
			int end = 0;
			for (int begin = 0; begin < this.arrivals.length; begin++) {
				while (end < this.arrivals.length && this.arrivals[end] - this.arrivals[begin] <= SECOND) {
					end++;
				}
				if (this.arrivals[begin] >= from) {
					counts[n++] = end - begin;
				}
			}
			return Arrays.copyOf(counts, n);
		}

		static int max(int[] counts) {
			return Arrays.stream(counts).max().orElse(0);
		}

		static int percentile(int[] counts, double p) {
			if (counts.length == 0) {
				return 0;
			}
			int[] sorted = counts.clone();
			Arrays.sort(sorted);
			return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
		}

		/** Accepted requests per second between the first and the last arrival. */
		double acceptedRate() {
			if (this.arrivals.length < 2) {
				return 0;
			}
			double seconds = (double) (this.arrivals[this.arrivals.length - 1] - this.arrivals[0]) / SECOND;
			return (this.arrivals.length - this.rejected.length) / seconds;
		}

		/** Accepted requests in [from, from + 1 s]. */
		int acceptedIn(long from) {
			int count = 0;
			for (long arrival : this.arrivals) {
				if (arrival >= from && arrival <= from + SECOND) {
					count++;
				}
			}
			for (long refused : this.rejected) {
				if (refused >= from && refused <= from + SECOND) {
					count--;
				}
			}
			return count;
		}

		/** Seconds from the first arrival to the start of the (first) largest window. */
		double largestWindowAt() {
			int[] all = windowsFrom(start());
			int largest = max(all);
			for (int i = 0; i < all.length; i++) {
				if (all[i] == largest) {
					return (double) (this.arrivals[i] - start()) / SECOND;
				}
			}
			return 0;
		}

		/** The one-line summary every case prints. */
		String summary() {
			int[] all = windowsFrom(start());
			int[] after2s = windowsFrom(start() + 2 * SECOND);
			return String.format(
					"%d requests, largest 1 s window %d at %.1f s (after the first 2 s: %d, p99 %d), %d x 429 "
							+ "(%.2f%%), %.2f/s accepted",
					this.arrivals.length, max(all), largestWindowAt(), max(after2s), percentile(after2s, 0.99),
					this.rejected.length, 100.0 * this.rejected.length / Math.max(1, this.arrivals.length),
					acceptedRate());
		}

	}

}
