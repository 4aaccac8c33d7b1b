package org.latentj.bench;

import org.latentj.slds.LdsSmoother;
import org.latentj.util.BadInputException;

/**
 * Prototype (issue 10): LdsSmoother's posterior (means, Cov(x_t, x_{t-g}) for g <= G, log|Lambda|, h^T mu) with S
 * segments of the chain eliminated side by side, so that every scalar step of the block elimination becomes a
 * loop over S lanes that C2 can vectorise. Kept under src/bench because it does not beat LdsSmoother (SldsBench
 * lanes, BENCHMARKS.md SLDS section).
 * <p>
 * Layout: frames grouped into super-frames of G frames (m = GD numbers; the precision is block tridiagonal in
 * them: diagonal A_k, sub-diagonal W_k = Lambda_{k+1,k}), padded with independent N(0, I) frames to N = S (n + 1)
 * - 1 super-frames: S segments of n interior super-frames, each pair of neighbours split by one separator
 * super-frame. Each matrix is stored entry-major, lane-minor as double[m * m][S]: one array per entry, the S
 * segments side by side (JDK 17's C2 vectorises a lane loop only when every array is indexed from 0: with
 * offsets into one big array (a[entry * S + lane]) it stays scalar, measured in SldsBench lanes).
 * <p>
 * Each segment's interior is eliminated in time order (an LDL^T form of the block Cholesky), carrying the fill
 * column F_k = Lambda'(k, left separator): with Dinv = D_k^-1, Bn = W_k Dinv, Bl = F_k^T Dinv,
 * D_{k+1} = A_{k+1} - Bn W_k^T, F_{k+1} = -Bn F_k, and the left separator's Schur terms -= Bl F_k (the last
 * interior's Bn goes to the right separator instead). The separators then form a block-tridiagonal chain of S - 1
 * super-frames, solved by LdsSmoother itself (D' = m, G' = 1); the segments' backward pass is the selected inversion (Takahashi):
 * with P = (next, left separator), Sigma_{P,k} = -Sigma_PP (Bn; Bl) and Sigma_kk = Dinv - (Bn; Bl)^T Sigma_{P,k},
 * means mu_k = Dinv r_k - Bn^T mu_next - Bl^T mu_left (the code keeps -Dinv, -Bn, -Bl so that every product adds).
 * <p>
 * Arithmetic per interior super-frame, multiply-adds (tri = m (m + 1) / 2 lower-triangle entries): forward
 * Cholesky and its inverse (m^3 - m) / 6 each, Dinv = L^-T L^-1 (m (m + 1)(m + 2) / 6), Bn, Bl, F_{k+1} m^3
 * each, D_{k+1} and the separator's term tri m each, r 2 m^2; backward Sigma_{P,k} 4 m^3, Sigma_kk 2 tri m,
 * the mean 3 m^2: 37,400 + 41,600 = 79,000 at m = 20, i.e. 39,500 per frame at D = 10, G = 2 (1,421 M at T = 36,000
 * with the padding) against LdsSmoother's 10,790 (388 M): 3.66x, because the fill column F doubles the forward pass,
 * the 2m x 2m Sigma_PP doubles the backward one, and dense m x m super-frames ignore the band inside them.
 */
public final class LaneSmoother {

	private LaneSmoother() {
	}

	private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
	/** Thread CPU nanoseconds summed over calls: assembly, the segments' forward pass, the separators, the segments' backward pass. */
	public static final long[] PHASES = new long[4];

	/** Multiply-adds of the forward pass per interior super-frame (the class comment's count). */
	public static double maddsForward(int m) {
		double m3 = (double) m * m * m, tri = m * (m + 1) / 2.0;
		return 2 * (m3 - m) / 6 + m * (m + 1.0) * (m + 2) / 6 + 3 * m3 + 2 * tri * m + 2.0 * m * m;
	}

	/** Multiply-adds per interior super-frame of m numbers (the class comment's count). */
	public static double maddsPerSuperFrame(int m) {
		double m3 = (double) m * m * m, tri = m * (m + 1) / 2.0;
		return 2 * (m3 - m) / 6 + m * (m + 1.0) * (m + 2) / 6 + 3 * m3 + 2 * tri * m + 2.0 * m * m + 4 * m3 + 2 * tri * m + 3.0 * m * m;
	}

