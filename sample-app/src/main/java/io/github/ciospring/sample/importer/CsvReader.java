package io.github.ciospring.sample.importer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads RFC 4180 CSV one row at a time: a header row, then data rows; quoted fields may hold commas, quotes
 * ({@code ""}) and line breaks. Memory stays bounded by the longest row, so files of any length stream through.
 */
public final class CsvReader implements Iterator<CsvRecord> {

	private final Reader reader;

	private final List<String> header;

	private long line = 1;

	private CsvRecord next;

	public CsvReader(Reader reader) {
		this.reader = reader;
		List<String> first = readRow();
		if (first == null) {
			throw new IllegalArgumentException("The CSV file is empty: a header row (id,email,...) is required");
		}
		this.header = first.stream().map(String::trim).toList();
		this.next = advance();
	}

	public List<String> header() {
		return this.header;
	}

	@Override
	public boolean hasNext() {
		return this.next != null;
	}

	@Override
	public CsvRecord next() {
		if (this.next == null) {
			throw new NoSuchElementException();
		}
		CsvRecord current = this.next;
		this.next = advance();
		return current;
	}

	private CsvRecord advance() {
		while (true) {
			long start = this.line;
			List<String> cells = readRow();
			if (cells == null) {
				return null;
			}
			if (cells.size() == 1 && cells.get(0).isEmpty()) {
				continue; // blank line
			}
			Map<String, String> values = new LinkedHashMap<>();
			for (int i = 0; i < cells.size(); i++) {
				String name = (i < this.header.size()) ? this.header.get(i) : "column_" + (i + 1);
				String value = cells.get(i);
				if (!value.isEmpty()) {
					values.put(name, value);
				}
			}
			return new CsvRecord(start, Collections.unmodifiableMap(values));
		}
	}

	private List<String> readRow() {
		try {
			int c = this.reader.read();
			if (c == -1) {
				return null;
			}
			long rowStart = this.line;
			List<String> cells = new ArrayList<>();
			StringBuilder cell = new StringBuilder();
			boolean quoted = false;
			while (true) {
				if (quoted) {
					if (c == -1) {
						throw new IllegalArgumentException("Line " + rowStart + ": a quoted field is not closed");
					}
					if (c == '"') {
						int peek = this.reader.read();
						if (peek == '"') {
							cell.append('"');
						}
						else {
							quoted = false;
							c = peek;
							continue;
						}
					}
					else {
						if (c == '\n') {
							this.line++;
						}
						cell.append((char) c);
					}
				}
				else if (c == '"' && cell.length() == 0) {
					quoted = true;
				}
				else if (c == ',') {
					cells.add(cell.toString());
					cell.setLength(0);
				}
				else if (c == '\n' || c == -1) {
					cells.add(stripCarriageReturn(cell));
					if (c == '\n') {
						this.line++;
					}
					return cells;
				}
				else {
					cell.append((char) c);
				}
				c = this.reader.read();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String stripCarriageReturn(StringBuilder cell) {
		int length = cell.length();
		return (length > 0 && cell.charAt(length - 1) == '\r') ? cell.substring(0, length - 1) : cell.toString();
	}

}
