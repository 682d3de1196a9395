package io.github.ciospring.sample.web;

import java.util.List;
import java.util.Map;

import io.github.ciospring.customerio.ObjectIdentifier;
import io.github.ciospring.customerio.delivery.TrackDeliveryQueue;
import io.github.ciospring.customerio.track.ObjectOperation;
import io.github.ciospring.customerio.track.TrackOperation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /accounts}: creates or updates a company account (a Customer.io object of type {@code 1}) and relates
 * a person to it, with the person's role as a relationship attribute, in one object operation through the
 * high-volume path (202 at once, delivered in a {@code /api/v2/batch} request).
 */
@RestController
class AccountController {

	/** The object type id of accounts in the workspace: the first object type created is {@code 1}. */
	static final String ACCOUNT_TYPE_ID = "1";

	private final ObjectProvider<TrackDeliveryQueue> queue;

	AccountController(ObjectProvider<TrackDeliveryQueue> queue) {
		this.queue = queue;
	}

	@PostMapping("/accounts")
	@ResponseStatus(HttpStatus.ACCEPTED)
	AccountResponse upsert(@RequestBody AccountRequest request) {
		ObjectOperation.Builder account = ObjectOperation.identify(ObjectIdentifier.of(ACCOUNT_TYPE_ID, request.id()))
			.attributes((request.attributes() != null) ? request.attributes() : Map.of());
		if (Person.hasText(request.name())) {
			account.attribute("name", request.name());
		}
		List<Member> members = (request.members() != null) ? request.members() : List.of();
		for (Member member : members) {
			account.relatedPerson(Person.of(member.id(), member.email()),
					Person.hasText(member.role()) ? Map.of("role", member.role()) : Map.of());
		}
		TrackOperation operation = account.build();
		this.queue.getIfAvailable(() -> {
			throw new ApiNotConfiguredException("Track", "customerio.track.site-id and api-key");
		}).offer(operation);
		return new AccountResponse(request.id(), members.size());
	}

	/**
	 * An account and the people in it.
	 *
	 * @param id the account's id, for example {@code acme}
	 * @param name the account's name
	 * @param attributes more attributes of the account
	 * @param members the people to relate to the account
	 */
	record AccountRequest(String id, String name, Map<String, Object> attributes, List<Member> members) {

	}

	/**
	 * A person in an account.
	 *
	 * @param id the person's id (or leave it out and give {@code email})
	 * @param email the person's email address
	 * @param role the person's role in the account, kept on the relationship
	 */
	record Member(String id, String email, String role) {

	}

	/**
	 * @param id the account's id
	 * @param relationships how many people were related to it
	 */
	record AccountResponse(String id, int relationships) {

	}

}