	/** {mean (T x D), cov (LdsSmoother.Result's layout), {log|Lambda|, h^T mu}}, S lanes (segments). */
	public static double[][] smooth(int frames, int d, int lags, int lanes, LdsSmoother.Potentials p) {
		int g = lags, m = g * d, mm = m * m, s = lanes;
		int supers = (frames + g - 1) / g;
		int n = Math.max(1, supers / s); // interiors per segment: the least n with S (n + 1) - 1 >= supers
		int padded = s * (n + 1) - 1; // super-frames after padding (the last segment has no right separator)
		double[][][] dinv = new double[n][mm][s], bn = new double[n][mm][s], bl = new double[n][mm][s], r = new double[n][m][s];
		double[][] fInit = new double[mm][s];
		double[][][] sepA = new double[s - 1][mm][1], sepR = new double[s - 1][m][1];
		double[] h = new double[frames * d];
		Scatter sc = new Scatter(n, g, d, dinv, bn, r, fInit, sepA, sepR);
		long c0 = CPU.getCurrentThreadCpuTime();
		assemble(frames, d, g, s, n, padded, p, sc, h);
		long c1 = CPU.getCurrentThreadCpuTime();

		// forward elimination of every segment's interior, all lanes at once
		Lanes lane = new Lanes(m, s);
		double[] logDet = new double[s];
		lane.forward(n, dinv, bn, bl, r, fInit, logDet);
		long c2 = CPU.getCurrentThreadCpuTime();
		// the separators' chain: each separator's A plus the Schur terms of the segments on both sides, a block-tridiagonal
		// chain of S - 1 super-frames: LdsSmoother with D' = m, G' = 1 (lower triangles hold the Schur terms; mirrored)
		int ns = s - 1;
		double[] mean = new double[frames * d], cov = new double[frames * (g + 1) * d * d];
		Out out = new Out(frames, d, g, mean, cov);
		double[][] sepSigma = new double[mm][s], sepCross = new double[mm][s], sepMu = new double[m][s]; // lane l: separator l
		double redLogDet = 0;
		if (ns > 0) {
			LdsSmoother.Result red = LdsSmoother.smooth(ns, m, 1, new org.latentj.slds.FullWindow() {
				@Override
				public void window(int j, double[] jw, double[] hw) { // Lambda'(sep_j, sep_{j-1}) from segment j: rows sep_j
					int n2 = 2 * m;
					for (int i = 0; i < m; i++)
						for (int q = 0; q < m; q++) {
							double v = lane.crl[i * m + q][j];
							jw[(m + i) * n2 + q] += v;
							jw[q * n2 + m + i] += v;
						}
				}

				@Override
				public void node(int j, double[] jn, double[] hn) {
					for (int i = 0; i < m; i++) {
						hn[i] += sepR[j][i][0] + lane.rr[i][j] + lane.rl[i][j + 1];
						for (int q = 0; q <= i; q++) {
							double v = sepA[j][i * m + q][0] + lane.zr[i * m + q][j] + lane.zl[i * m + q][j + 1];
							jn[i * m + q] += v;
							if (q < i) jn[q * m + i] += v;
						}
					}
				}
			});
			redLogDet = red.logDetPrecision;
			double[][] one = new double[mm][1], none = new double[m][1];
			for (int j = 0; j < ns; j++) {
				for (int e = 0; e < mm; e++) {
					one[e][0] = sepSigma[e][j] = red.cov[2 * j * mm + e];
					if (j > 0) sepCross[e][j - 1] = red.cov[(2 * j + 1) * mm + e]; // Cov(sep_j, sep_{j-1})
				}
				for (int i = 0; i < m; i++) none[i][0] = sepMu[i][j] = red.mean[j * m + i];
				out.emit((j + 1) * (n + 1) - 1, one, null, none, 0);
			}
		}
		// then every segment's interior, starting from its separators' posterior
		double[][] snn = new double[mm][s], sln = new double[mm][s], sll = new double[mm][s], mun = new double[m][s], mul = new double[m][s];
		for (int l = 0; l < s; l++) {
			for (int e = 0; e < mm; e++) {
				int i = e / m, q = e % m;
				if (l < ns) snn[e][l] = sepSigma[e][l];
				if (l > 0) sll[e][l] = sepSigma[e][l - 1];
				if (l > 0 && l < ns) sln[e][l] = sepCross[q * m + i][l - 1]; // Cov(sep_{l-1}, sep_l)
			}
			for (int i = 0; i < m; i++) {
				if (l < ns) mun[i][l] = sepMu[i][l];
				if (l > 0) mul[i][l] = sepMu[i][l - 1];
			}
		}
		long c3 = CPU.getCurrentThreadCpuTime();
		lane.backward(n, dinv, bn, bl, r, snn, sln, sll, mun, mul, (k, skk, yn, yl, mu) -> {
			for (int l = 0; l < s; l++) {
				int sup = l * (n + 1) + k;
				out.emit(sup, skk, yn, mu, l);
				if (k == 0 && l > 0) out.emitLeft(sup, yl, l); // Cov(first interior, left separator)
			}
		});
		long c4 = CPU.getCurrentThreadCpuTime();
		PHASES[0] += c1 - c0;
		PHASES[1] += c2 - c1;
		PHASES[2] += c3 - c2;
		PHASES[3] += c4 - c3;
		for (int t = 0; t < g && t < frames; t++) // no frame t - l < 0: zero
			java.util.Arrays.fill(cov, (t * (g + 1) + t + 1) * d * d, (t + 1) * (g + 1) * d * d, 0);
		double ld = redLogDet, hm = 0;
		for (double v : logDet) ld += v;
		for (int i = 0; i < frames * d; i++) hm += h[i] * mean[i];
		return new double[][] { mean, cov, { ld, hm } };
	}

