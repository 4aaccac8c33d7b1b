#!/usr/bin/env bash
# Issue 12's reproductions as headless macros against one build, one line per case:
#   case | exit code | first line of output (progress lines skipped) | stack trace printed | inputs survived
# Usage: tools/issue12-before-after.sh <target/lib of a build> [scratch folder]
# Run it against the build before the issue-12 work and the current one (docs/promises.md has the table).
# Cases 6, 8 and 10 mount tmpfs (root only; reported as "not run" elsewhere); 4's FIFO needs mkfifo.
set -u
LIB=$(cd "$1" && pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=${2:-$(mktemp -d /tmp/issue12.XXXXXX)}
mkdir -p "$SCRATCH"
SCRATCH=$(cd "$SCRATCH" && pwd)
cd "$SCRATCH"
MOSEQ=${MOSEQ:-/work/shared/data/moseq}
FIX=$ROOT/src/test/resources/org/latentj/nwb/fixtures
XMX=${XMX:-512m}

# run CASE TIMEOUT MACRO [INPUT...]: runs the macro, prints one line
run() {
	local id=$1 limit=$2 macro=$3
	shift 3
	local before after survived=yes
	before=$(for f in "$@"; do md5sum <"$f" 2>/dev/null || echo missing; done)
	printf '%s\n' "$macro" >"m$id.ijm"
	timeout "$limit" java -Djava.awt.headless=true -Xmx$XMX -cp "$LIB/*" org.latentj.Headless -batch "m$id.ijm" >"out$id.txt" 2>&1
	local code=$?
	after=$(for f in "$@"; do md5sum <"$f" 2>/dev/null || echo missing; done)
	[ "$before" = "$after" ] || survived=NO
	[ $# -eq 0 ] && survived=-
	local first
	first=$(grep -v '^\s*$' "out$id.txt" | grep -vE '^WARNING|[0-9]+%|: (writing|reading) ' | head -1 | cut -c1-150)
	[ $code -eq 124 ] && first="(no output after ${limit} s: killed)"
	local trace=no
	grep -q $'^\tat ' "out$id.txt" && trace=yes
	printf '%s | %s | %s | %s | %s\n' "$id" "$code" "${first:-(no output)}" "$trace" "$survived"
}

note() { printf '%s | - | %s | - | -\n' "$1" "$2"; }

cp "$MOSEQ/session_a.nwb" "$MOSEQ/session_b.nwb" .
A=$SCRATCH/session_a.nwb
B=$SCRATCH/session_b.nwb
QUICK="observations=gaussian pcs=3 iterations=3 restarts=1 split_merge=false"

# inputs for case 1 (made by the build under test)
cat >prep.ijm <<EOF
run('Simulate SBM', 'alpha_steps=2 d_steps=2 n=10 length=20 seed=1 output=[$SCRATCH/x.csv]');
run('Train Latent Model', 'data=[$SCRATCH/x.csv] latents=2 epochs=1 batch=16 output=[$SCRATCH/m.json]');
EOF
java -Djava.awt.headless=true -cp "$LIB/*" org.latentj.Headless -batch prep.ijm >prep.txt 2>&1
cp x.csv y.csv
run 1a 120 "run('Encode Trajectories', 'model=[$SCRATCH/m.json] data=[$SCRATCH/x.csv] output=[$SCRATCH/x.csv]');" x.csv m.json
run 1b 120 "run('Train Latent Model', 'data=[$SCRATCH/y.csv] epochs=1 batch=16 output=[$SCRATCH/y.csv]');" y.csv

# 2: a second fit into the same folder must replace it whole (old: labels/session_b.csv of the first fit stays)
run 2a 300 "run('Fit HMM', 'sessions=[$A;$B] states=4 $QUICK output=[$SCRATCH/F]');" "$A" "$B"
run 2b 300 "run('Fit HMM', 'sessions=[$A] states=3 $QUICK output=[$SCRATCH/F]');" "$A"
note 2 "labels/session_b.csv after the second fit: $([ -e F/labels/session_b.csv ] && echo 'still there (merged)' || echo 'gone (replaced whole)')"

note 3 "not run: needs a run killed while it writes (OutputsTest.aFailedRunLeavesNothingAndStaleLeftoversOfADeadRunAreRemoved)"

# 4: an HDF5 external link to a FIFO (old: hangs)
mkdir -p ext && cp "$FIX/external_timestamps.nwb" ext/ && rm -f ext/timestamps.fifo && mkfifo ext/timestamps.fifo
run 4 30 "run('Open MoSeq NWB', 'path=[$SCRATCH/ext/external_timestamps.nwb] pcs=2 frames=false output=[$SCRATCH/ext/T]');" ext/external_timestamps.nwb

# 5: a chunk declared far larger than its dataset
cp "$FIX/bomb_chunk_shape.nwb" .
run 5 60 "run('Open MoSeq NWB', 'path=[$SCRATCH/bomb_chunk_shape.nwb] pcs=4 frames=false output=[$SCRATCH/bomb]');" bomb_chunk_shape.nwb

# 6: disk full (a 96 kB tmpfs)
mkdir -p disk
if mount -t tmpfs -o size=96k tmpfs disk 2>/dev/null; then
	run 6 300 "run('Fit HMM', 'sessions=[$A] states=3 $QUICK output=[$SCRATCH/disk/F]');" "$A"
	note 6 "left on the full disk: $(ls -A disk | tr '\n' ' ')"
	umount disk
else note 6 "not run: mounting a tmpfs needs root"; fi

# 7: memory (a 2e9-value simulation; a model file declaring 2e9 lags), at -Xmx256m
XMX=256m run 7a 120 "run('Simulate SBM', 'alpha_steps=1 d_steps=1 n=1 length=2000000000 output=[$SCRATCH/big.csv]');"
run 7 300 "run('Fit HMM', 'sessions=[$A] states=3 observations=ar lags=2 pcs=3 iterations=2 restarts=1 split_merge=false output=[$SCRATCH/F7]');" "$A"
if [ -f F7/model.json ]; then
	sed 's/"lags": *[0-9]*/"lags": 2000000000/' F7/model.json >crafted.json
	XMX=256m run 7b 120 "run('Apply Model', 'model=[$SCRATCH/crafted.json] sessions=[$A] output=[$SCRATCH/A7]');" crafted.json "$A"
else note 7b "not run: the AR fit wrote no model.json"; fi

# 8: an output far larger than the disk (Syllable Overlay zoom=16 on a 1 MB tmpfs)
mkdir -p disk8
if mount -t tmpfs -o size=1m tmpfs disk8 2>/dev/null; then
	run 8 120 "run('Syllable Overlay', 'session=[$A] labels=nwb render=rgb zoom=16 first_frame=0 last_frame=99 output=[$SCRATCH/disk8/ov.tif]');" "$A"
	umount disk8
else note 8 "not run: mounting a tmpfs needs root"; fi

# 9: a label 2147483647 in a labels CSV
if [ -f F/labels/session_a.csv ]; then
	mkdir -p L9 && awk -F, 'BEGIN{OFS=","} NR==2{$3=2147483647} {print}' F/labels/session_a.csv >L9/session_a.csv
	run 9 120 "run('Syllable Statistics', 'sessions=[$A] labels=[$SCRATCH/L9/session_a.csv] output=[$SCRATCH/S9]');" L9/session_a.csv "$A"
else note 9 "not run: case 2 wrote no labels"; fi

# 10: a writable output folder in a read-only parent (a cluster's /scratch/$USER)
mkdir -p ro
if mount -t tmpfs -o size=4m tmpfs ro 2>/dev/null; then
	mkdir -p ro/user && mount -t tmpfs -o size=4m tmpfs ro/user && mount -o remount,ro ro
	run 10 300 "run('Fit HMM', 'sessions=[$A] states=3 $QUICK output=[$SCRATCH/ro/user]');" "$A"
	note 10 "in the writable folder: $(ls -A ro/user | tr '\n' ' ')"
	umount ro/user; umount ro
else note 10 "not run: mounting a tmpfs needs root"; fi

# 11: output=[/]
run 11 120 "run('Fit HMM', 'sessions=[$A] states=3 $QUICK output=[/]');" "$A"
# 12: a misspelled command
run 12 60 "run('Fit Hmm', 'sessions=[$A]');"
# 13: Simulate MoSeq Session into an existing folder (old: <folder>.nwb beside it, after simulating)
mkdir -p sim13
run 13 120 "run('Simulate MoSeq Session', 'frames=3000 output=[$SCRATCH/sim13]');"
note 13 "sim13.nwb beside the folder: $([ -e sim13.nwb ] && echo yes || echo no)"
# 14: a key given twice; seed=1e30
run 14a 60 "run('Simulate SBM', 'alpha_steps=1 d_steps=1 n=10 n=20 length=20 output=[$SCRATCH/s14.csv]');"
run 14b 60 "run('Simulate SBM', 'alpha_steps=1 d_steps=1 n=10 length=20 seed=1e30 output=[$SCRATCH/s14b.csv]');"
# 15: stochastic EM with split/merge (old: split/merge silently skipped)
run 15 300 "run('Fit HMM', 'sessions=[$A] states=3 observations=gaussian pcs=3 iterations=3 restarts=1 method=stochastic epochs=1 split_merge=true output=[$SCRATCH/F15]');" "$A"
# 16: MSD Analysis headless without data
run 16 60 "run('MSD Analysis', 'output=[$SCRATCH/M16]');"
