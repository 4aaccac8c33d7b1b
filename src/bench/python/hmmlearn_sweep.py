"""The seed's model-selection loop with hmmlearn's GaussianHMM, for DynamicsBench (BENCHMARKS.md).

Same data as LatentJ: the six runs sorted by epoch, the seed's 14 metrics, z-scored per run (scipy zscore);
test runs given on the command line (DynamicsBench prints them). K = 1..8 x 10 restarts, full covariance,
n_iter 100, tol 1e-2 (LatentJ's settings); per K the restart with the best held-out score is kept.
usage: python3 src/bench/python/hmmlearn_sweep.py ../shared/data/training-runs parity_seed4
"""
import glob, os, sys, time
import numpy as np
import pandas as pd
from scipy.stats import zscore
from hmmlearn import hmm

COLS = ["l1", "l2", "trace", "spectral", "code_sparsity", "computational_sparsity", "mean_singular_value",
        "var_singular_value", "mean_w", "median_w", "var_w", "mean_b", "median_b", "var_b"]

folder, test_names = sys.argv[1], set(sys.argv[2:])
train, test = [], []
for f in sorted(glob.glob(os.path.join(folder, "*.csv"))):
    df = pd.read_csv(f).sort_values("epoch", kind="stable").reset_index(drop=True).head(1000)
    x = np.apply_along_axis(zscore, 0, df[COLS].to_numpy())
    (test if os.path.basename(f)[:-4] in test_names else train).append(x)
X, L = np.vstack(train), [len(x) for x in train]
Xt, Lt = np.vstack(test), [len(x) for x in test]
t0 = time.perf_counter()
rows = []
for k in range(1, 9):
    scores, best = [], None
    for r in range(10):
        m = hmm.GaussianHMM(n_components=k, covariance_type="full", n_iter=100, tol=1e-2, random_state=r)
        m.fit(X, L)
        s = m.score(Xt, Lt)
        scores.append(s)
        if best is None or s > best[0]:
            best = (s, m.score(X, L), m.bic(X, L))
    rows.append((k, best[0], np.mean(scores), best[1], best[2]))
seconds = time.perf_counter() - t0
print(f"hmmlearn sweep K=1..8 x 10 restarts, full: {seconds:.2f} s")
print("K,heldout_ll_best,heldout_ll_mean,train_ll,bic")
for r in rows:
    print("%d,%.2f,%.2f,%.2f,%.2f" % r)