	/** Where super-frame K's numbers go: segment K / (n + 1), position K % (n + 1) (position n: a separator). */
	private static final class Scatter {
		final int n, g, d, m;
		final double[][][] dinv, bn, r, sepA, sepR;
		final double[][] fInit;

		Scatter(int n, int g, int d, double[][][] dinv, double[][][] bn, double[][][] r, double[][] fInit, double[][][] sepA, double[][][] sepR) {
			this.n = n;
			this.g = g;
			this.d = d;
			this.m = g * d;
			this.dinv = dinv;
			this.bn = bn;
			this.r = r;
			this.fInit = fInit;
			this.sepA = sepA;
			this.sepR = sepR;
		}

		/** Lambda_{u,v} += the D x D block at src[so..] (frames u >= v, u - v <= G). */
		void block(int u, int v, double[] src, int so) {
			int su = u / g, sv = v / g, lv = sv / (n + 1), kv = sv % (n + 1), ro = (u % g) * d, co = (v % g) * d;
			double[][] target;
			int lane;
			if (su == sv) {
				if (kv < n) {
					target = dinv[kv];
					lane = lv;
				} else {
					target = sepA[lv];
					lane = 0;
				}
			} else if (kv < n) {
				target = bn[kv];
				lane = lv;
			} else {
				target = fInit;
				lane = lv + 1;
			}
			for (int i = 0; i < d; i++)
				for (int j = 0; j < d; j++) target[(ro + i) * m + co + j][lane] += src[so + i * d + j];
		}

		void linear(int u, double[] src, int so) {
			int su = u / g, l = su / (n + 1), k = su % (n + 1), ro = (u % g) * d;
			for (int i = 0; i < d; i++)
				if (k < n) r[k][ro + i][l] += src[so + i];
				else sepR[l][ro + i][0] += src[so + i];
		}
	}

	/** Potentials into the lanes, position by position (neighbouring lanes share cache lines); padding frames get I. */
	private static void assemble(int frames, int d, int g, int s, int n, int padded, LdsSmoother.Potentials p, Scatter sc, double[] h) {
		int nw = (g + 1) * d, dd = d * d;
		double[] jw = new double[LdsSmoother.windowBlocksLength(d, g)], hw = new double[nw], jn = new double[dd], hn = new double[d], eye = new double[dd];
		for (int i = 0; i < d; i++) eye[i * d + i] = 1;
		for (int k = 0; k <= n; k++)
			for (int l = 0; l < s; l++) {
				int sup = l * (n + 1) + k;
				if (sup >= padded) continue;
				for (int t = sup * g; t < sup * g + g; t++) {
					if (t >= frames) {
						sc.block(t, t, eye, 0);
						continue;
					}
					java.util.Arrays.fill(jn, 0);
					java.util.Arrays.fill(hn, 0);
					p.node(t, jn, hn);
					sc.block(t, t, jn, 0);
					sc.linear(t, hn, 0);
					for (int i = 0; i < d; i++) h[t * d + i] += hn[i];
					if (t < g) continue;
					java.util.Arrays.fill(jw, 0);
					java.util.Arrays.fill(hw, 0);
					p.windowBlocks(t, jw, hw);
					for (int a = 0; a <= g; a++) {
						sc.linear(t - g + a, hw, a * d);
						for (int i = 0; i < d; i++) h[(t - g + a) * d + i] += hw[a * d + i];
					}
					for (int b = 0, o = 0; b <= g; b++)
						for (int a = b; a <= g; a++, o += dd) sc.block(t - g + a, t - g + b, jw, o);
				}
			}
	}

