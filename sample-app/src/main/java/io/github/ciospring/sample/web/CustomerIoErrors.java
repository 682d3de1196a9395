package io.github.ciospring.sample.web;

import java.time.Duration;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.CustomerIoException;
import io.github.ciospring.customerio.CustomerIoRateLimitTimeoutException;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.delivery.DeliveryRejectedException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps the starter's errors to RFC 9457 problem details: a request that breaks a Customer.io limit is the
 * caller's fault (400, naming the field and the limit); Customer.io being busy or unreachable is not (503 with
 * {@code Retry-After}, or 502). Messages name operations and statuses, never keys or customer data.
 */
@RestControllerAdvice
class CustomerIoErrors {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(CustomerIoValidationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid " + ex.getField());
		problem.setProperty("field", ex.getField());
		problem.setProperty("limit", ex.getLimit());
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> queueFull(DeliveryRejectedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Customer.io delivery queue " + ex.getReason());
		return unavailable(problem, Duration.ofSeconds(1));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> noPermit(CustomerIoRateLimitTimeoutException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Customer.io rate limit");
		return unavailable(problem, ex.getMaxWait());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> answered(CustomerIoApiException ex) {
		if (ex.isRateLimited()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
			problem.setTitle("Customer.io rate limit");
			return unavailable(problem, ex.getRetryAfter().orElse(Duration.ofSeconds(1)));
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
		problem.setTitle("Customer.io answered " + ex.getStatusCode());
		problem.setProperty("customerIoStatus", ex.getStatusCode());
		problem.setProperty("operation", ex.getOperation());
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreachable(CustomerIoException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
		problem.setTitle("Customer.io unreachable");
		problem.setProperty("operation", ex.getOperation());
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notConfigured(ApiNotConfiguredException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_IMPLEMENTED, ex.getMessage());
		problem.setTitle("Customer.io API not configured");
		return ResponseEntity.status(HttpStatus.NOT_IMPLEMENTED).body(problem);
	}

	private static ResponseEntity<ProblemDetail> unavailable(ProblemDetail problem, Duration retryAfter) {
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(problem);
	}

}
