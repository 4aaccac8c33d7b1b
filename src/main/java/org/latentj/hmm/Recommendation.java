package org.latentj.hmm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scan Models' choice among its grid points, with its rule in words. Transition setting first: for
 * each K, the kappa (or stickiness) whose median syllable duration is closest to the median
 * changepoint interval of the PCs (moseq2's criterion for kappa; the best held-out log-likelihood when
 * the PCs have no changepoints). Then K: the smallest K whose mean held-out log-likelihood per frame is
 * within one standard deviation (over restarts) of the best one (the one-standard-error rule of model
 * selection, with the restarts' spread).
 */
public record Recommendation(ScanModels.Point choice, String rule) {

	static Recommendation of(List<ScanModels.Point> points, boolean scanStates, boolean scanTransitions, String transitionKey,
			double changepointFrames) {
		List<String> rule = new ArrayList<>();
		List<ScanModels.Point> perK = new ArrayList<>();
		boolean byDuration = scanTransitions && !Double.isNaN(changepointFrames);
		for (ScanModels.Point p : points) {
			ScanModels.Point same = null;
			for (ScanModels.Point q : perK)
				if (q.settings().states() == p.settings().states()) same = q;
			if (same == null) perK.add(p);
			else if (better(p, same, byDuration, changepointFrames)) perK.set(perK.indexOf(same), p);
		}
		if (scanTransitions)
			rule.add(byDuration
					? String.format(Locale.ROOT, "for each number of states, the %s whose median syllable duration is closest to the median changepoint interval of the PCs (%s frames)",
							transitionKey, ScanModels.fmt(changepointFrames))
					: "for each number of states, the " + transitionKey
							+ " with the best mean held-out log-likelihood (the PCs have no changepoints to compare durations with)");
		ScanModels.Point choice = perK.get(0);
		if (scanStates) {
			ScanModels.Point top = perK.get(0);
			for (ScanModels.Point p : perK)
				if (p.heldoutMean() > top.heldoutMean()) top = p;
			double threshold = top.heldoutMean() - top.heldoutSd();
			choice = null;
			for (ScanModels.Point p : perK)
				if (p.heldoutMean() >= threshold && (choice == null || p.settings().states() < choice.settings().states()))
					choice = p;
			rule.add(String.format(Locale.ROOT,
					"the smallest number of states whose mean held-out log-likelihood per frame is within one SD (over restarts) of the best (%.4f - %.4f = %.4f, at states=%d)",
					top.heldoutMean(), top.heldoutSd(), threshold, top.settings().states()));
		}
		String text = rule.isEmpty() ? "a single grid point" : String.join("; then ", rule);
		return new Recommendation(choice, text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1) + ".");
	}

	private static boolean better(ScanModels.Point p, ScanModels.Point than, boolean byDuration, double target) {
		if (!byDuration) return p.heldoutMean() > than.heldoutMean();
		double a = Math.abs(p.medianDurationFrames() - target), b = Math.abs(than.medianDurationFrames() - target);
		return a < b || Double.isNaN(b) && !Double.isNaN(a);
	}
}