	/** Writes the posterior of super-frame K (lane l of SoA matrices) into the frame-major result. */
	private static final class Out {
		final int frames, d, g, m;
		final double[] mean, cov;

		Out(int frames, int d, int g, double[] mean, double[] cov) {
			this.frames = frames;
			this.d = d;
			this.g = g;
			this.m = g * d;
			this.mean = mean;
			this.cov = cov;
		}

		/** skk: Sigma_KK; yn: Cov(K + 1, K) or null; mu: mu_K. */
		void emit(int sup, double[][] skk, double[][] yn, double[][] mu, int l) {
			int dd = d * d, g1 = g + 1;
			for (int a = 0; a < g; a++) {
				int t = sup * g + a;
				if (t >= frames) return;
				for (int i = 0; i < d; i++) mean[t * d + i] = mu[a * d + i][l];
				for (int b = 0; b <= a; b++) {
					int o = (t * g1 + a - b) * dd;
					for (int i = 0; i < d; i++)
						for (int j = 0; j < d; j++) cov[o + i * d + j] = skk[(a * d + i) * m + b * d + j][l];
				}
				if (yn == null) continue;
				int u = (sup + 1) * g + a; // Cov(x_u, x_v), v = sup G + b, lag G + a - b <= G for b >= a
				if (u >= frames) continue;
				for (int b = a; b < g; b++) {
					int o = (u * g1 + g + a - b) * dd;
					for (int i = 0; i < d; i++)
						for (int j = 0; j < d; j++) cov[o + i * d + j] = yn[(a * d + i) * m + b * d + j][l];
				}
			}
		}

		/** yl = Cov(left separator = K - 1, K): the lags between K's frames and K - 1's. */
		void emitLeft(int sup, double[][] yl, int l) {
			int dd = d * d, g1 = g + 1;
			for (int a = 0; a < g; a++) {
				int u = sup * g + a;
				if (u >= frames) return;
				for (int b = a; b < g; b++) { // v = (K - 1) G + b
					int o = (u * g1 + g + a - b) * dd;
					for (int i = 0; i < d; i++)
						for (int j = 0; j < d; j++) cov[o + i * d + j] = yl[(b * d + j) * m + a * d + i][l];
				}
			}
		}
	}

	interface Emit {
		void at(int k, double[][] skk, double[][] yn, double[][] yl, double[][] mu);
	}

	/** The elimination of S chains side by side: every matrix double[m * m][S], every vector double[m][S]. */
	public static final class Lanes { // public for SldsBench's kernel probe
		final int m, s, mm;
		final double[][] zl, zr, crl, rl, rr;
		private final double[][] f, f2, t1, lw, ln, y1, y2, skk, mu;

		public Lanes(int m, int s) {
			this.m = m;
			this.s = s;
			this.mm = m * m;
			zl = new double[mm][s];
			zr = new double[mm][s];
			crl = new double[mm][s];
			rl = new double[m][s];
			rr = new double[m][s];
			f = new double[mm][s];
			f2 = new double[mm][s];
			t1 = new double[mm][s];
			lw = new double[mm][s];
			ln = new double[mm][s];
			y1 = new double[mm][s];
			y2 = new double[mm][s];
			skk = new double[mm][s];
			mu = new double[m][s];
		}

