package io.github.ciospring.customerio.autoconfigure.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;

import io.github.ciospring.customerio.webhooks.ReportingEventParser;
import io.github.ciospring.customerio.webhooks.WebhookSignature;
import io.github.ciospring.customerio.webhooks.WebhookVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.BodyExtractors;

/**
 * Customer.io reporting webhooks: when {@code customerio.webhooks.signing-key} is set, an endpoint at
 * {@code customerio.webhooks.path} (WebFlux or Spring MVC, whichever the application runs) verifies each request's
 * signature and timestamp and publishes the event ({@code io.github.ciospring.customerio.webhooks.ReportingEvent})
 * to the application's listeners. 401 for a request that fails verification, 500 when a listener throws.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnProperty(prefix = "customerio.webhooks", name = "signing-key")
@EnableConfigurationProperties(CustomerIoWebhooksProperties.class)
public final class CustomerIoWebhooksAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WebhookVerifier customerIoWebhookVerifier(CustomerIoWebhooksProperties properties) {
		return new WebhookVerifier(properties.signingKeys(), properties.tolerance(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ReportingEventParser customerIoReportingEventParser() {
		return new ReportingEventParser();
	}

	@Bean
	@ConditionalOnMissingBean
	CustomerIoWebhookReceiver customerIoWebhookReceiver(WebhookVerifier verifier, ReportingEventParser parser,
			ApplicationEventPublisher publisher, ObjectProvider<MeterRegistry> meterRegistry) {
		return new CustomerIoWebhookReceiver(verifier, parser, publisher, meterRegistry.getIfAvailable());
	}

	/**
	 * The WebFlux endpoint. The body is gathered without blocking; verification and the listeners run on
	 * Reactor's bounded elastic scheduler, never on the event loop, so a blocking listener does not stall it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(org.springframework.web.reactive.function.server.RouterFunction.class)
	static class ReactiveEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "customerIoWebhooksRoute")
		org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> customerIoWebhooksRoute(
				CustomerIoWebhooksProperties properties, CustomerIoWebhookReceiver receiver) {
			int maxBytes = (int) properties.maxBodySize().toBytes();
			return org.springframework.web.reactive.function.server.RouterFunctions.route()
				.POST(properties.path(), (request) -> DataBufferUtils
					.join(request.body(BodyExtractors.toDataBuffers()), maxBytes)
					.map(CustomerIoWebhooksAutoConfiguration::bytes)
					.defaultIfEmpty(new byte[0])
					.publishOn(Schedulers.boundedElastic())
					.map((body) -> receiver.receive(
							request.headers().firstHeader(WebhookSignature.TIMESTAMP_HEADER),
							request.headers().firstHeader(WebhookSignature.SIGNATURE_HEADER), body))
					.onErrorResume(DataBufferLimitException.class, (ex) -> Mono.just(HttpStatus.PAYLOAD_TOO_LARGE))
					.flatMap((status) -> org.springframework.web.reactive.function.server.ServerResponse.status(status)
						.build()))
				.build();
		}

	}

	/** The Spring MVC endpoint: verification and the listeners run on the request's thread. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(org.springframework.web.servlet.function.RouterFunction.class)
	static class ServletEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "customerIoWebhooksServletRoute")
		org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> customerIoWebhooksServletRoute(
				CustomerIoWebhooksProperties properties, CustomerIoWebhookReceiver receiver) {
			int maxBytes = (int) properties.maxBodySize().toBytes();
			return org.springframework.web.servlet.function.RouterFunctions.route()
				.POST(properties.path(), (request) -> {
					byte[] body;
					try (InputStream in = request.servletRequest().getInputStream()) {
						body = in.readNBytes(maxBytes + 1);
					}
					catch (IOException ex) {
						return org.springframework.web.servlet.function.ServerResponse.badRequest().build();
					}
					if (body.length > maxBytes) {
						return org.springframework.web.servlet.function.ServerResponse
							.status(HttpStatus.PAYLOAD_TOO_LARGE)
							.build();
					}
					HttpStatus status = receiver.receive(
							request.headers().firstHeader(WebhookSignature.TIMESTAMP_HEADER),
							request.headers().firstHeader(WebhookSignature.SIGNATURE_HEADER), body);
					return org.springframework.web.servlet.function.ServerResponse.status(status).build();
				})
				.build();
		}

	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
