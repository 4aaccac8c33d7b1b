"""Reference numbers for NumpyRandomTest, SklearnKMeansTest and GaussianHmmDrawsTest (issue 9: LatentJ's restarts
draw what hmmlearn's random_state draws).

Writes src/test/resources/org/latentj/hmm/numpy_draws.json from numpy's legacy RandomState (1.24.2), scikit-learn's
KMeans (1.2.1) and hmmlearn's GaussianHMM (0.3.3 source tree), on the z-scored training rows of
test-data/training-runs (the whole GaussianHMM fits on their first 4 metrics) (each run sorted by epoch, the seed's 14 metrics, scipy zscore per run; the rows are written
too, so the Java tests read the same numbers).

usage (from the repository root):
  PYTHONPATH=/path/to/hmmlearn/src OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 \
      src/test/python/numpy_draws_reference.py
"""
import glob, json, os, sys
import numpy as np
import sklearn
from scipy.stats import zscore
from sklearn.cluster import KMeans
import hmmlearn
from hmmlearn import hmm

COLS = ["l1", "l2", "trace", "spectral", "code_sparsity", "computational_sparsity", "mean_singular_value",
        "var_singular_value", "mean_w", "median_w", "var_w", "mean_b", "median_b", "var_b"]
OUT = "src/test/resources/org/latentj/hmm/numpy_draws.json"


def runs(folder="test-data/training-runs"):
    out = []
    for f in sorted(glob.glob(os.path.join(folder, "*.csv"))):
        with open(f) as h:
            head = h.readline().strip().split(",")
        a = np.loadtxt(f, delimiter=",", skiprows=1, ndmin=2)
        a = a[np.argsort(a[:, head.index("epoch")], kind="stable")]
        out.append(np.apply_along_axis(zscore, 0, a[:, [head.index(c) for c in COLS]]))
    return out


def main():
    ref = {"numpy": np.__version__, "sklearn": sklearn.__version__, "hmmlearn": "source tree e01a10e (after 0.3.3; its __version__ reads " + hmmlearn.__version__ + ")"}
    seeds = [0, 1, 9, 12345, 4294967295]
    ref["raw"] = {str(s): [int(v) for v in np.random.RandomState(s)._bit_generator.random_raw(12)] for s in seeds}
    ref["random_sample"] = {str(s): np.random.RandomState(s).random_sample(8).tolist() for s in seeds}
    ref["randint"] = []
    for s in seeds:
        for n in [1, 2, 3, 150, 1500, 1800, 65537, 2**31 + 5]:
            rs = np.random.RandomState(s)
            ref["randint"].append({"seed": s, "n": n, "values": [int(rs.randint(n)) for _ in range(6)]})
    ref["gauss"] = {str(s): np.random.RandomState(s).standard_normal(9).tolist() for s in seeds}
    ref["gamma"] = []
    for s in seeds:
        for shape in [0.125, 0.5, 1.0, 1.5, 3.0]:
            ref["gamma"].append({"seed": s, "shape": shape,
                                 "values": np.random.RandomState(s).standard_gamma(shape, size=7).tolist()})
    # hmmlearn's base _init: startprob_ then transmat_ from one fresh RandomState(random_state)
    ref["dirichlet"] = []
    for k in range(1, 9):
        for r in range(10):
            rs = np.random.RandomState(r)
            a = np.full(k, 1.0 / k)
            ref["dirichlet"].append({"K": k, "random_state": r, "startprob": rs.dirichlet(a).tolist(),
                                     "transmat": rs.dirichlet(a, size=k).tolist()})
    xs = runs()
    x = np.vstack(xs)
    ref["rows"] = x.tolist()
    ref["lengths"] = [len(v) for v in xs]
    ref["kmeans"] = []
    for k in range(1, 9):
        for r in [0, 3, 9]:
            km = KMeans(n_clusters=k, random_state=r, n_init=10).fit(x)
            ref["kmeans"].append({"K": k, "random_state": r, "centers": km.cluster_centers_.tolist(),
                                  "inertia": float(km.inertia_), "labels": km.labels_.tolist()})
    # whole fits on the first 4 metrics: with all 14 and 150 rows hmmlearn's states collapse (covariances not
    # positive definite, the log-likelihood falling), where LatentJ departs on purpose (docs/dynamics.md)
    ref["fit_columns"] = 4
    x = x[:, :4]
    ref["fits"] = []
    for k, r in [(2, 9), (3, 0), (4, 1), (4, 9)]:
        m = hmm.GaussianHMM(n_components=k, covariance_type="full", n_iter=100, tol=1e-2, random_state=r,
                            init_params="stmc", params="")
        m._init(x, ref["lengths"])  # the start alone
        start = {"startprob": m.startprob_.tolist(), "transmat": m.transmat_.tolist(), "means": m.means_.tolist(),
                 "covars": m.covars_[0].tolist()}
        m = hmm.GaussianHMM(n_components=k, covariance_type="full", n_iter=100, tol=1e-2, random_state=r).fit(
            x, ref["lengths"])
        ref["fits"].append({"K": k, "random_state": r, "start": start, "loglik": float(m.score(x, ref["lengths"])),
                            "iterations": int(m.monitor_.iter), "converged": bool(m.monitor_.converged),
                            "means": m.means_.tolist(), "min_covar_eigenvalue": float(np.linalg.eigvalsh(m.covars_).min())})
    with open(OUT + ".tmp", "w") as h:  # whole or not at all: the committed reference is replaced only when written
        json.dump(ref, h, indent=None, separators=(",", ":"))
        h.write("\n")
    os.replace(OUT + ".tmp", OUT)
    print("wrote", OUT, os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
