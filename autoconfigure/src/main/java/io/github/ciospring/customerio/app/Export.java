package io.github.ciospring.customerio.app;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An export's metadata.
 *
 * @param id the export's id
 * @param type {@code customers} or {@code deliveries}
 * @param status {@code pending}, {@code done} (ready to download) or {@code failed}
 * @param failed whether the export failed
 * @param total the number of entries; 0 until done
 * @param description what the export holds
 * @param downloads how many times it was downloaded
 * @param userId the user who created it
 * @param userEmail the email of the user who created it
 * @param deduplicateId {@code id:timestamp} of the export's last update
 * @param createdAt when it was created
 * @param updatedAt when it was last updated
 */
public record Export(long id, String type, String status, Boolean failed, Long total, String description,
		Long downloads, @JsonProperty("user_id") Long userId, @JsonProperty("user_email") String userEmail,
		@JsonProperty("deduplicate_id") String deduplicateId, @JsonProperty("created_at") Instant createdAt,
		@JsonProperty("updated_at") Instant updatedAt) {

	/** Whether the export can be downloaded. */
	public boolean isDone() {
		return "done".equals(this.status);
	}

}
