package io.github.ciospring.customerio.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AppLimitsTests {

	@Test
	void commaSeparatedAddressesAreCountedOneEach() {
		assertThat(AppLimits.countAddresses("a@example.com, b@example.com,c@example.com")).isEqualTo(3);
	}

	@Test
	void commaInsideAQuotedDisplayNameDoesNotSeparateAddresses() {
		assertThat(AppLimits.countAddresses("\"Doe, Jane\" <jane@example.com>, john@example.com")).isEqualTo(2);
	}

	@Test
	void emptyEntriesBetweenCommasAreNotAddresses() {
		assertThat(AppLimits.countAddresses("a@example.com,, ,b@example.com,")).isEqualTo(2);
	}

	@Test
	void noListHoldsNoAddress() {
		assertThat(AppLimits.countAddresses(null)).isZero();
	}

}
