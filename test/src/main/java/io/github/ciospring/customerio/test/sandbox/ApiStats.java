package io.github.ciospring.customerio.test.sandbox;

/**
 * What the sandbox saw of one API since it started (or since its statistics were last reset). The arrival
 * times are read with {@link CustomerIoSandbox#requestTimes(SandboxApi)}.
 *
 * @param api the API
 * @param requests every request that reached one of the API's endpoints
 * @param accepted requests answered 2xx (a 207 batch included)
 * @param unauthorized requests answered 401 (missing or wrong credentials)
 * @param invalid requests answered 400 (malformed, or over a documented size limit)
 * @param rateLimited requests answered 429 (over a sliding-window limit)
 * @param notFound requests answered 404 (an unknown person or export)
 * @param acceptedItems operations accepted: 1 per accepted single call, the accepted items of a batch
 * @param rejectedItems items of a batch rejected in a 207 answer
 * @param droppedItems oversize Data Pipelines items answered 200 but dropped, as Customer.io does
 * @param eventIds accepted items that carried an event id ({@code id}, or {@code messageId} in Data Pipelines)
 * @param duplicateEventIds accepted items whose event id had been seen before (Customer.io would drop them)
 */
public record ApiStats(SandboxApi api, long requests, long accepted, long unauthorized, long invalid,
		long rateLimited, long notFound, long acceptedItems, long rejectedItems, long droppedItems, long eventIds,
		long duplicateEventIds) {

	@Override
	public String toString() {
		return this.api + ": requests=" + this.requests + ", accepted=" + this.accepted + ", 401=" + this.unauthorized
				+ ", 400=" + this.invalid + ", 429=" + this.rateLimited + ", 404=" + this.notFound + ", items="
				+ this.acceptedItems + ", rejectedItems=" + this.rejectedItems + ", droppedItems=" + this.droppedItems
				+ ", eventIds=" + this.eventIds + ", duplicateEventIds=" + this.duplicateEventIds;
	}

}
