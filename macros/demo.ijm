// LatentJ demo: the whole pipeline on the sessions in test-data/, results under the folder given as the
// macro argument (default "out"). Runs headless:
//   java -cp 'target/lib/*' org.latentj.Headless -batch macros/demo.ijm out
// and in Fiji (Plugins > Macros > Run...), where the images and plots also open in windows.
out = getArgument();
if (out == "") out = "out";
File.makeDirectory(out);
sessions = "test-data/sim_session_1.nwb;test-data/sim_session_2.nwb";

// 1. A session: calibrated depth video (virtual), PCs and scalars
run("Open MoSeq NWB", "path=test-data/sim_session_1.nwb pcs=10 output=[" + out + "/session]");
print("Opened " + getTitle() + ": " + nSlices + " frames of " + getWidth() + "x" + getHeight());
close("*");

// 2. Syllables: fit an autoregressive HMM to both sessions, then apply it
run("Fit HMM", "sessions=[" + sessions + "] observations=ar states=6 lags=2 pcs=10 seed=1 output=[" + out + "/fit]");
run("Apply Model", "model=[" + out + "/fit/model.json] sessions=[" + sessions + "] decode=viterbi output=[" + out + "/apply]");
close("*");

// 3. Seeing syllables, all from the Apply Model labels: statistics, crowd movies of the three syllables with the
//    most onsets and of syllable 0 (Fit HMM numbers states by usage, so 0 is the most used by frames), an overlay
labels = out + "/apply";
syl = out + "/syllables";
run("Syllable Statistics", "sessions=[" + sessions + "] labels=[" + labels + "] output=[" + syl + "/statistics]");
top = mostUsed(syl + "/statistics/usage.csv", 3);
shown = top;
if (!contains(split(top, ","), "0")) shown = "0," + top;
run("Crowd Movie", "sessions=[" + sessions + "] labels=[" + labels + "] syllable=" + shown + " crop output=[" + syl + "/crowd]");
ids = split(shown, ",");
for (i = 0; i < ids.length; i++)
  if (!File.exists(syl + "/crowd/crowd_" + ids[i] + ".tif")) exit("The crowd movie of syllable " + ids[i] + " is missing.");
run("Syllable Overlay", "session=[test-data/sim_session_1.nwb] labels=[" + labels + "] render=rgb last_frame=599 output=[" + syl + "/overlay_sim_session_1.avi]");
print("Most onsets: syllables " + top + "; crowd movies of " + shown + "; overlay " + getTitle() + ", " + nSlices + " frames");
close("*");

// 4. Anomalous diffusion: simulate scaled Brownian motion, measure it, learn and read its latents
sbm = out + "/diffusion";
File.makeDirectory(sbm);
run("Simulate SBM", "alpha_min=0.2 alpha_max=1.8 alpha_steps=21 d_min=1e-5 d_max=1e-2 d_steps=10 n=60 length=400 seed=1 output=[" + sbm + "/sbm.csv]");
run("MSD Analysis", "data=[" + sbm + "/sbm.csv] output=[" + sbm + "/msd]");
run("Train Latent Model", "data=[" + sbm + "/sbm.csv] epochs=40 batch=64 seed=1 output=[" + sbm + "/latent-model.json]");
run("Encode Trajectories", "model=[" + sbm + "/latent-model.json] data=[" + sbm + "/sbm.csv] output=[" + sbm + "/latents.csv]");
run("Latent Analysis", "data=[" + sbm + "/latents.csv] length=400 output=[" + sbm + "/latent-analysis]");
close("*");

// 5. Training dynamics: the phases three small training runs go through (K = 1..4, 3 restarts each), and their
//    transitions characterised again from the saved model
dyn = out + "/dynamics";
run("Fit Training Phases", "runs=[test-data/training-runs] max_states=4 restarts=3 seed=1 output=[" + dyn + "/fit]");
run("Characterize Transitions", "model=[" + dyn + "/fit/model.json] runs=[test-data/training-runs/parity_seed0.csv] output=[" + dyn + "/characterize]");

// 6. Symbolic discriminator, small: a critic of the seed's one-line library, three curves scored with it, a
//    study of libraries of 1, 2 and 4 functions with and without the gradient channel (and of two inputs), and a
//    verdict per latent neuron
sym = out + "/symbolic";
File.makeDirectory(sym);
run("Train Symbolic Discriminator", "library=lib1 points=100 epochs=150 batch=32 held_out=200 seed=1 output=[" + sym + "/critic]");
csv = "x,parabola,sine,zigzag\n";
for (i = 0; i <= 200; i++) {
  x = -1 + i / 100;
  csv = csv + x + "," + (0.05 * (x + 0.3) * (x + 0.3) - 0.1) + "," + (0.1 * sin(4 * x)) + "," + (0.02 * abs((i % 40) - 20)) + "\n";
}
File.saveString(csv, sym + "/curves.csv");
run("Score Curves", "critic=[" + sym + "/critic/critic.json] curves=[" + sym + "/curves.csv] output=[" + sym + "/scores]");
run("Symbolic Study", "library=lib4 max_size=4 extensions=none,gradient points=50 epochs=100 batch=16 width=32 held_out=100 window=20 seed=1 output=[" + sym + "/study]");
// the same for the built-in library of two inputs (x0, x1 on a 10 x 10 grid) against smooth Gaussian-process surfaces
run("Symbolic Study", "library=two-inputs max_size=4 extensions=gradient points=100 generator=gp gp_length=1 epochs=100 batch=16 width=32 held_out=100 window=20 seed=1 output=[" + sym + "/study-two-inputs]");
// the latent neurons of step 4 judged by a critic of the diffusion library on the SBM grid's 21 alphas: Latent
// Analysis's table gains a symbolic score and verdict per neuron
run("Train Symbolic Discriminator", "library=diffusion x_min=0.2 x_max=1.8 points=21 epochs=150 batch=32 held_out=200 seed=1 output=[" + sym + "/diffusion-critic]");
run("Latent Analysis", "data=[" + sbm + "/latents.csv] length=400 critic=[" + sym + "/diffusion-critic/critic.json] output=[" + sym + "/latent-verdicts]");
close("*");
print("LatentJ demo finished; results in " + out);

function contains(array, value) {
  for (i = 0; i < array.length; i++)
    if (array[i] == value) return true;
  return false;
}

// The ids of the n most used syllables (pooled rows of usage.csv, by rank), separated by commas.
function mostUsed(csv, n) {
  lines = split(File.openAsString(csv), "\n");
  head = split(lines[0], ",");
  for (c = 0; c < head.length; c++) {
    if (head[c] == "session") cs = c;
    if (head[c] == "syllable") cy = c;
    if (head[c] == "rank") cr = c;
  }
  ids = newArray(n);
  for (r = 1; r < lines.length; r++) {
    f = split(lines[r], ",");
    if (f.length > cr && f[cs] == "all" && parseInt(f[cr]) <= n) ids[parseInt(f[cr]) - 1] = f[cy];
  }
  return String.join(ids, ",");
}
