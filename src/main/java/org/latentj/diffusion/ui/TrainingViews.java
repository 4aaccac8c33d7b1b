package org.latentj.diffusion.ui;

import java.awt.Color;
import java.util.List;

import org.latentj.diffusion.TrainingHistory;

import ij.gui.Plot;

/** The loss curves of a training run. */
public final class TrainingViews {

	private TrainingViews() {
	}

	/** Training (and validation) loss and its NLL part per epoch. */
	public static Plot lossPlot(TrainingHistory h) {
		List<TrainingHistory.Epoch> epochs = h.epochs();
		int n = epochs.size();
		double[] x = new double[n], train = new double[n], nll = new double[n], valid = new double[n];
		boolean hasValid = n > 0 && h.hasValidation();
		for (int i = 0; i < n; i++) {
			TrainingHistory.Epoch e = epochs.get(i);
			x[i] = e.epoch();
			train[i] = e.trainLoss();
			nll[i] = e.trainNll();
			valid[i] = e.validLoss();
		}
		Plot plot = new Plot("Latent model training", "epoch", "loss per trajectory (NLL per step + beta KL)");
		plot.setLineWidth(2);
		plot.setColor(new Color(31, 119, 180));
		plot.add("line", x, train);
		plot.setColor(new Color(127, 127, 127));
		plot.add("line", x, nll);
		StringBuilder legend = new StringBuilder("training loss\ntraining NLL\n");
		if (hasValid) {
			plot.setColor(new Color(214, 39, 40));
			plot.add("line", x, valid);
			legend.append("validation loss\n");
		}
		plot.setColor(Color.BLACK);
		plot.addLegend(legend.toString());
		plot.setLimitsToFit(false);
		return plot;
	}
}
