package io.github.ciospring.sample.web;

import java.util.Map;

import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.app.AppClient;
import io.github.ciospring.customerio.app.TransactionalEmail;
import io.github.ciospring.customerio.app.TransactionalResponse;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /emails}: sends a transactional email from a template through the App API. A send is retried only
 * when it surely did not arrive (Customer.io has no idempotency key for sends).
 */
@RestController
class EmailController {

	private final ObjectProvider<AppClient> app;

	EmailController(ObjectProvider<AppClient> app) {
		this.app = app;
	}

	@PostMapping("/emails")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<TransactionalResponse> send(@RequestBody EmailRequest request) {
		TransactionalEmail.Builder email = template(request.template());
		if (Person.hasText(request.to())) {
			email.to(request.to());
		}
		email.identifiers(Person.hasText(request.customerId()) ? PersonIdentifier.id(request.customerId())
				: PersonIdentifier.email(request.to()));
		if (request.messageData() != null) {
			email.messageData(request.messageData());
		}
		return this.app.getIfAvailable(() -> {
			throw new ApiNotConfiguredException("App", "customerio.app.api-key");
		}).sendEmail(email.build());
	}

	private static TransactionalEmail.Builder template(String template) {
		if (template != null && !template.isEmpty() && template.chars().allMatch(Character::isDigit)
				&& template.length() < 19) {
			return TransactionalEmail.template(Long.parseLong(template));
		}
		return TransactionalEmail.template(template);
	}

	/**
	 * A transactional email.
	 *
	 * @param template the transactional message's numeric id or trigger name
	 * @param to the recipient's address
	 * @param customerId the person the message is about, by id; else by the {@code to} address
	 * @param messageData values for the template's Liquid ({@code {{message_data.name}}})
	 */
	record EmailRequest(String template, String to, String customerId, Map<String, Object> messageData) {

	}

}
