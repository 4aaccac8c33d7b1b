"""ssm's EM fit of an AR-HMM on HmmBench's end-to-end session, beside Fit HMM's defaults (issue 15).

Usage: python3 ssm_arhmm.py SESSION.csv STATES [ITERATIONS [TOLERANCE_PER_FRAME]]
SESSION.csv from `java -cp 'target/lib/*:target/test-classes' org.latentj.bench.HmmEndToEndExport 36000 50 OUT.csv`
(frame, state = simulated truth, -1 for the first lags frames, x1..x10): the very session `HmmBench end-to-end
36000 50` fits. Needs ssm (github lindermanlab/ssm, its cstats extension built with Cython), autograd, numpy,
scipy, numba, scikit-learn, tqdm (see BENCHMARKS.md for how it was built here).

The same model family and budget as Fit HMM's defaults: AR observations with 2 lags (full covariance per state),
k-means initialisation (ssm's init_method="kmeans"), EM for at most ITERATIONS (default 100, Fit HMM's
iterations) stopping when the log probability gains less than TOLERANCE_PER_FRAME x T (default 1e-5 per frame,
Fit HMM's tolerance). ssm has no restarts or split/merge: one start. ARI over frames [lags, T) against the
simulated states, on ssm's Viterbi path, as HmmBench does.
"""
import os
import sys
import time

import numpy as np
import ssm
from sklearn.metrics import adjusted_rand_score

session, k = sys.argv[1], int(sys.argv[2])
iters = int(sys.argv[3]) if len(sys.argv) > 3 else 100
tol = float(sys.argv[4]) if len(sys.argv) > 4 else 1e-5
lags = 2

data = np.loadtxt(session, delimiter=",", skiprows=1)
truth, x = data[:, 1].astype(int), data[:, 2:]
T, D = x.shape
np.save(os.path.splitext(session)[0] + ".npy", data)  # the same table for other peers, loadable without parsing

# numba compiles ssm's message passing on first use: warm it up so the timing is the fit's, not the compiler's
warm = ssm.HMM(2, D, observations="ar", observation_kwargs=dict(lags=lags))
warm.fit(x[:500], method="em", init_method="kmeans", num_iters=2, verbose=0)
warm.most_likely_states(x[:500])

np.random.seed(0)
model = ssm.HMM(k, D, observations="ar", observation_kwargs=dict(lags=lags))
load0 = os.getloadavg()[0]
w0, c0 = time.perf_counter(), time.process_time()
lls = model.fit(x, method="em", init_method="kmeans", num_iters=iters, tolerance=tol * T, verbose=0)
w1, c1 = time.perf_counter(), time.process_time()
z = model.most_likely_states(x)
w2, c2 = time.perf_counter(), time.process_time()
ari = adjusted_rand_score(truth[lags:], z[lags:])
print(f"ssm ARHMM (EM, kmeans init) T={T} K={k} D={D} lags={lags}: fit {w1 - w0:.1f} s wall, {c1 - c0:.1f} s CPU, "
      f"{len(lls) - 1} EM iterations (max {iters}, tolerance {tol:g}/frame), Viterbi {w2 - w1:.1f} s wall; "
      f"log prob/frame first {lls[0] / T:.6f} last {lls[-1] / T:.6f}; ARI vs truth {ari:.4f}; "
      f"states used {len(np.unique(z))}; load {load0:.1f} -> {os.getloadavg()[0]:.1f}")