		/**
		 * Every product adds (C2 vectorises fma(-a, b, c) worse): E = -D^-1 and the negated gains are kept.
		 * dinv[k]: A_k (lower) in, -D_k^-1 out; bn[k]: W_k = Lambda(next, k) in, -W_k D_k^-1 out; bl[k]: -F_k^T D_k^-1 out;
		 * r[k]: h_k in, the eliminated right-hand side out; fInit: Lambda(first interior, left separator).
		 */
		void forward(int n, double[][][] dinv, double[][][] bn, double[][][] bl, double[][][] r, double[][] fInit, double[] logDet) {
			double[][] fk = f, fn = f2;
			for (int e = 0; e < mm; e++) System.arraycopy(fInit[e], 0, fk[e], 0, s);
			double[][] tmp = t1;
			for (int k = 0; k < n; k++) {
				double[][] dk = dinv[k], w = bn[k];
				cholInverse(dk, logDet, k);
				mm(tmp, w, m, 1, dk, m, 1, false, true); // -Bn = W E
				mm(bl[k], fk, 1, m, dk, m, 1, false, true); // -Bl = F^T E
				boolean last = k == n - 1;
				double[][] dn = last ? zr : dinv[k + 1];
				mm(dn, tmp, m, 1, w, 1, m, true, false); // D_{k+1} (or the right separator) -= Bn W^T
				mm(last ? crl : fn, tmp, m, 1, fk, m, 1, false, true); // F_{k+1} = -Bn F
				mv(last ? rr : r[k + 1], tmp, m, 1, r[k]);
				mm(zl, bl[k], m, 1, fk, m, 1, true, false); // left separator -= Bl F
				mv(rl, bl[k], m, 1, r[k]);
				bn[k] = tmp; // swap: the old W array is the next scratch
				tmp = w;
				double[][] x = fk;
				fk = fn;
				fn = x;
			}
		}

		/**
		 * snn = Sigma(right separator), sln = Cov(left, right), sll = Sigma(left), mun/mul their means (all changed);
		 * emit gets (k, Sigma_kk, Cov(next, k), Cov(left, k), mu_k) for k = n - 1..0.
		 */
		void backward(int n, double[][][] dinv, double[][][] bn, double[][][] bl, double[][][] r, double[][] snn, double[][] sln, double[][] sll,
				double[][] mun, double[][] mul, Emit emit) {
			double[][] sn = snn, ln2 = sln, yn = y1, yl = y2, sk = skk, mk = mu;
			for (int k = n - 1; k >= 0; k--) {
				double[][] b = bn[k], c = bl[k], di = dinv[k];
				mm(yn, sn, m, 1, b, m, 1, false, true); // Cov(next, k) = -(Snn Bn + Sln^T Bl)
				mm(yn, ln2, 1, m, c, m, 1, false, false);
				mm(yl, ln2, m, 1, b, m, 1, false, true); // Cov(left, k) = -(Sln Bn + Sll Bl)
				mm(yl, sll, m, 1, c, m, 1, false, false);
				for (int i = 0; i < m; i++) // Sigma_kk = Dinv - Bn^T Yn - Bl^T Yl (lower)
					for (int j = 0; j <= i; j++) {
						double[] x = di[i * m + j], y = sk[i * m + j];
						for (int v = 0; v < s; v++) y[v] = -x[v];
					}
				mm(sk, b, 1, m, yn, m, 1, true, false);
				mm(sk, c, 1, m, yl, m, 1, true, false);
				mirror(sk);
				for (int i = 0; i < m; i++) java.util.Arrays.fill(mk[i], 0);
				mv(mk, di, m, 1, r[k]); // mu_k = Dinv r_k - Bn^T mu_next - Bl^T mu_left
				for (int i = 0; i < m; i++) {
					double[] x = mk[i];
					for (int v = 0; v < s; v++) x[v] = -x[v];
				}
				mv(mk, b, 1, m, mun);
				mv(mk, c, 1, m, mul);
				emit.at(k, sk, yn, yl, mk);
				// Sigma_kk, Cov(left, k), mu_k become the next step's Snn, Sln, mu_next
				double[][] x = sn; // the caller's arrays become scratch
				sn = sk;
				sk = x;
				x = ln2;
				ln2 = yl;
				yl = x;
				for (int i = 0; i < m; i++) System.arraycopy(mk[i], 0, mun[i], 0, s);
			}
		}

