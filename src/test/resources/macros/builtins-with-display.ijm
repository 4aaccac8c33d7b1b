// Built-ins that build a dialog (even when given all their options) next to a LatentJ command: they run
// through the runner when it has a (virtual) display. Used by .ci/run under xvfb-run.
out = getArgument();
newImage("t", "8-bit ramp", 64, 64, 3);
run("Size...", "width=32 height=32 depth=3 interpolation=None");
run("Duplicate...", "title=copy duplicate");
run("Z Project...", "projection=[Max Intensity]");
if (getWidth() != 32) exit("Size... did not run");
run("Simulate MoSeq Session", "output=[" + out + "/display.nwb] frames=100 states=2 pcs=3 seed=2");
run("Open MoSeq NWB", "path=[" + out + "/display.nwb] pcs=3");
run("AVI... ", "compression=JPEG frame=30 save=[" + out + "/display.avi]");
