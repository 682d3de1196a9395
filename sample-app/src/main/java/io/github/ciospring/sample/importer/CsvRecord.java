package io.github.ciospring.sample.importer;

import java.util.Map;

/**
 * One data row of a CSV file, with the 1-based line it starts on and its values by header name.
 *
 * @param line the line number the row starts on
 * @param values the row's values by column name, in column order; empty cells are absent
 */
public record CsvRecord(long line, Map<String, String> values) {

}
