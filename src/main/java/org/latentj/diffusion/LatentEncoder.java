package org.latentj.diffusion;

import org.latentj.util.Parallel;
import org.latentj.util.Progress;

/** Encodes trajectories with a trained {@link LatentVae}: mu and log sigma^2 per trajectory, in parallel. */
public final class LatentEncoder {

	private LatentEncoder() {
	}

	/** Cost per trajectory: T logs and the encoder's ~T*200 + 200*100 + 100*2Z multiply-adds. */
	public static Latents encode(LatentVae vae, Trajectories trajectories, Progress progress) {
		Trajectories dx = trajectories.displacements();
		if (dx.length() != vae.length())
			throw new IllegalArgumentException("trajectories have " + dx.length() + " steps, the model " + vae.length());
		int n = dx.count(), Z = vae.latents();
		double[] mu = new double[n * Z], logVar = new double[n * Z];
		int block = 512, blocks = (n + block - 1) / block;
		Parallel.forEach(blocks, b -> {
			LatentVae.Batch w = vae.batch(32);
			int first = b * block;
			vae.encode(dx.values(), first, Math.min(block, n - first), mu, logVar, w);
		}, progress, "encoding");
		return new Latents(Z, dx.alphas(), dx.ds(), mu, logVar);
	}
}
