package io.github.ciospring.customerio.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP forward proxy for tests: it answers {@code CONNECT host:port} and then relays bytes both ways, as a
 * corporate egress proxy does. Host names are resolved only through its routes, so a test can use a host that does
 * not resolve anywhere else (say {@code track.customerio.invalid}): only a call that really went through the proxy
 * can reach the server behind it. With credentials set it answers {@code 407} to a {@code CONNECT} without the
 * matching {@code Proxy-Authorization}.
 */
public final class ForwardProxy implements AutoCloseable {

	private final ServerSocket server;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "forward-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, InetSocketAddress> routes = new ConcurrentHashMap<>();

	private final String expectedAuthorization;

	private final AtomicInteger tunnels = new AtomicInteger();

	private final AtomicInteger refused = new AtomicInteger();

	private final List<String> connectTargets = new CopyOnWriteArrayList<>();

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private ForwardProxy(String username, String password) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.expectedAuthorization = (username != null) ? "Basic " + Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)) : null;
		this.threads.execute(this::accept);
	}

	/** A proxy that needs no authentication. */
	public static ForwardProxy open() throws IOException {
		return new ForwardProxy(null, null);
	}

	/** A proxy that answers 407 unless {@code CONNECT} carries Basic credentials of this user. */
	public static ForwardProxy withBasicAuth(String username, String password) throws IOException {
		return new ForwardProxy(username, password);
	}

	/** Sends tunnels for {@code host:port} to the given local port. */
	public ForwardProxy route(String host, int port, int localPort) {
		this.routes.put(key(host, port), new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort));
		return this;
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Tunnels opened (each may carry many requests). */
	public int tunnels() {
		return this.tunnels.get();
	}

	/** {@code CONNECT}s answered 407. */
	public int refused() {
		return this.refused.get();
	}

	/** Every {@code CONNECT} target asked for, in order. */
	public List<String> connectTargets() {
		return List.copyOf(this.connectTargets);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.open.add(client);
				this.threads.execute(() -> serve(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try {
			InputStream in = client.getInputStream();
			OutputStream out = client.getOutputStream();
			List<String> head = readHead(in);
			if (head.isEmpty()) {
				client.close();
				return;
			}
			String[] requestLine = head.get(0).split(" ");
			if (requestLine.length < 2 || !"CONNECT".equalsIgnoreCase(requestLine[0])) {
				respond(out, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
				client.close();
				return;
			}
			String target = requestLine[1].toLowerCase(Locale.ROOT);
			this.connectTargets.add(target);
			if (this.expectedAuthorization != null && !this.expectedAuthorization.equals(header(head, "proxy-authorization"))) {
				this.refused.incrementAndGet();
				respond(out, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
						+ "Content-Length: 0\r\nConnection: close\r\n\r\n");
				client.close();
				return;
			}
			InetSocketAddress route = this.routes.get(target);
			if (route == null) {
				respond(out, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
				client.close();
				return;
			}
			Socket upstream = new Socket(route.getAddress(), route.getPort());
			this.open.add(upstream);
			this.tunnels.incrementAndGet();
			respond(out, "HTTP/1.1 200 Connection established\r\n\r\n");
			this.threads.execute(() -> relay(upstream, client));
			relay(client, upstream);
		}
		catch (IOException ex) {
			closeQuietly(client);
		}
	}

	private static List<String> readHead(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		List<String> lines = new CopyOnWriteArrayList<>();
		int previous = -1;
		int current;
		while ((current = in.read()) != -1) {
			if (previous == '\r' && current == '\n') {
				byte[] bytes = line.toByteArray();
				String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
				if (text.isEmpty()) {
					return lines;
				}
				lines.add(text);
				line.reset();
				previous = -1;
				continue;
			}
			line.write(current);
			previous = current;
		}
		return lines;
	}

	private static String header(List<String> head, String name) {
		for (String line : head.subList(1, head.size())) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
				return line.substring(colon + 1).trim();
			}
		}
		return null;
	}

	private static void respond(OutputStream out, String response) throws IOException {
		out.write(response.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	private static void relay(Socket from, Socket to) {
		byte[] buffer = new byte[8192];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// the other side closed
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private static String key(String host, int port) {
		return host.toLowerCase(Locale.ROOT) + ":" + port;
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.open.forEach(ForwardProxy::closeQuietly);
		this.threads.shutdownNow();
	}

}
