package org.latentj.diffusion;

import java.util.ArrayList;
import java.util.List;

/**
 * The weight beta of the KL term per epoch, a step function. Written either as values separated by
 * commas or arrows, which split the epochs into equal consecutive stages ("0, 1e-4, 1e-3, 5e-3",
 * SPIVAE's schedule, the default: with 40 epochs, beta = 0 for epochs 1-10, 1e-4 for 11-20, ...), or
 * as value@epoch pairs giving the 1-based epoch each value starts at ("0@1, 1e-4@5, 5e-3@20"; the
 * first must start at epoch 1). A single number is a constant beta.
 */
public final class BetaSchedule {

	/** SPIVAE's schedule: 0 -> 1e-4 -> 1e-3 -> 5e-3 (final beta 0.005). */
	public static final String SPIVAE = "0, 1e-4, 1e-3, 5e-3";

	private final double[] values;
	/** 1-based first epoch of each value, or null for equal stages. */
	private final int[] starts;

	private BetaSchedule(double[] values, int[] starts) {
		this.values = values;
		this.starts = starts;
	}

	/**
	 * Parses a schedule.
	 *
	 * @throws IllegalArgumentException with a sentence saying what is wrong (callers add the key name)
	 */
	public static BetaSchedule parse(String text) {
		if (text == null || text.isBlank()) throw new IllegalArgumentException("it is empty");
		String[] parts = text.trim().split("\\s*(,|->)\\s*");
		List<Double> values = new ArrayList<>();
		List<Integer> starts = new ArrayList<>();
		int withEpoch = 0;
		for (String part : parts) {
			if (part.isEmpty()) throw new IllegalArgumentException("'" + text + "' has an empty entry");
			String[] ve = part.split("\\s*@\\s*");
			if (ve.length > 2) throw new IllegalArgumentException("'" + part + "' is not a value or value@epoch");
			double v;
			try {
				v = Double.parseDouble(ve[0]);
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("'" + ve[0] + "' is not a number");
			}
			if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("beta " + ve[0] + " must be a finite number >= 0");
			values.add(v);
			if (ve.length == 2) {
				withEpoch++;
				try {
					starts.add(Integer.parseInt(ve[1]));
				} catch (NumberFormatException e) {
					throw new IllegalArgumentException("'" + ve[1] + "' is not a whole epoch number");
				}
			}
		}
		if (withEpoch != 0 && withEpoch != parts.length)
			throw new IllegalArgumentException("'" + text + "' mixes value@epoch entries with plain values");
		double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
		if (withEpoch == 0) return new BetaSchedule(v, null);
		int[] s = starts.stream().mapToInt(Integer::intValue).toArray();
		if (s[0] != 1) throw new IllegalArgumentException("the first value must start at epoch 1 (it starts at " + s[0] + ")");
		for (int i = 1; i < s.length; i++)
			if (s[i] <= s[i - 1]) throw new IllegalArgumentException("epochs must increase (" + s[i - 1] + " then " + s[i] + ")");
		return new BetaSchedule(v, s);
	}

	/** Beta during 0-based epoch e of epochs. */
	public double valueAt(int epoch, int epochs) {
		return values[index(epoch, epochs)];
	}

	/**
	 * Which value applies in epoch e. Equal stages: floor(e * k / epochs) for k values; with fewer
	 * epochs than values, evenly picked values so that the last epoch still uses the last value.
	 */
	private int index(int epoch, int epochs) {
		int k = values.length;
		if (starts == null) {
			if (epochs >= k) return Math.min(k - 1, (int) ((long) epoch * k / epochs));
			return epochs <= 1 ? k - 1 : (int) Math.round(epoch * (k - 1) / (double) (epochs - 1));
		}
		int i = 0;
		for (int s = 0; s < starts.length; s++)
			if (epoch + 1 >= starts[s]) i = s;
		return i;
	}

	/** The schedule written back in the form it was parsed from. */
	@Override
	public String toString() {
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < values.length; i++) {
			if (i > 0) b.append(", ");
			b.append(values[i]);
			if (starts != null) b.append('@').append(starts[i]);
		}
		return b.toString();
	}
}
