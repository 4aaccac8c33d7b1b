package org.latentj.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Adam as torch.optim.Adam: weight decay is an L2 term added to the gradient (not AdamW's decoupled decay),
 * bias-corrected moments, eps added to the square root. The one optimizer of the project's networks: the symbolic
 * critic's and the diffusion VAE's encoder and decoder (weight decay 0).
 */
public final class Adam {

	private final double lr, beta1, beta2, eps, weightDecay;
	private final List<double[]> params = new ArrayList<>(), grads = new ArrayList<>(), m = new ArrayList<>(), v = new ArrayList<>();
	private int t;

	public Adam(double lr, double beta1, double beta2, double weightDecay) {
		this.lr = lr;
		this.beta1 = beta1;
		this.beta2 = beta2;
		this.eps = 1e-8;
		this.weightDecay = weightDecay;
	}

	/** Adds the parameters of a network to those this optimizer steps. */
	public Adam add(Mlp net) {
		int before = params.size();
		net.collect(params, grads);
		for (int i = before; i < params.size(); i++) {
			m.add(new double[params.get(i).length]);
			v.add(new double[params.get(i).length]);
		}
		return this;
	}

	/** One step from the accumulated gradients (which it leaves as they are). */
	public void step() {
		t++;
		double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
		for (int a = 0; a < params.size(); a++) {
			double[] p = params.get(a), g = grads.get(a), ma = m.get(a), va = v.get(a);
			for (int i = 0; i < p.length; i++) {
				double gi = g[i] + weightDecay * p[i];
				ma[i] = beta1 * ma[i] + (1 - beta1) * gi;
				va[i] = beta2 * va[i] + (1 - beta2) * gi * gi;
				p[i] -= lr * (ma[i] / c1) / (Math.sqrt(va[i] / c2) + eps);
			}
		}
	}
}
