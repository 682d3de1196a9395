package io.github.ciospring.customerio.test.example;

import java.time.Duration;
import java.util.Map;

import io.github.ciospring.customerio.test.AutoConfigureCustomerIoSandbox;
import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.customerio.test.sandbox.RecordedEvent;
import io.github.ciospring.customerio.test.sandbox.SandboxApi;
import io.github.ciospring.customerio.track.Event;
import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureCustomerIoSandbox
class SignupTests {

	@Autowired
	SignupService signups;

	@Autowired
	CustomerIoSandbox customerIo;

	@Test
	void signingUpIdentifiesThePersonAndTracksTheEvent() {
		this.signups.signUp("42", "ada@example.com", "pro");

		assertThat(this.customerIo.person("42")).hasValueSatisfying((person) -> {
			assertThat(person.email()).isEqualTo("ada@example.com");
			assertThat(person.attribute("plan")).isEqualTo("pro");
		});
		assertThat(this.customerIo.events("42")).singleElement().satisfies((event) -> {
			assertThat(event.name()).isEqualTo("signed_up");
			assertThat(event.data()).containsEntry("plan", "pro");
			assertThat(event.id()).isNotBlank();
		});
	}

	@Test
	void aRateLimitedSignupIsRetriedAfterRetryAfter() {
		this.customerIo.faults().failNext(SandboxApi.TRACK, 1, 429, Duration.ofSeconds(1));

		this.signups.signUp("43", "grace@example.com", "free");

		assertThat(this.customerIo.stats(SandboxApi.TRACK).rateLimited()).isEqualTo(1);
		assertThat(this.customerIo.person("43")).isPresent();
		assertThat(this.customerIo.events("43")).extracting(RecordedEvent::name).containsExactly("signed_up");
	}

	/** Stands for your application and its code under test. */
	@SpringBootApplication
	static class Application {

		@Bean
		SignupService signupService(TrackClient track) {
			return new SignupService(track);
		}

	}

	/** Tells Customer.io about each signup. */
	static class SignupService {

		private final TrackClient track;

		SignupService(TrackClient track) {
			this.track = track;
		}

		void signUp(String id, String email, String plan) {
			this.track.identify(Identify.person(id).email(email).attribute("plan", plan).build())
				.then(this.track.track(Event.of(id, "signed_up", Map.of("plan", plan))))
				.block();
		}

	}

}
