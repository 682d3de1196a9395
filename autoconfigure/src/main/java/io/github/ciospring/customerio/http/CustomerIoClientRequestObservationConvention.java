package io.github.ciospring.customerio.http;

import java.net.URI;

import io.micrometer.common.KeyValue;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;

/**
 * Spring's {@code http.client.requests} convention, except that the high-cardinality {@code http.url} (seen by
 * tracing) is the host plus the URI template instead of the expanded URL, so spans never carry a customer
 * identifier or an email address from a Customer.io path. The low-cardinality key values are Spring's own
 * ({@code uri} is already the template).
 */
public class CustomerIoClientRequestObservationConvention extends DefaultClientRequestObservationConvention {

	@Override
	protected KeyValue httpUrl(ClientRequestObservationContext context) {
		String template = context.getUriTemplate();
		ClientRequest request = context.getRequest();
		if (template == null || request == null) {
			return super.httpUrl(context);
		}
		URI url = request.url();
		String path = template.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://[^/]*", "");
		String port = (url.getPort() != -1) ? ":" + url.getPort() : "";
		return KeyValue.of("http.url", url.getScheme() + "://" + url.getHost() + port + path);
	}

}
