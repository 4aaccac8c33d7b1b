package org.latentj.util;

/** The user cancelled long work; nothing was written. */
public class CancelledException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public CancelledException() {
		super("Cancelled by the user.");
	}
}
