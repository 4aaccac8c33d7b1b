"""hdmf, the engine under pynwb, reads each file into its builder tree (links resolved, strings
decoded, neurodata types found); prints whether the trees of two files are identical, for
MoSeqNwbH5pyTest. pynwb itself builds its NWBFile objects from exactly these builders.
Usage: python3 hdmf_builders.py REFERENCE.nwb OTHER.nwb"""
import sys
from hdmf.build import BuildManager, GroupBuilder, DatasetBuilder, LinkBuilder
from hdmf.common import get_type_map
from hdmf.backends.hdf5 import HDF5IO
for fn in sys.argv[1:]:
    io = HDF5IO(fn, mode='r', manager=BuildManager(get_type_map()))
    root = io.read_builder()
    out = []
    def walk(b, path):
        for name, sub in sorted(b.items()) if isinstance(b, GroupBuilder) else []:
            p = path + '/' + name
            if p.startswith('/specifications') or p.startswith('/general/'): continue
            if isinstance(sub, LinkBuilder):
                out.append((p, 'link', sub.builder.name, sub.builder.attributes.get('neurodata_type')))
            elif isinstance(sub, GroupBuilder):
                out.append((p, 'group', sub.attributes.get('neurodata_type'), type(sub.attributes.get('neurodata_type')).__name__))
                walk(sub, p)
            elif isinstance(sub, DatasetBuilder):
                d = sub.data
                out.append((p, 'dataset', type(d).__name__ if not hasattr(d, 'shape') else str(d.shape[1:]), sub.attributes.get('unit')))
    walk(root, '')
    print(fn.split('/')[-1], len(out), 'builders; start time:', repr(root['session_start_time'].data), '; masks link:',
          [o for o in out if o[0].endswith('masked_imageseries')])
    globals().setdefault('results', []).append(out)
    io.close()
a, b = results
print('identical builder trees:', a == b)
for x, y in zip(a, b):
    if x != y: print(' ', x, '\n  ', y)
