package io.github.ciospring.customerio.test.sandbox;

import java.util.regex.Pattern;

/**
 * The endpoints the sandbox serves: the Track, App and Data Pipelines calls the starter makes. Each belongs to
 * one API (its credentials and statistics) and one {@link LimitGroup} (its sliding-window limit). Path variables
 * are the pattern's groups; they match percent-encoded segments, so an identifier holding {@code /} arrives as
 * {@code %2F}.
 */
enum SandboxEndpoint {

	TRACK_REGION(LimitGroup.TRACK, "GET", "/api/v1/accounts/region"),

	TRACK_IDENTIFY(LimitGroup.TRACK, "PUT", "/api/v1/customers/([^/]+)"),

	TRACK_DELETE(LimitGroup.TRACK, "DELETE", "/api/v1/customers/([^/]+)"),

	TRACK_EVENT(LimitGroup.TRACK, "POST", "/api/v1/customers/([^/]+)/events"),

	TRACK_ANONYMOUS_EVENT(LimitGroup.TRACK, "POST", "/api/v1/events"),

	TRACK_ADD_DEVICE(LimitGroup.TRACK, "PUT", "/api/v1/customers/([^/]+)/devices"),

	TRACK_DELETE_DEVICE(LimitGroup.TRACK, "DELETE", "/api/v1/customers/([^/]+)/devices/([^/]+)"),

	TRACK_SUPPRESS(LimitGroup.TRACK, "POST", "/api/v1/customers/([^/]+)/suppress"),

	TRACK_UNSUPPRESS(LimitGroup.TRACK, "POST", "/api/v1/customers/([^/]+)/unsuppress"),

	TRACK_MERGE(LimitGroup.TRACK, "POST", "/api/v1/merge_customers"),

	TRACK_SEGMENT_ADD(LimitGroup.TRACK, "POST", "/api/v1/segments/([^/]+)/add_customers"),

	TRACK_SEGMENT_REMOVE(LimitGroup.TRACK, "POST", "/api/v1/segments/([^/]+)/remove_customers"),

	TRACK_METRICS(LimitGroup.TRACK, "POST", "/api/v1/metrics"),

	TRACK_PUSH_METRICS(LimitGroup.TRACK, "POST", "/api/v1/push/events"),

	TRACK_ENTITY(LimitGroup.TRACK, "POST", "/api/v2/entity"),

	TRACK_BATCH(LimitGroup.TRACK, "POST", "/api/v2/batch"),

	APP_SEND_EMAIL(LimitGroup.TRANSACTIONAL, "POST", "/v1/send/email"),

	APP_SEND_PUSH(LimitGroup.TRANSACTIONAL, "POST", "/v1/send/push"),

	APP_SEND_SMS(LimitGroup.TRANSACTIONAL, "POST", "/v1/send/sms"),

	APP_BROADCAST(LimitGroup.BROADCAST, "POST", "/v1/campaigns/([^/]+)/triggers"),

	APP_CUSTOMERS_BY_EMAIL(LimitGroup.APP, "GET", "/v1/customers"),

	APP_CUSTOMER_ATTRIBUTES(LimitGroup.APP, "GET", "/v1/customers/([^/]+)/attributes"),

	APP_CUSTOMERS_ATTRIBUTES(LimitGroup.APP, "POST", "/v1/customers/attributes"),

	APP_EXPORT_CUSTOMERS(LimitGroup.APP, "POST", "/v1/exports/customers"),

	APP_EXPORT_DELIVERIES(LimitGroup.APP, "POST", "/v1/exports/deliveries"),

	APP_EXPORTS(LimitGroup.APP, "GET", "/v1/exports"),

	APP_EXPORT(LimitGroup.APP, "GET", "/v1/exports/([0-9]+)"),

	APP_EXPORT_DOWNLOAD(LimitGroup.APP, "GET", "/v1/exports/([0-9]+)/download"),

	PIPELINES_IDENTIFY(LimitGroup.PIPELINES, "POST", "/v1/identify"),

	PIPELINES_TRACK(LimitGroup.PIPELINES, "POST", "/v1/track"),

	PIPELINES_PAGE(LimitGroup.PIPELINES, "POST", "/v1/page"),

	PIPELINES_SCREEN(LimitGroup.PIPELINES, "POST", "/v1/screen"),

	PIPELINES_GROUP(LimitGroup.PIPELINES, "POST", "/v1/group"),

	PIPELINES_ALIAS(LimitGroup.PIPELINES, "POST", "/v1/alias"),

	PIPELINES_BATCH(LimitGroup.PIPELINES, "POST", "/v1/batch");

	private final LimitGroup group;

	private final String method;

	private final Pattern pathPattern;

	SandboxEndpoint(LimitGroup group, String method, String pathRegex) {
		this.group = group;
		this.method = method;
		this.pathPattern = Pattern.compile(pathRegex);
	}

	SandboxApi api() {
		return this.group.api();
	}

	LimitGroup group() {
		return this.group;
	}

	String method() {
		return this.method;
	}

	Pattern pathPattern() {
		return this.pathPattern;
	}

}
