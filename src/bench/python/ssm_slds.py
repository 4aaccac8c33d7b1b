"""ssm's SLDS (Laplace-EM, structured mean-field posterior) on a noisy MoSeq session, for BENCHMARKS.md.

Usage: python3 ssm_slds.py SESSION.csv LATENT.csv STATES ITERATIONS
SESSION.csv from `SldsBench export SESSION OUT.csv` (frame, label = labels_clean, pc1..pc10);
LATENT.csv the noise-free latent PCs (frame, pc1..pc10). Needs ssm (github lindermanlab/ssm, its
cstats extension built with Cython), autograd, numpy, scipy, numba, scikit-learn.
PCs are z-scored as Fit SLDS's default; identity emissions (x in PC space), AR(1) Gaussian dynamics
(ssm's default; its exact M-step needs lags = 1); ssm's own initialisation (an ARHMM fit).
"""
import sys
import time

import numpy as np
import ssm
from sklearn.metrics import adjusted_rand_score

session, latent_csv, k, iters = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
data = np.loadtxt(session, delimiter=",", skiprows=1)
labels, raw = data[:, 1].astype(int), data[:, 2:12]
mean, sd = raw.mean(0), raw.std(0)
y = (raw - mean) / sd
latent = np.loadtxt(latent_csv, delimiter=",", skiprows=1)[:, 1:11]

np.random.seed(0)
model = ssm.SLDS(10, k, 10, emissions="gaussian_id")
# CPU time of the process (all threads): the build machine is shared, so wall time says little
t0 = time.process_time()
model.initialize([y], verbose=0)
t1 = time.process_time()
elbos, q = model.fit(y, method="laplace_em", variational_posterior="structured_meanfield", num_iters=iters,
                     initialize=False, verbose=0)
t2 = time.process_time()
x = q.mean_continuous_states[0]
z = model.most_likely_states(x, y)
scored = labels >= 0
ari = adjusted_rand_score(labels[scored], z[scored])
rms = np.sqrt(np.mean((x * sd + mean - latent) ** 2))
print(f"ssm SLDS K={k}: init {t1 - t0:.1f} s CPU, {iters} laplace_em iterations {t2 - t1:.1f} s CPU "
      f"({(t2 - t1) / iters:.2f} s per iteration), ARI {ari:.3f}, smoothed RMS {rms:.3f} (noisy PCs' RMS "
      f"{np.sqrt(np.mean((raw - latent) ** 2)):.3f}), "
      f"ELBO first {elbos[0]:.1f} last {elbos[-1]:.1f}")
