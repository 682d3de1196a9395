package io.github.ciospring.sample.importer;

/**
 * An import could not run or finish: the file is missing or malformed, the delivery queue is absent or shut down.
 */
public class ImportFailedException extends RuntimeException {

	public ImportFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
