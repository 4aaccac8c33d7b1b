package org.latentj.util;

/**
 * An input the user can fix: a missing file, a wrong HDF5 path, a parameter out of range.
 * The message is one sentence that names the input and what is wrong with it; commands show it
 * as is (no stack trace) and the headless runner prints it and exits non-zero.
 */
public class BadInputException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public BadInputException(String message) {
		super(Texts.cutLongWords(message, MAX_WORD));
	}

	public BadInputException(String message, Throwable cause) {
		super(Texts.cutLongWords(message, MAX_WORD), cause);
	}

	/** Longest run of non-blank characters a message echoes (a CSV field of ten million digits is cut). */
	static final int MAX_WORD = 300;
}
