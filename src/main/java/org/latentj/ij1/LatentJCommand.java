package org.latentj.ij1;

import org.scijava.Cancelable;
import org.scijava.command.Command;

/**
 * What every LatentJ command is: a SciJava {@link Command} whose {@link #execute()} does the work
 * and which fails as ImageJ 1.x users expect wherever it runs. Called from Java or through the
 * ImageJ 1.x bridge, a failure is thrown (the bridge shows it). Run by SciJava (Fiji's menus,
 * macros and scripts, {@code CommandService.run}), {@link LatentJPreprocessor} marks the command
 * first, and a user-fixable failure becomes the module's cancel reason, the same one sentence the
 * bridge shows: Fiji shows a cancel reason in a warning dialog, without the stack trace it shows for
 * an exception (headless, where no dialog can open, the sentence goes to stderr as the bridge does
 * and the macro stops). A bug still throws, so SciJava logs it with its stack trace.
 */
public abstract class LatentJCommand implements Command, Cancelable {

	private String cancelReason;
	private boolean runBySciJava;

	/** The work: settings from the fields, the entry point, results presented and kept in the output fields. */
	protected abstract void execute();

	@Override
	public final void run() {
		if (!runBySciJava) {
			execute();
			return;
		}
		try {
			execute();
		} catch (Throwable e) {
			if (!LatentJ_Bridge.expected(e)) throw e;
			cancel(LatentJ_Bridge.failInSciJava(CommandSpec.of(getClass()).label(), e));
		}
	}

	/** Called by {@link LatentJPreprocessor}: failures become cancel reasons from now on. */
	void runBySciJava() {
		runBySciJava = true;
	}

	@Override
	public boolean isCanceled() {
		return cancelReason != null;
	}

	@Override
	public void cancel(String reason) {
		cancelReason = reason == null ? "" : reason;
	}

	@Override
	public String getCancelReason() {
		return cancelReason;
	}
}
