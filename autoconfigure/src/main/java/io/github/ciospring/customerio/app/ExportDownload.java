package io.github.ciospring.customerio.app;

/**
 * Where to download an export.
 *
 * @param url a signed link to the export's file, valid for 15 minutes
 */
public record ExportDownload(String url) {
}
