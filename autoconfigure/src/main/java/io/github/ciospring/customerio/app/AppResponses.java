package io.github.ciospring.customerio.app;

import java.util.List;

/**
 * The envelopes the App API wraps its answers in; the client unwraps them.
 */
final class AppResponses {

	private AppResponses() {
	}

	record CustomerList(List<CustomerIdentifiers> results) {
	}

	record CustomerProfile(CustomerAttributes customer) {
	}

	record ExportList(List<Export> exports) {
	}

	record SingleExport(Export export) {
	}

}
