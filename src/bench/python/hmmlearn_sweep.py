"""The seed's model-selection loop with hmmlearn's GaussianHMM, for DynamicsBench (BENCHMARKS.md, docs/dynamics.md).

Same data as LatentJ: the six runs sorted by epoch (stable), the first 1000 rows, the seed's 14 metrics, z-scored
per run (scipy zscore); numpy reads the CSV files (no pandas needed). n_iter 100, tol 1e-2 (LatentJ's settings).

usage:
  python3 src/bench/python/hmmlearn_sweep.py FOLDER parity_seed4
      the sweep: K = 1..8 x 10 restarts (random_state 0..9), full covariance, the named runs held out; per K the
      restart with the best held-out score (DynamicsBench prints the same for LatentJ).
  python3 src/bench/python/hmmlearn_sweep.py FOLDER --restarts K FIRST LAST parity_seed4
      one K, restarts random_state FIRST..LAST-1, full covariance: each restart's training and held-out
      log-likelihood and a summary, the best of each block of 10 (DynamicsBench restarts K N for LatentJ).
  python3 src/bench/python/hmmlearn_sweep.py FOLDER --phases FIRST [full|diag] [MAX_K]
      the command's defaults with hmmlearn: no run held out, K = 1..8 x 10 restarts (random_state FIRST..FIRST+9),
      per K the best training log-likelihood, K by lowest BIC; every run's Viterbi phases, the change nearest
      each run's val_acc jump (first epoch > 0.9) and the plateau goal (DynamicsJumpBench for LatentJ).
"""
import glob, os, sys, time
import numpy as np
from scipy.stats import zscore
from hmmlearn import hmm

COLS = ["l1", "l2", "trace", "spectral", "code_sparsity", "computational_sparsity", "mean_singular_value",
        "var_singular_value", "mean_w", "median_w", "var_w", "mean_b", "median_b", "var_b"]


def read(folder):
    """name -> (z-scored metrics, epochs, val_acc), files in name order."""
    runs = {}
    for f in sorted(glob.glob(os.path.join(folder, "*.csv"))):
        with open(f) as h:
            head = h.readline().strip().split(",")
        a = np.loadtxt(f, delimiter=",", skiprows=1, ndmin=2)
        a = a[np.argsort(a[:, head.index("epoch")], kind="stable")][:1000]
        x = np.apply_along_axis(zscore, 0, a[:, [head.index(c) for c in COLS]])
        runs[os.path.basename(f)[:-4]] = (x, a[:, head.index("epoch")], a[:, head.index("val_acc")])
    return runs


def split(runs, test_names):
    train = [r[0] for n, r in runs.items() if n not in test_names]
    test = [r[0] for n, r in runs.items() if n in test_names]
    return (np.vstack(train), [len(x) for x in train]), (np.vstack(test), [len(x) for x in test])


def fit(k, cov, r, data):
    return hmm.GaussianHMM(n_components=k, covariance_type=cov, n_iter=100, tol=1e-2, random_state=r).fit(*data)


def sweep(runs, test_names):
    train, test = split(runs, test_names)
    t0, c0 = time.perf_counter(), time.process_time()  # process CPU too: the BLAS threads' time counts
    rows = []
    for k in range(1, 9):
        scores, best = [], None
        for r in range(10):
            m = fit(k, "full", r, train)
            s = m.score(*test)
            scores.append(s)
            if best is None or s > best[0]:
                best = (s, m.score(*train), m.bic(*train))
        rows.append((k, best[0], np.mean(scores), best[1], best[2]))
    print(f"hmmlearn sweep K=1..8 x 10 restarts, full: {time.perf_counter() - t0:.2f} s wall, "
          f"{time.process_time() - c0:.2f} s process CPU")
    print("K,heldout_ll_best,heldout_ll_mean,train_ll,bic")
    for r in rows:
        print("%d,%.2f,%.2f,%.2f,%.2f" % r)


def restarts(runs, k, first, last, test_names):
    train, test = split(runs, test_names)
    print("restart,train_ll,heldout_ll,iterations")
    tr, ho = [], []
    for r in range(first, last):
        m = fit(k, "full", r, train)
        tr.append(m.score(*train))
        ho.append(m.score(*test))
        print("%d,%.2f,%.2f,%d" % (r, tr[-1], ho[-1], m.monitor_.iter), flush=True)
    ho = np.array(ho)
    print("K=%d, %d restarts: held-out max %.0f, 90th percentile %.0f, median %.0f, mean %.0f; training max %.0f"
          % (k, len(ho), ho.max(), np.percentile(ho, 90), np.median(ho), ho.mean(), max(tr)))
    print("best of each block of 10:", " ".join("%.0f" % ho[i:i + 10].max() for i in range(0, len(ho) - 9, 10)))


def phases(runs, first, cov, max_k):
    x = [r[0] for r in runs.values()]
    data = (np.vstack(x), [len(v) for v in x])
    best = {}
    for k in range(1, max_k + 1):
        for r in range(first, first + 10):
            m = fit(k, cov, r, data)
            s = m.score(*data)
            if k not in best or s > best[k][0]:
                best[k] = (s, m.bic(*data), m)
        print("K=%d train_ll=%.0f bic=%.0f" % (k, best[k][0], best[k][1]), flush=True)
    k = min(best, key=lambda k: best[k][1])
    m, plateau = best[k][2], True
    print("chosen K=%d: lowest BIC over K = 1..%d" % (k, max_k))
    for name, (z, epochs, acc) in runs.items():
        p = m.predict(z)
        changes = [t for t in range(1, len(p)) if p[t] != p[t - 1]]
        plateau &= all(p[t] != p[-1] for t in range(len(p)) if epochs[t] <= 10)
        jumps = [epochs[t] for t in range(len(p)) if acc[t] > 0.9]
        near = "" if not jumps or not changes else " | jump %d, nearest change %d" % (
            jumps[0], min((epochs[t] for t in changes), key=lambda e: abs(e - jumps[0])))
        print("  %s: %s%s" % (name, " ".join("%d@%d" % (p[t], epochs[t]) for t in [0] + changes), near))
    print("plateau goal (epochs 0-10 never in the last epoch's phase):", "met" if plateau else "not met")


if __name__ == "__main__":
    folder, args = sys.argv[1], sys.argv[2:]
    runs = read(folder)
    if args[:1] == ["--restarts"]:
        restarts(runs, int(args[1]), int(args[2]), int(args[3]), set(args[4:]))
    elif args[:1] == ["--phases"]:
        phases(runs, int(args[1]), args[2] if len(args) > 2 else "full", int(args[3]) if len(args) > 3 else 8)
    else:
        sweep(runs, set(args))
