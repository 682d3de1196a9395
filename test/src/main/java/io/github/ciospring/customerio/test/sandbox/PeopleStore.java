package io.github.ciospring.customerio.test.sandbox;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The people the sandbox's workspaces have identified, so the App API's lookups have something to find: per
 * workspace, indexed by id, email and {@code cio_id}. Remembers at most {@code maxPeople} in all; beyond that,
 * identifies are accepted but new people are not remembered. Thread-safe.
 */
final class PeopleStore {

	private final int maxPeople;

	private final AtomicInteger size = new AtomicInteger();

	private final Map<String, Directory> workspaces = new ConcurrentHashMap<>();

	PeopleStore(int maxPeople) {
		this.maxPeople = maxPeople;
	}

	/**
	 * A stored person.
	 *
	 * @param id the person's id, {@code null} when identified by email only
	 * @param email the person's email, if known
	 * @param cioId the sandbox's own id for the person
	 * @param attributes the person's attributes
	 * @param createdAt when the person was first identified
	 */
	record Person(String id, String email, String cioId, Map<String, Object> attributes, Instant createdAt) {

		Person {
			attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
		}

		Map<String, Object> identifiers() {
			Map<String, Object> identifiers = new LinkedHashMap<>();
			identifiers.put("id", this.id);
			identifiers.put("email", this.email);
			identifiers.put("cio_id", this.cioId);
			return identifiers;
		}

	}

	/**
	 * Creates or updates the person with the given identifier.
	 * @param kind {@code id}, {@code email} or {@code cio_id} (a {@code cio_id} only updates a known person)
	 */
	void identify(String workspace, String kind, String value, Map<String, Object> attributes) {
		directory(workspace).identify(kind, value, attributes);
	}

	void delete(String workspace, String kind, String value) {
		directory(workspace).delete(kind, value);
	}

	Optional<Person> find(String workspace, String kind, String value) {
		return directory(workspace).find(kind, value);
	}

	List<Person> findByEmail(String workspace, String email) {
		return find(workspace, "email", email).map(List::of).orElse(List.of());
	}

	/** Every person the workspace remembers, in the order they were first identified. */
	List<Person> all(String workspace) {
		return directory(workspace).all();
	}

	/** Forgets every person of every workspace. */
	void clear() {
		this.workspaces.clear();
		this.size.set(0);
	}

	int size(String workspace) {
		return directory(workspace).size();
	}

	private Directory directory(String workspace) {
		return this.workspaces.computeIfAbsent(workspace, (name) -> new Directory());
	}

	private final class Directory {

		private final Map<String, Person> byCioId = new HashMap<>();

		private final Map<String, String> cioIdById = new HashMap<>();

		private final Map<String, String> cioIdByEmail = new HashMap<>();

		private long created;

		synchronized void identify(String kind, String value, Map<String, Object> attributes) {
			String cioId = cioIdOf(kind, value);
			Person existing = (cioId != null) ? this.byCioId.get(cioId) : null;
			if (existing == null) {
				if ("cio_id".equals(kind) || size.incrementAndGet() > maxPeople) {
					if (!"cio_id".equals(kind)) {
						size.decrementAndGet();
					}
					return;
				}
				String id = "id".equals(kind) ? value : text(attributes.get("id"));
				String email = "email".equals(kind) ? value : text(attributes.get("email"));
				Person person = new Person(id, email, String.format("sbx%08x", ++this.created),
						attributes, Instant.now());
				put(person);
				return;
			}
			Map<String, Object> merged = new LinkedHashMap<>(existing.attributes());
			merged.putAll(attributes);
			String id = (existing.id() != null) ? existing.id() : text(attributes.get("id"));
			String email = (attributes.get("email") != null) ? text(attributes.get("email")) : existing.email();
			unindex(existing);
			put(new Person(id, email, existing.cioId(), merged, existing.createdAt()));
		}

		synchronized void delete(String kind, String value) {
			String cioId = cioIdOf(kind, value);
			Person person = (cioId != null) ? this.byCioId.get(cioId) : null;
			if (person != null) {
				unindex(person);
				size.decrementAndGet();
			}
		}

		synchronized Optional<Person> find(String kind, String value) {
			String cioId = cioIdOf(kind, value);
			return Optional.ofNullable((cioId != null) ? this.byCioId.get(cioId) : null);
		}

		synchronized List<Person> all() {
			return this.byCioId.values()
				.stream()
				.sorted(Comparator.comparing(Person::cioId))
				.toList();
		}

		synchronized int size() {
			return this.byCioId.size();
		}

		private String cioIdOf(String kind, String value) {
			return switch (kind) {
				case "id" -> this.cioIdById.get(value);
				case "email" -> this.cioIdByEmail.get(value.toLowerCase(Locale.ROOT));
				case "cio_id" -> value;
				default -> null;
			};
		}

		private void put(Person person) {
			this.byCioId.put(person.cioId(), person);
			if (person.id() != null) {
				this.cioIdById.put(person.id(), person.cioId());
			}
			if (person.email() != null) {
				this.cioIdByEmail.put(person.email().toLowerCase(Locale.ROOT), person.cioId());
			}
		}

		private void unindex(Person person) {
			this.byCioId.remove(person.cioId());
			if (person.id() != null) {
				this.cioIdById.remove(person.id(), person.cioId());
			}
			if (person.email() != null) {
				this.cioIdByEmail.remove(person.email().toLowerCase(Locale.ROOT), person.cioId());
			}
		}

		private static String text(Object value) {
			return (value != null) ? String.valueOf(value) : null;
		}

	}

}