		/** D (lower) -> -D^-1 (full) in place; log det D into logDet per lane. */
		void cholInverse(double[][] a, double[] logDet, int k) {
			double[][] l = lw, inv = ln;
			for (int j = 0; j < m; j++) {
				double[] lj = l[j * m + j];
				System.arraycopy(a[j * m + j], 0, lj, 0, s);
				for (int q = 0; q < j; q++) {
					double[] x = l[j * m + q];
					for (int v = 0; v < s; v++) lj[v] = Math.fma(-x[v], x[v], lj[v]);
				}
				for (int v = 0; v < s; v++) {
					double p = lj[v];
					if (!(p > 0))
						throw new BadInputException("The posterior precision at position " + k + " is not positive definite (the model's covariances are degenerate).");
					logDet[v] += Math.log(p);
				}
				for (int v = 0; v < s; v++) lj[v] = 1 / Math.sqrt(lj[v]); // the diagonal kept as its reciprocal
				for (int i = j + 1; i < m; i++) {
					double[] li = l[i * m + j];
					System.arraycopy(a[i * m + j], 0, li, 0, s);
					for (int q = 0; q < j; q++) {
						double[] x = l[i * m + q], y = l[j * m + q];
						for (int v = 0; v < s; v++) li[v] = Math.fma(-x[v], y[v], li[v]);
					}
					for (int v = 0; v < s; v++) li[v] *= lj[v];
				}
			}
			for (int i = 0; i < m; i++) { // rows of L^-1: X_ic = -(sum_{q=c}^{i-1} L_iq X_qc) / L_ii, X_ii = 1 / L_ii
				double[] lii = l[i * m + i];
				System.arraycopy(lii, 0, inv[i * m + i], 0, s);
				for (int c = 0; c < i; c++) {
					double[] x = inv[i * m + c];
					java.util.Arrays.fill(x, 0);
					for (int q = c; q < i; q++) {
						double[] u = l[i * m + q], w = inv[q * m + c];
						for (int v = 0; v < s; v++) x[v] = Math.fma(u[v], w[v], x[v]);
					}
					for (int v = 0; v < s; v++) x[v] = -x[v] * lii[v];
				}
			}
			for (int i = 0; i < m; i++) // -D^-1 = -X^T X: (i, j), j <= i, sum over q >= i
				for (int j = 0; j <= i; j++) {
					double[] c = a[i * m + j];
					java.util.Arrays.fill(c, 0);
					for (int q = i; q < m; q++) {
						double[] u = inv[q * m + i], w = inv[q * m + j];
						for (int v = 0; v < s; v++) c[v] = Math.fma(u[v], w[v], c[v]);
					}
					for (int v = 0; v < s; v++) c[v] = -c[v];
				}
			mirror(a);
		}

		void mirror(double[][] a) {
			for (int i = 0; i < m; i++)
				for (int j = 0; j < i; j++) System.arraycopy(a[i * m + j], 0, a[j * m + i], 0, s);
		}

		/**
		 * c += a b (c = a b when set), a(i, q) = a[i ai + q aq], b(q, j) = b[q bq + j bj], c(i, j) = c[i m + j] (only j <= i
		 * when lower). Three q per lane loop: four leave C2's unrolling limit and stay scalar (SldsBench lanes' notes).
		 */
		public void mm(double[][] c, double[][] a, int ai, int aq, double[][] b, int bq, int bj, boolean lower, boolean set) {
			for (int i = 0; i < m; i++)
				for (int j = 0, jn = lower ? i + 1 : m; j < jn; j++) {
					double[] ce = c[i * m + j];
					if (set) java.util.Arrays.fill(ce, 0);
					int q = 0;
					for (; q + 2 < m; q += 3) {
						double[] a0 = a[i * ai + q * aq], a1 = a[i * ai + (q + 1) * aq], a2 = a[i * ai + (q + 2) * aq];
						double[] b0 = b[q * bq + j * bj], b1 = b[(q + 1) * bq + j * bj], b2 = b[(q + 2) * bq + j * bj];
						for (int v = 0; v < s; v++) ce[v] = Math.fma(a0[v], b0[v], Math.fma(a1[v], b1[v], Math.fma(a2[v], b2[v], ce[v])));
					}
					for (; q < m; q++) {
						double[] a0 = a[i * ai + q * aq], b0 = b[q * bq + j * bj];
						for (int v = 0; v < s; v++) ce[v] = Math.fma(a0[v], b0[v], ce[v]);
					}
				}
		}

		/** y += a x, a(i, q) = a[i ai + q aq]. */
		void mv(double[][] y, double[][] a, int ai, int aq, double[][] x) {
			for (int i = 0; i < m; i++) {
				double[] ye = y[i];
				for (int q = 0; q < m; q++) {
					double[] ae = a[i * ai + q * aq], xe = x[q];
					for (int v = 0; v < s; v++) ye[v] = Math.fma(ae[v], xe[v], ye[v]);
				}
			}
		}
	}
}
