package org.latentj.hmm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.latentj.util.BadInputException;

/**
 * Every setting of an HMM fit, named as the "Fit HMM" macro keys, with their defaults. Plain public
 * fields; {@link #validate()} checks them all with messages naming the key.
 */
public final class FitSettings {

	/** gaussian | ar */
	public String observations = "ar";
	public int states = 10;
	/** AR lags G (ignored for Gaussian observations). */
	public int lags = 2;
	/** Number of leading PCs modelled. */
	public int pcs = 10;
	/** Most EM iterations (per restart). */
	public int iterations = 100;
	/** EM stops when the training log-likelihood per frame rises by less than this. */
	public double tolerance = 1e-5;
	/** fixed | learned */
	public String transitions = "fixed";
	public double stickiness = 0.95;
	public double kappa = 0;
	public double alpha = 1;
	/** em | stochastic */
	public String method = "em";
	/** Stochastic EM: passes over the sessions. */
	public int epochs = 5;
	/** Stochastic EM: step size (1 + t)^-forgetting_rate. */
	public double forgettingRate = 0.5;
	/** Independent starts; the one with the best training log-likelihood is kept. */
	public int restarts = 3;
	public long seed = 0;
	/** The first train_fraction of each session's frames are for training, the rest for testing. */
	public double trainFraction = 0.8;
	/** zscore | whiten | none */
	public String standardize = "zscore";
	/** kmeans | random (the lab's random posterior) */
	public String init = "kmeans";
	/** Learn the initial state distribution (otherwise uniform, as in the lab). */
	public boolean learnInitial = false;
	/**
	 * After EM converges, try replacing pairs of states that explain the same frames (merge) with a
	 * split of the worst-fitting state, keeping a move only when the training log-likelihood improves.
	 */
	public boolean splitMerge = true;

	public FitSettings validate() {
		observations = choice("observations", observations, "gaussian", "ar");
		transitions = choice("transitions", transitions, "fixed", "learned");
		method = choice("method", method, "em", "stochastic");
		init = choice("init", init, "kmeans", "random");
		Standardization.Kind.parse(standardize);
		standardize = standardize.trim().toLowerCase(Locale.ROOT);
		if (states < 1) throw new BadInputException("states must be at least 1 (got " + states + ").");
		if (isAutoregressive() && lags < 1)
			throw new BadInputException("lags must be at least 1 for autoregressive observations (got " + lags + ").");
		if (pcs < 1) throw new BadInputException("pcs must be at least 1 (got " + pcs + ").");
		if (iterations < 1) throw new BadInputException("iterations must be at least 1 (got " + iterations + ").");
		if (!(tolerance >= 0)) throw new BadInputException("tolerance must be >= 0 (got " + tolerance + ").");
		if (states > 1 && !(stickiness > 0 && stickiness < 1))
			throw new BadInputException("stickiness must be between 0 and 1, exclusive (got " + stickiness + ").");
		Transitions.checkPrior(kappa, alpha);
		if (epochs < 1) throw new BadInputException("epochs must be at least 1 (got " + epochs + ").");
		if (!(forgettingRate > 0 && forgettingRate <= 1))
			throw new BadInputException("forgetting_rate must be in (0, 1] (got " + forgettingRate + ").");
		if (restarts < 1) throw new BadInputException("restarts must be at least 1 (got " + restarts + ").");
		if (!(trainFraction > 0 && trainFraction <= 1))
			throw new BadInputException("train_fraction must be in (0, 1] (got " + trainFraction + ").");
		return this;
	}

	public boolean isAutoregressive() {
		return "ar".equals(observations.trim().toLowerCase(Locale.ROOT));
	}

	/** Lags actually used: 0 for Gaussian observations. */
	public int effectiveLags() {
		return isAutoregressive() ? lags : 0;
	}

	private static String choice(String key, String value, String... allowed) {
		String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
		for (String a : allowed)
			if (a.equals(v)) return v;
		throw new BadInputException(key + " must be " + String.join(" or ", allowed) + " (got '" + value + "').");
	}

	public FitSettings copy() {
		return of(toMap());
	}

	// ------------------------------------------------------------------ by macro key

	/** One setting: its macro key, and how it is read from and written to the fields. */
	private record Key(String name, Function<FitSettings, Object> get, BiConsumer<FitSettings, Object> set) {
	}

