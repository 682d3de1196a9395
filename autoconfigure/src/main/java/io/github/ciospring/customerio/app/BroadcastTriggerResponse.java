package io.github.ciospring.customerio.app;

/**
 * Customer.io's answer to a broadcast trigger.
 *
 * @param id the trigger's id, to look up whether and when it was processed
 */
public record BroadcastTriggerResponse(long id) {
}
