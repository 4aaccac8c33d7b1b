package org.latentj.diffusion.ui;

import java.util.List;

import org.latentj.ui.Present;

import ij.IJ;

/** Warnings of a Diffusion run: on stdout headless (stderr holds only failures), in the Log window in the GUI (the status line would be overwritten). */
final class Warnings {

	private Warnings() {
	}

	static void show(String command, List<String> warnings) {
		for (String w : warnings) {
			if (Present.headless()) System.out.println("LatentJ: " + command + " warning: " + w);
			else IJ.log(command + " warning: " + w);
		}
	}
}
