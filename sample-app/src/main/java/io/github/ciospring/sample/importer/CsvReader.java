package io.github.ciospring.sample.importer;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * Reads RFC 4180 CSV one row at a time with Jackson's CSV parser: a header row, then data rows; quoted fields
 * may hold commas, quotes ({@code ""}) and line breaks. A UTF-8 byte-order mark (as Excel writes "CSV UTF-8") is
 * dropped, and a header that cannot be an attribute name is refused before any row is read. Memory stays bounded
 * by the longest row, so files of any length stream through.
 */
public final class CsvReader implements Iterator<CsvRecord> {

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final MappingIterator<String[]> rows;

	private final List<String> header;

	private CsvRecord next;

	public CsvReader(Reader reader) {
		CsvMapper mapper = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
		this.rows = mapper.readerFor(String[].class).readValues(withoutByteOrderMark(reader));
		String[] first = nextCells(1);
		if (first == null) {
			throw new IllegalArgumentException("The CSV file is empty: a header row (id,email,...) is required");
		}
		this.header = CsvHeader.names(first);
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
			long line = currentLine();
			String[] cells = nextCells(line);
			if (cells == null) {
				return null;
			}
			if (cells.length == 0 || (cells.length == 1 && cells[0].isEmpty())) {
				continue; // blank line
			}
			Map<String, String> values = new LinkedHashMap<>();
			for (int i = 0; i < cells.length; i++) {
				String name = (i < this.header.size()) ? this.header.get(i) : "column_" + (i + 1);
				if (!cells[i].isEmpty()) {
					values.put(name, cells[i]);
				}
			}
			return new CsvRecord(line, Collections.unmodifiableMap(values));
		}
	}

	/** The next row's cells, or {@code null} at the end; a malformed row is reported by the line it starts on. */
	private String[] nextCells(long line) {
		try {
			return this.rows.hasNextValue() ? this.rows.nextValue() : null;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Line " + line + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/** The line the next row starts on: the parser has read up to the end of the previous one. */
	private long currentLine() {
		return this.rows.parser().currentLocation().getLineNr();
	}

	private static Reader withoutByteOrderMark(Reader reader) {
		try {
			PushbackReader pushback = new PushbackReader(reader, 1);
			int first = pushback.read();
			if (first != -1 && first != BYTE_ORDER_MARK) {
				pushback.unread(first);
			}
			return pushback;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