	/** Every setting, in the order of the Fit HMM dialog: the one list of macro keys. */
	private static final List<Key> KEYS = List.of(
			new Key("observations", s -> s.observations, (s, v) -> s.observations = text(v)),
			new Key("states", s -> s.states, (s, v) -> s.states = whole("states", v)),
			new Key("lags", s -> s.lags, (s, v) -> s.lags = whole("lags", v)),
			new Key("pcs", s -> s.pcs, (s, v) -> s.pcs = whole("pcs", v)),
			new Key("iterations", s -> s.iterations, (s, v) -> s.iterations = whole("iterations", v)),
			new Key("tolerance", s -> s.tolerance, (s, v) -> s.tolerance = number("tolerance", v)),
			new Key("transitions", s -> s.transitions, (s, v) -> s.transitions = text(v)),
			new Key("stickiness", s -> s.stickiness, (s, v) -> s.stickiness = number("stickiness", v)),
			new Key("kappa", s -> s.kappa, (s, v) -> s.kappa = number("kappa", v)),
			new Key("alpha", s -> s.alpha, (s, v) -> s.alpha = number("alpha", v)),
			new Key("method", s -> s.method, (s, v) -> s.method = text(v)),
			new Key("epochs", s -> s.epochs, (s, v) -> s.epochs = whole("epochs", v)),
			new Key("forgetting_rate", s -> s.forgettingRate, (s, v) -> s.forgettingRate = number("forgetting_rate", v)),
			new Key("restarts", s -> s.restarts, (s, v) -> s.restarts = whole("restarts", v)),
			new Key("seed", s -> s.seed, (s, v) -> s.seed = wholeLong("seed", v)),
			new Key("train_fraction", s -> s.trainFraction, (s, v) -> s.trainFraction = number("train_fraction", v)),
			new Key("standardize", s -> s.standardize, (s, v) -> s.standardize = text(v)),
			new Key("init", s -> s.init, (s, v) -> s.init = text(v)),
			new Key("initial", s -> s.learnInitial ? "learned" : "uniform",
					(s, v) -> s.learnInitial = choice("initial", text(v), "uniform", "learned").equals("learned")),
			new Key("split_merge", s -> s.splitMerge, (s, v) -> s.splitMerge = bool("split_merge", v)));

	/** The macro keys of every setting, in the order of the Fit HMM dialog. */
	public static List<String> keys() {
		return KEYS.stream().map(Key::name).toList();
	}

	/**
	 * The settings by macro key, in the order of {@link #keys()}, with macro values (text, Integer,
	 * Long, Double, Boolean): what model.json records as training.settings.
	 */
	public Map<String, Object> toMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		for (Key k : KEYS) m.put(k.name, k.get.apply(this));
		return m;
	}

	/** Settings from macro values by key (as {@link #toMap()} gives them); keys left out keep their defaults. */
	public static FitSettings of(Map<String, ?> values) {
		FitSettings s = new FitSettings();
		for (Map.Entry<String, ?> e : values.entrySet()) s.set(e.getKey(), e.getValue());
		return s;
	}

	/** Sets one setting by its macro key. */
	public FitSettings set(String key, Object value) {
		for (Key k : KEYS)
			if (k.name.equals(key)) {
				k.set.accept(this, value);
				return this;
			}
		throw new BadInputException("'" + key + "' is not a Fit HMM setting (" + String.join(", ", keys()) + ").");
	}

	private static String text(Object v) {
		return v == null ? null : v.toString();
	}

	private static long wholeLong(String key, Object v) {
		if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
		throw new BadInputException(key + " must be a whole number (got '" + v + "').");
	}

	private static int whole(String key, Object v) {
		long n = wholeLong(key, v);
		if (n != (int) n) throw new BadInputException(key + " is out of range (got " + n + ").");
		return (int) n;
	}

	private static double number(String key, Object v) {
		if (v instanceof Number) return ((Number) v).doubleValue();
		throw new BadInputException(key + " must be a number (got '" + v + "').");
	}

	private static boolean bool(String key, Object v) {
		if (v instanceof Boolean) return (Boolean) v;
		throw new BadInputException(key + " must be true or false (got '" + v + "').");
	}
}
