package org.latentj.util;

/**
 * Progress of long work, reported by the core and shown by whoever called it (IJ.showProgress in
 * the GUI, a sparse line on stderr headless). The core also asks it whether to stop: a listener
 * that answers {@link #isCancelled()} true makes the work end with {@link CancelledException}.
 */
public interface Progress {

	/** A listener that shows nothing and never cancels. */
	Progress NONE = (fraction, message) -> { };

	/** @param fraction of the whole work done, in [0, 1]; @param message short status text, may be null */
	void update(double fraction, String message);

	default boolean isCancelled() {
		return false;
	}

	/** Throws {@link CancelledException} when the user asked to stop; call between units of work. */
	default void checkCancelled() {
		if (isCancelled()) throw new CancelledException();
	}

	/** A view of this listener that asks it whether to stop but shows nothing: for work inside a stage that reports its own progress. */
	default Progress quiet() {
		Progress outer = this;
		return new Progress() {
			@Override
			public void update(double fraction, String message) {
			}

			@Override
			public boolean isCancelled() {
				return outer.isCancelled();
			}
		};
	}

	/** A view of this listener that maps [0, 1] onto [from, to] of the whole, for a stage of the work. */
	default Progress stage(double from, double to) {
		Progress outer = this;
		return new Progress() {
			@Override
			public void update(double fraction, String message) {
				outer.update(from + (to - from) * Math.max(0, Math.min(1, fraction)), message);
			}

			@Override
			public boolean isCancelled() {
				return outer.isCancelled();
			}
		};
	}
}
