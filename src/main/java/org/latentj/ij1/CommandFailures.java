package org.latentj.ij1;

/**
 * The first LatentJ command failure since the last reset, so the headless runner can exit non-zero
 * even where ImageJ's macro interpreter would carry on.
 */
public final class CommandFailures {

	private static volatile String first;
	private static volatile boolean printed;

	private CommandFailures() {
	}

	static void record(String label, String message) {
		if (first == null) first = label + ": " + message;
	}

	/** Records a failure whose message is already on stderr (the runner does not repeat it). */
	static void recordPrinted(String label, String message) {
		if (first == null) {
			first = label + ": " + message;
			printed = true;
		}
	}

	/** Whether the first failure was already printed. */
	public static boolean printed() {
		return printed;
	}

	/** The first failure as "Label: message", or null. */
	public static String first() {
		return first;
	}

	public static void reset() {
		first = null;
		printed = false;
	}
}
