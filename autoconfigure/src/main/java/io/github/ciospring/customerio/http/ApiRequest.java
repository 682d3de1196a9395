package io.github.ciospring.customerio.http;

import java.util.Map;

import org.springframework.http.HttpMethod;

/**
 * One Customer.io call, described by the client that makes it.
 *
 * @param operation the operation name used in metrics and errors, for example {@code identify}
 * @param method the HTTP method
 * @param uriTemplate the path (and query) as a URI template, for example
 * {@code /api/v1/customers/{identifier}}; metrics and traces see only the template, never the values
 * @param uriVariables the template's values, each encoded as a single path segment or query value
 * @param body the JSON body, already serialized, or {@code null}
 * @param responseType the type the response body is read as; {@link Void} to discard it
 * @param <T> the response type
 */
public record ApiRequest<T>(String operation, HttpMethod method, String uriTemplate, Map<String, ?> uriVariables,
		byte[] body, Class<T> responseType) {

	public ApiRequest {
		uriVariables = Map.copyOf(uriVariables);
	}

	public static ApiRequest<Void> withoutResponse(String operation, HttpMethod method, String uriTemplate,
			Map<String, ?> uriVariables, byte[] body) {
		return new ApiRequest<>(operation, method, uriTemplate, uriVariables, body, Void.class);
	}

	@Override
	public String toString() {
		return "ApiRequest[" + this.operation + " " + this.method + " " + this.uriTemplate + "]";
	}

}
