package org.latentj.bench;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.ejml.dense.row.linsol.chol.LinearSolverChol_DDRM;
import org.latentj.slds.LdsSmoother;
import org.latentj.util.BadInputException;

/** Main's chunked smoother (m = GD blocks, before the block-banded one), kept for old/new timing in SldsBench. */
final class ChunkSmoother {

	private ChunkSmoother() {
	}

	static double[][] smooth(int frames, int d, int lags, org.latentj.slds.FullWindow p) {
		if (lags < 1) throw new IllegalArgumentException("lags must be at least 1");
		int g = lags, m = g * d, n = (g + 1) * d, chunks = (frames + g - 1) / g;
		double[][] diag = new double[chunks][m * m], lower = new double[chunks][m * m];
		double[][] h = new double[chunks][m];
		// pad the last chunk with independent N(0, I) dummies
		for (int t = frames; t < chunks * g; t++)
			for (int i = 0; i < d; i++) {
				int r = (t % g) * d + i;
				diag[chunks - 1][r * m + r] = 1;
			}
		assemble(frames, d, g, p, diag, lower, h);
		double[][] h0 = new double[chunks][];
		for (int c = 0; c < chunks; c++) h0[c] = h[c].clone(); // for h^T mu; the filter overwrites h

		// forward: information filter, J^_c in diag[c] (then its inverse), K'_c = -K_c in lower[c + 1]
		// Cholesky and inverse: EJML's (faster at 20 x 20 than a hand version, SmallDense's comment)
		CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
		LinearSolverChol_DDRM solver = new LinearSolverChol_DDRM(chol);
		DMatrixRMaj f = new DMatrixRMaj(m, m);
		double[] work = new double[m * m], t1 = new double[m * m];
		double logDet = 0;
		double[] hhat = new double[chunks * m];
		for (int c = 0; c < chunks; c++) {
			System.arraycopy(h[c], 0, hhat, c * m, m);
			System.arraycopy(diag[c], 0, f.data, 0, m * m);
			if (!solver.setA(f))
				throw new BadInputException("The posterior precision of frames " + c * g + ".." + (Math.min(frames, c * g + g) - 1)
						+ " is not positive definite (the model's covariances are degenerate).");
			double[] lt = chol.getT().data;
			for (int i = 0; i < m; i++) logDet += 2 * Math.log(lt[i * m + i]);
			double[] inv = diag[c];
			solver.invert(DMatrixRMaj.wrap(m, m, inv)); // diag[c] now holds J^_c^{-1}
			if (c + 1 < chunks) {
				double[] l = lower[c + 1], kc = t1;
				transpose(l, -1, work, m);
				java.util.Arrays.fill(kc, 0);
				org.latentj.slds.SmallDense.multAdd(inv, work, kc, m); // K'_c = -J^_c^{-1} L_{c+1}^T
				org.latentj.slds.SmallDense.multAdd(l, kc, diag[c + 1], m); // J^_{c+1} = Lambda - L_{c+1} K_c
				// h^_{c+1} = h_{c+1} - K_c^T h^_c
				for (int r = 0; r < m; r++) {
					double v = hhat[c * m + r];
					for (int i = 0; i < m; i++) h[c + 1][i] = Math.fma(kc[r * m + i], v, h[c + 1][i]);
				}
				System.arraycopy(kc, 0, l, 0, m * m);
			}
		}

		// backward: RTS smoother
		double[] mu = new double[chunks * m];
		double[] mean = new double[frames * d], cov = new double[frames * (g + 1) * d * d];
		double[] sigNext = new double[m * m], sig = new double[m * m], cross = t1, kt = work;
		for (int c = chunks - 1; c >= 0; c--) {
			double[] inv = diag[c];
			for (int i = 0; i < m; i++) {
				double v = 0;
				for (int r = 0; r < m; r++) v += inv[i * m + r] * hhat[c * m + r];
				mu[c * m + i] = v;
			}
			System.arraycopy(inv, 0, sig, 0, m * m);
			if (c + 1 < chunks) {
				double[] k = lower[c + 1]; // K' = -K
				for (int i = 0; i < m; i++) {
					double v = 0;
					for (int r = 0; r < m; r++) v += k[i * m + r] * mu[(c + 1) * m + r];
					mu[c * m + i] += v;
				}
				transpose(k, 1, kt, m);
				java.util.Arrays.fill(cross, 0);
				org.latentj.slds.SmallDense.multAdd(sigNext, kt, cross, m); // Sigma_{c+1,c} = -Sigma_{c+1} K_c^T
				org.latentj.slds.SmallDense.multAdd(k, cross, sig, m); // Sigma_c = J^-1 + K Sigma_{c+1} K^T = J^-1 + K' Sigma_{c+1,c}
				writeCross(c + 1, cross, frames, d, g, cov);
			}
			writeDiagonal(c, sig, frames, d, g, cov);
			double[] swap = sigNext;
			sigNext = sig;
			sig = swap;
		}
		double hMean = 0;
		for (int c = 0; c < chunks; c++)
			for (int i = 0; i < m; i++) {
				int t = c * g + i / d;
				if (t < frames) {
					mean[t * d + i % d] = mu[c * m + i];
				}
			}
		for (int c = 0; c < chunks; c++)
			for (int i = 0; i < m; i++) hMean += h0[c][i] * mu[c * m + i];
		return new double[][] { mean, cov, { logDet, hMean } };
	}

