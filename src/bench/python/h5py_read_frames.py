"""h5py's time to read every frame of the shared MoSeq sessions, beside `NwbBench read-all` (issue 15).

Usage: python3 h5py_read_frames.py [REPS] (from the repository root; reads ../shared/data/moseq).
Each run opens the file, reads processing/MoSeq/Images/frames/data whole (f[...][:], HDF5's own chunk cache and
zlib), and closes it; 10 warm-up runs, then REPS timed runs: wall median and best, process CPU time per run.
"""
import os
import sys
import time

import h5py
import numpy as np

reps = int(sys.argv[1]) if len(sys.argv) > 1 else 21
root = os.path.join("..", "shared", "data", "moseq")
print(f"h5py {h5py.__version__}, HDF5 {h5py.version.hdf5_version}, numpy {np.__version__}")
for name in ["session_a.nwb", "session_c.nwb"]:
    path = os.path.join(root, name)
    if not os.path.exists(path):
        print(f"(skipped, absent: {path})")
        continue

    def once():
        with h5py.File(path, "r") as f:
            return f["processing/MoSeq/Images/frames/data"][:]

    for _ in range(10):
        frames = once()
    wall = []
    load0 = os.getloadavg()[0]
    c0 = time.process_time()
    for _ in range(reps):
        t0 = time.perf_counter()
        once()
        wall.append(time.perf_counter() - t0)
    cpu = (time.process_time() - c0) / reps
    wall.sort()
    print(f"{name}, all {frames.shape[0]} frames (open + read + close), {reps} runs: median {wall[reps // 2]:.4f} s, "
          f"best {wall[0]:.4f} s wall; CPU {cpu:.4f} s a run; load {load0:.1f} -> {os.getloadavg()[0]:.1f}")
