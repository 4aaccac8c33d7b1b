package org.latentj.slds;

/**
 * log Gamma and digamma for x > 0 (the q(w) terms of Student-t observation noise): recurrence up to x >= 10,
 * then the asymptotic series (truncation error below 1e-13 there). No kept library offers them (EJML has none;
 * commons-math is not a dependency).
 */
final class GammaFunctions {

	private GammaFunctions() {
	}

	static double logGamma(double x) {
		if (!(x > 0)) throw new IllegalArgumentException("logGamma needs x > 0 (got " + x + ")");
		double shift = 0;
		for (; x < 10; x++) shift -= Math.log(x);
		double r = 1 / x, r2 = r * r;
		double series = r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 / 1188))));
		return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
	}

	static double digamma(double x) {
		if (!(x > 0)) throw new IllegalArgumentException("digamma needs x > 0 (got " + x + ")");
		double shift = 0;
		for (; x < 10; x++) shift -= 1 / x;
		double r2 = 1 / (x * x);
		double series = r2 * (1.0 / 12 - r2 * (1.0 / 120 - r2 * (1.0 / 252 - r2 * (1.0 / 240 - r2 / 132))));
		return shift + Math.log(x) - 0.5 / x - series;
	}
}
