"""Prints, as JSON, how h5py sees a MoSeq NWB file: layout (kind, dtype, shape after time, chunking,
compression, attributes, soft links) and a few sums, for MoSeqNwbH5pyTest to compare with the
shared sessions and with what LatentJ wrote. Usage: python3 h5py_layout.py FILE"""
import json
import sys

import h5py
import numpy as np


def norm_dtype(dt):
    if dt.kind in ("S", "U", "O"):
        return "string"
    return str(dt)


def norm_attr(name, v):
    if name == "object_id":
        return "(uuid)"
    if isinstance(v, bytes):
        return v.decode("utf-8")
    if isinstance(v, np.generic):
        return float(v)
    return str(v)


def main(path):
    f = h5py.File(path, "r")
    layout = {}

    def walk(g):
        for k in g.keys():
            p = g.name.rstrip("/") + "/" + k
            if p.startswith("/specifications") or p.startswith("/general/"):
                continue
            link = g.get(k, getlink=True)
            if isinstance(link, h5py.SoftLink):
                layout[p] = "link -> " + link.path
                continue
            o = g[k]
            attrs = {a: norm_attr(a, o.attrs[a]) for a in sorted(o.attrs) if a not in (".specloc", "_jHDF")}
            if isinstance(o, h5py.Group):
                layout[p] = "group " + json.dumps(attrs, sort_keys=True)
                walk(o)
            else:
                d = "dataset %s rank %d" % (norm_dtype(o.dtype), len(o.shape))
                if len(o.shape) > 1:
                    d += " frame shape %s" % (list(o.shape[1:]),)
                if p.startswith("/processing") and not p.endswith("/timestamps") and not p.endswith("/format"):
                    d += " chunks %s %s %s" % (o.chunks[0] if o.chunks else None, o.compression, o.compression_opts)
                layout[p] = d + " " + json.dumps(attrs, sort_keys=True)

    walk(f)
    m = f["processing/MoSeq"]
    frames = m["Images/frames/data"]
    sums = {
        "frames": float(sum(int(frames[i:i + 500].astype(np.int64).sum()) for i in range(0, frames.shape[0], 500))),
        "pcs_nan_rows": int(np.isnan(m["PCs/pcs/data"][:]).any(axis=1).sum()),
        "pcs_clean": float(np.sum(m["PCs/pcs_clean/data"][:].astype(np.float64))),
        "labels_clean": int(m["Labels/labels_clean/data"][:].sum()),
        "timestamps_via_frames_link": float(m["Images/frames/timestamps"][:].sum()),
        "angle": float(np.sum(m["Scalars/angle/data"][:].astype(np.float64))),
        "identifier": f["identifier"][()].decode("utf-8") if isinstance(f["identifier"][()], bytes) else str(f["identifier"][()]),
        "nwb_version": norm_attr("nwb_version", f.attrs["nwb_version"]),
        "file_create_date": len(f["file_create_date"]),
    }
    print(json.dumps({"layout": layout, "values": sums}))


if __name__ == "__main__":
    main(sys.argv[1])
