package org.latentj.util;

/** The user cancelled long work; nothing was written unless the message says what was. */
public class CancelledException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public CancelledException() {
		super("Cancelled by the user.");
	}

	/** @param message says what was kept, e.g. the points of a scan saved before Esc */
	public CancelledException(String message) {
		super(message);
	}
}
