package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.latentj.bench.LaneSmoother;

/** The lane-parallel prototype (src/bench) against LdsSmoother, itself checked against a dense solve (LdsSmootherTest). */
class LaneSmootherTest {

	@Test
	void equalsBandedSmootherWithGapsAndPadding() {
		// lags 1..3, frames not a multiple of G nor of the lanes' layout, a run of missing observations (node potential
		// without the data term), lanes 1 (all separators absent), 3, 8
		for (int lags = 1; lags <= 3; lags++)
			for (int d : new int[] { 2, 3 })
				for (int lanes : new int[] { 1, 3, 8 })
					for (int frames : new int[] { lags + 1, 17, 61 }) {
						int k = 3;
						SldsParameters m = SldsTestModels.random(k, d, lags, 7 + lags + 100 * d, false);
						int[] missing = frames < 17 ? new int[0] : frames < 61 ? new int[] { 4, 5, 12 } : java.util.stream.IntStream.range(20, 31).toArray();
						double[] y = SldsTestModels.sample(m, frames, 3 + d, new int[frames], missing);
						StructuredMeanField q = new StructuredMeanField(y, d, lags, k, SldsTestModels.randomQz(frames - lags, k, 11 + d));
						LdsSmoother.Potentials pot = LdsSmootherTest.potentials(q, m);
						LdsSmoother.Result r = LdsSmoother.smooth(frames, d, lags, pot);
						double[][] x = LaneSmoother.smooth(frames, d, lags, lanes, pot);
						String what = "d = " + d + ", " + lags + " lags, " + lanes + " lanes, " + frames + " frames";
						for (int i = 0; i < r.mean.length; i++) assertEquals(r.mean[i], x[0][i], 1e-9, "mean " + i + ", " + what);
						for (int i = 0; i < r.cov.length; i++) assertEquals(r.cov[i], x[1][i], 1e-9, "cov " + i + ", " + what);
						assertEquals(r.logDetPrecision, x[2][0], 1e-9 * Math.max(1, Math.abs(r.logDetPrecision)), "log|Lambda|, " + what);
						assertEquals(r.hMean, x[2][1], 1e-9 * Math.max(1, Math.abs(r.hMean)), "h^T mu, " + what);
					}
	}
}