	/** Scatters every potential into the chunk blocks (diagonal and below) and the linear terms. */
	private static void assemble(int frames, int d, int g, org.latentj.slds.FullWindow p, double[][] diag, double[][] lower, double[][] h) {
		int m = g * d, n = (g + 1) * d;
		double[] jw = new double[n * n], hw = new double[n], jn = new double[d * d], hn = new double[d];
		for (int t = 0; t < frames; t++) {
			java.util.Arrays.fill(jn, 0);
			java.util.Arrays.fill(hn, 0);
			p.node(t, jn, hn);
			int c = t / g, o = (t % g) * d;
			for (int i = 0; i < d; i++) {
				h[c][o + i] += hn[i];
				for (int j = 0; j < d; j++) diag[c][(o + i) * m + o + j] += jn[i * d + j];
			}
			if (t < g) continue;
			java.util.Arrays.fill(jw, 0);
			java.util.Arrays.fill(hw, 0);
			p.window(t, jw, hw);
			for (int a = 0; a <= g; a++) {
				int fa = t - g + a, ca = fa / g, oa = (fa % g) * d;
				for (int i = 0; i < d; i++) h[ca][oa + i] += hw[a * d + i];
				for (int b = 0; b <= g; b++) {
					int fb = t - g + b, cb = fb / g, ob = (fb % g) * d;
					if (cb > ca) continue; // the upper triangle of blocks is the transpose of the lower
					double[] dst = cb == ca ? diag[ca] : lower[ca];
					for (int i = 0; i < d; i++)
						for (int j = 0; j < d; j++) dst[(oa + i) * m + ob + j] += jw[(a * d + i) * n + b * d + j];
				}
			}
		}
	}

	/** Within-chunk covariances of chunk c into the per-frame lag layout. */
	private static void writeDiagonal(int c, double[] sig, int frames, int d, int g, double[] cov) {
		int m = g * d;
		for (int la = 0; la < g; la++) {
			int a = c * g + la;
			if (a >= frames) break;
			for (int lb = 0; lb <= la; lb++) {
				int lag = la - lb, base = ((a * (g + 1)) + lag) * d * d;
				for (int i = 0; i < d; i++)
					for (int j = 0; j < d; j++) cov[base + i * d + j] = sig[(la * d + i) * m + lb * d + j];
			}
		}
	}

	/** Covariances between chunk c and chunk c - 1 (Sigma_{c,c-1}) within G lags. */
	private static void writeCross(int c, double[] cross, int frames, int d, int g, double[] cov) {
		int m = g * d;
		for (int la = 0; la < g; la++) {
			int a = c * g + la;
			if (a >= frames) break;
			for (int lb = 0; lb < g; lb++) {
				int b = (c - 1) * g + lb, lag = a - b;
				if (lag > g) continue;
				int base = ((a * (g + 1)) + lag) * d * d;
				for (int i = 0; i < d; i++)
					for (int j = 0; j < d; j++) cov[base + i * d + j] = cross[(la * d + i) * m + lb * d + j];
			}
		}
	}

	/** at = s a^T (m x m). */
	private static void transpose(double[] a, double s, double[] at, int m) {
		for (int i = 0; i < m; i++)
			for (int j = 0; j < m; j++) at[j * m + i] = s * a[i * m + j];
	}
}
