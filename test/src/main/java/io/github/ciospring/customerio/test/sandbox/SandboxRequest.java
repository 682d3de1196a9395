package io.github.ciospring.customerio.test.sandbox;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * One request as the sandbox's handlers see it: the endpoint's decoded path variables, the query and the body.
 *
 * @param pathVariables the endpoint's path variables, percent-decoded, in order
 * @param query the query parameters (first value of each)
 * @param body the request body, empty when there is none
 * @param baseUrl the sandbox's base URL, for answers that point back at it
 */
record SandboxRequest(List<String> pathVariables, Map<String, String> query, byte[] body, String baseUrl) {

	SandboxRequest {
		pathVariables = List.copyOf(pathVariables);
		query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
		body = (body != null) ? body : new byte[0];
	}

	/** The request to an endpoint, its path variables read with the endpoint's pattern. */
	static SandboxRequest of(SandboxEndpoint endpoint, String url, byte[] body, String baseUrl) {
		int queryStart = url.indexOf('?');
		String path = (queryStart >= 0) ? url.substring(0, queryStart) : url;
		List<String> variables = new ArrayList<>();
		Matcher matcher = endpoint.pathPattern().matcher(path);
		if (matcher.matches()) {
			for (int i = 1; i <= matcher.groupCount(); i++) {
				variables.add(percentDecode(matcher.group(i)));
			}
		}
		return new SandboxRequest(variables, (queryStart >= 0) ? parseQuery(url.substring(queryStart + 1)) : Map.of(),
				body, baseUrl);
	}

	String pathVariable(int index) {
		return this.pathVariables.get(index);
	}

	private static Map<String, String> parseQuery(String query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
			String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
			parameters.putIfAbsent(name, value);
		}
		return parameters;
	}

	/** Decodes {@code %XX} escapes of a path segment as UTF-8; unlike a query, {@code +} stays a plus. */
	static String percentDecode(String segment) {
		if (segment.indexOf('%') < 0) {
			return segment;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c == '%' && i + 2 < segment.length() && Character.digit(segment.charAt(i + 1), 16) >= 0
					&& Character.digit(segment.charAt(i + 2), 16) >= 0) {
				out.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else {
				out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

}
