package org.latentj.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.latentj.symbolic.Critic;
import org.latentj.symbolic.CriticTrainer;
import org.latentj.symbolic.CurveGenerator;
import org.latentj.symbolic.FunctionLibrary;
import org.latentj.util.Progress;

/**
 * How the defaults of Train Symbolic Discriminator were chosen: trains one critic with key=value overrides and
 * prints its held-out accuracy (sign and calibrated) and time. See docs/symbolic.md for the table. Keys as the
 * command's (library, points, generator, gp_length, gp_scale, extensions, ...), other defaults as there.
 */
public final class SymbolicDefaults {

	public static void main(String[] args) {
		Map<String, String> k = new HashMap<>();
		for (String a : args) k.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
		CriticTrainer.Settings s = new CriticTrainer.Settings(FunctionLibrary.load(k.getOrDefault("library", "lib1")), -1, 1,
				Integer.parseInt(k.getOrDefault("points", "700")),
				CurveGenerator.of(k.getOrDefault("generator", "mlp"), Double.parseDouble(k.getOrDefault("gp_length", "0.3")),
						Double.parseDouble(k.getOrDefault("gp_scale", "0.15"))),
				CriticTrainer.Extensions.parse(k.getOrDefault("extensions", "none")), !k.getOrDefault("ext_type", "embed").equals("stack"),
				Integer.parseInt(k.getOrDefault("embed_layers", "2")), Integer.parseInt(k.getOrDefault("embed_width", "16")),
				Integer.parseInt(k.getOrDefault("layers", "2")), Integer.parseInt(k.getOrDefault("width", "128")),
				Critic.Loss.valueOf(k.getOrDefault("loss", "LOGISTIC")), Double.parseDouble(k.getOrDefault("gp", "0")),
				Double.parseDouble(k.getOrDefault("lr", "1e-3")), Double.parseDouble(k.getOrDefault("weight_decay", "1e-7")),
				Integer.parseInt(k.getOrDefault("iters", "1")), Integer.parseInt(k.getOrDefault("batch", "64")),
				Integer.parseInt(k.getOrDefault("epochs", "300")), Integer.parseInt(k.getOrDefault("held_out", "500")),
				Long.parseLong(k.getOrDefault("seed", "1")));
		CriticTrainer.Result r = CriticTrainer.train(s, Progress.NONE);
		int e = r.accuracy().length, w = Math.min(50, e);
		double last = 0;
		for (int i = e - w; i < e; i++) last += r.accuracy()[i] / w;
		System.out.printf(Locale.ROOT, "%s | train(last %d) %.3f | held-out sign %.3f calibrated %.3f (threshold %.3g) | %.1f s%n",
				String.join(" ", args), w, last, r.signAccuracy(), r.calibratedAccuracy(), r.threshold(), r.seconds());
	}
}
