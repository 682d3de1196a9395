package io.github.ciospring.customerio.delivery;

import java.time.Duration;

/**
 * The outcome of a bulk import: every operation read was either delivered or failed
 * ({@code total = delivered + failed}).
 *
 * @param delivered operations Customer.io accepted
 * @param failed operations that finally failed, each handed to the failure handler
 * @param total operations read from the stream
 * @param elapsed time from subscription to the last outcome
 */
public record BulkSummary(long delivered, long failed, long total, Duration elapsed) {

}
