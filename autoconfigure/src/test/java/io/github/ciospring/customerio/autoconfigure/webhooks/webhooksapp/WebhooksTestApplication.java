package io.github.ciospring.customerio.autoconfigure.webhooks.webhooksapp;

import io.github.ciospring.customerio.autoconfigure.webhooks.RecordingWebhookListener;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * A tiny WebFlux application with the starter's auto-configuration and a recording webhook listener, for tests
 * against the real reporting webhook endpoint. Alone in its package so its component scan picks up nothing else.
 */
@SpringBootApplication
@Import(RecordingWebhookListener.class)
public class WebhooksTestApplication {

}
