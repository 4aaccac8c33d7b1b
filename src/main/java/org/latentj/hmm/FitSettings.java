package org.latentj.hmm;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.latentj.util.BadInputException;
import org.latentj.util.Choices;

/**
 * The settings of an HMM fit, validated. The keys, labels, defaults, simple bounds and help text are
 * declared once, by the fields of the Fit HMM command ({@code hmm.ui.FitHmmCommand}, whose
 * {@code settings()} checks those bounds and builds this record); the components here are the same
 * names in Java camelCase ({@code forgetting_rate} is {@code forgettingRate}), enumerations as enums.
 * What no single bound can say is checked here, once, with messages naming the key.
 * <p>
 * The record states what runs: {@code lags} is 0 for Gaussian observations, {@code splitMerge} is false
 * with fewer than 3 states (a move needs a pair to merge and a third state to split).
 *
 * @param observations gaussian | ar
 * @param lags AR lags G (0 for Gaussian observations)
 * @param pcs number of leading PCs modeled
 * @param iterations most EM iterations (per restart)
 * @param tolerance EM (and each split/merge round) stops when the training log-likelihood per frame
 *        rises by less than this
 * @param method em | stochastic (over sessions)
 * @param epochs stochastic EM: passes over the sessions
 * @param forgettingRate stochastic EM: step size (1 + t)^-forgetting_rate
 * @param restarts independent starts; the one with the best training log-likelihood is kept
 * @param trainFraction the first train_fraction of each session's frames train, the rest test
 * @param init kmeans | random (the random posterior of the STATS320 ARHMM lab)
 * @param initial uniform (as in the STATS320 ARHMM lab) | learned initial state distribution
 * @param splitMerge after EM converges, try merge-and-split moves (see SplitMerge)
 */
public record FitSettings(ObservationModel observations, int states, int lags, int pcs, int iterations, double tolerance,
		TransitionMode transitions, double stickiness, double kappa, double alpha, Method method, int epochs,
		double forgettingRate, int restarts, long seed, double trainFraction, Standardization.Kind standardize, Init init,
		Initial initial, boolean splitMerge) {

	public enum TransitionMode {
		FIXED, LEARNED
	}

	public enum Method {
		EM, STOCHASTIC
	}

	public enum Init {
		KMEANS, RANDOM
	}

	public enum Initial {
		UNIFORM, LEARNED
	}

	public FitSettings {
		for (Object o : new Object[] { observations, transitions, method, standardize, init, initial })
			if (o == null) throw new BadInputException("Every Fit HMM setting needs a value (one is missing).");
		if (observations == ObservationModel.AR && lags < 1)
			throw new BadInputException("lags must be at least 1 for autoregressive observations (got " + lags + ").");
		lags = observations.lags(lags);
		if (!(tolerance >= 0)) throw new BadInputException("tolerance must be >= 0 (got " + tolerance + ").");
		if (states > 1 && !(stickiness > 0 && stickiness < 1))
			throw new BadInputException("stickiness must be between 0 and 1, exclusive (got " + stickiness + ").");
		Transitions.checkPrior(kappa, alpha);
		if (!(forgettingRate > 0 && forgettingRate <= 1))
			throw new BadInputException("forgetting_rate must be in (0, 1] (got " + forgettingRate + ").");
		if (!(trainFraction > 0 && trainFraction <= 1))
			throw new BadInputException("train_fraction must be in (0, 1] (got " + trainFraction + ").");
		if (splitMerge && method == Method.STOCHASTIC && states >= 3)
			throw new BadInputException("split_merge runs after method=em only: with method=stochastic set split_merge=false.");
		splitMerge = splitMerge && states >= 3;
	}

	/** Settings stated by the model itself in model.json (its body), so training.settings leaves them out. */
	static final Set<String> STATED_BY_MODEL = Set.of("observations", "states", "lags", "pcs", "transitions", "stickiness",
			"kappa", "alpha", "standardize", "initial");

	/** The macro key of a component: its camelCase name in snake_case. */
	public static String key(String component) {
		return component.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
	}

	/** Every setting by macro key, in declaration order, with macro values (option strings, numbers, booleans). */
	public Map<String, Object> toMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		for (RecordComponent c : FitSettings.class.getRecordComponents()) {
			Object v;
			try {
				v = c.getAccessor().invoke(this);
			} catch (ReflectiveOperationException e) {
				throw new IllegalStateException(e);
			}
			m.put(key(c.getName()), v instanceof Enum<?> e ? Choices.key(e) : v);
		}
		return m;
	}

	/** What model.json records as training.settings: the settings the model body does not state. */
	public Map<String, Object> trainingMap() {
		Map<String, Object> m = toMap();
		m.keySet().removeAll(STATED_BY_MODEL);
		return m;
	}

	/**
	 * Settings from macro values by key (as {@link #toMap()} gives them, e.g. read back from a model
	 * file); every key is needed, unknown keys are refused.
	 */
	public static FitSettings of(Map<String, ?> values) {
		RecordComponent[] cs = FitSettings.class.getRecordComponents();
		for (String k : values.keySet()) {
			boolean known = false;
			for (RecordComponent c : cs) known |= key(c.getName()).equals(k);
			if (!known) throw new BadInputException("'" + k + "' is not a Fit HMM setting.");
		}
		Object[] args = new Object[cs.length];
		Class<?>[] types = new Class<?>[cs.length];
		for (int i = 0; i < cs.length; i++) {
			String k = key(cs[i].getName());
			types[i] = cs[i].getType();
			if (!values.containsKey(k)) throw new BadInputException("The Fit HMM setting " + k + " is missing.");
			args[i] = value(k, types[i], values.get(k));
		}
		try {
			Constructor<FitSettings> c = FitSettings.class.getDeclaredConstructor(types);
			return c.newInstance(args);
		} catch (java.lang.reflect.InvocationTargetException e) {
			if (e.getCause() instanceof RuntimeException r) throw r;
			throw new IllegalStateException(e);
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The settings a model file records: its body (observations, states, lags, dim, standardization,
	 * transitions, initial) and training.settings (old files list every key there; the body wins).
	 */
	public static FitSettings of(ModelFile.Data m) {
		Map<String, Object> v = new LinkedHashMap<>(m.settings);
		v.put("observations", m.observations);
		v.put("states", m.states);
		v.put("lags", m.lags);
		v.put("pcs", m.dim);
		v.put("transitions", m.transitions);
		v.put("stickiness", m.stickiness);
		v.put("kappa", m.kappa);
		v.put("alpha", m.alpha);
		v.put("standardize", m.standardization);
		v.put("initial", m.initialLearned ? "learned" : "uniform");
		return of(v);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object value(String key, Class<?> type, Object v) {
		if (type.isEnum()) {
			if (v instanceof Enum<?>) return v;
			return Choices.parse((Class) type, key, v == null ? null : v.toString());
		}
		if (type == boolean.class) {
			if (v instanceof Boolean) return v;
			throw new BadInputException(key + " must be true or false (got '" + v + "').");
		}
		if (type == double.class) {
			if (v instanceof Number n) return n.doubleValue();
			throw new BadInputException(key + " must be a number (got '" + v + "').");
		}
		long n = wholeLong(key, v);
		if (type == long.class) return n;
		if (n != (int) n) throw new BadInputException(key + " is out of range (got " + n + ").");
		return (int) n;
	}

	private static long wholeLong(String key, Object v) {
		if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
		if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) return d.longValue();
		throw new BadInputException(key + " must be a whole number (got '" + v + "').");
	}
}
