package io.github.ciospring.customerio;

import java.util.Collection;
import java.util.Map;

/**
 * The size in bytes of a value's compact JSON form, for plain JSON-like values (maps, collections, arrays of
 * objects, strings, numbers, booleans, null). Used to check Customer.io's size limits when a request is created,
 * before it is serialized. Other objects are measured by their {@code toString()}, quoted.
 */
public final class JsonSize {

	private JsonSize() {
	}

	public static int of(Object value) {
		if (value == null) {
			return 4;
		}
		if (value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>) {
			return quoted(value.toString());
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString().length();
		}
		if (value instanceof Map<?, ?> map) {
			int size = 2 + Math.max(0, map.size() - 1);
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				size += quoted(String.valueOf(entry.getKey())) + 1 + of(entry.getValue());
			}
			return size;
		}
		if (value instanceof Collection<?> items) {
			int size = 2 + Math.max(0, items.size() - 1);
			for (Object item : items) {
				size += of(item);
			}
			return size;
		}
		if (value instanceof Object[] items) {
			return of(java.util.Arrays.asList(items));
		}
		return quoted(value.toString());
	}

	private static int quoted(String text) {
		int size = 2 + PayloadLimits.utf8Length(text);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				size++;
			}
			else if (c < 0x20) {
				size += 5;
			}
		}
		return size;
	}

}
