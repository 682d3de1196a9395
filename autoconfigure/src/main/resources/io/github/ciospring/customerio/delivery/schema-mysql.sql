-- Customer.io delivery outbox (customerio.delivery.store=jdbc), MySQL 8.0+ and MariaDB 10.6+.
-- Rename CUSTOMERIO_ to your customerio.delivery.jdbc.table-prefix if you changed it.
CREATE TABLE IF NOT EXISTS CUSTOMERIO_DELIVERY_OUTBOX (
	ID BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	OPERATION MEDIUMBLOB NOT NULL,
	CREATED_AT BIGINT NOT NULL,
	CLAIMED_UNTIL BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB;
