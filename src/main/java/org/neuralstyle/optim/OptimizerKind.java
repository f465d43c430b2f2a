package org.neuralstyle.optim;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The optimizers a user can choose by name, with PyTorch's default learning rates. */
public enum OptimizerKind {

	/** {@link Lbfgs} with PyTorch's defaults and the default history memory budget. */
	LBFGS("lbfgs", 1) {
		@Override
		public Optimizer create(NDArray initial, double learningRate) {
			return Lbfgs.builder().learningRate(learningRate).build(initial);
		}
	},

	/** {@link Adam} with PyTorch's betas and epsilon. */
	ADAM("adam", Adam.DEFAULT_LEARNING_RATE) {
		@Override
		public Optimizer create(NDArray initial, double learningRate) {
			return new Adam(initial, learningRate);
		}
	};

	private final String id;
	private final double defaultLearningRate;

	OptimizerKind(String id, double defaultLearningRate) {
		this.id = id;
		this.defaultLearningRate = defaultLearningRate;
	}

	/** The name users type: "lbfgs" or "adam". */
	public String id() {
		return id;
	}

	/** PyTorch's default learning rate for this optimizer. */
	public double defaultLearningRate() {
		return defaultLearningRate;
	}

	/** An optimizer of this kind starting at a copy of {@code initial}. */
	public abstract Optimizer create(NDArray initial, double learningRate);

	/** The kind named {@code name}, ignoring case and a hyphen ("L-BFGS" is lbfgs). */
	public static OptimizerKind fromName(String name) {
		String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace("-", "");
		for (OptimizerKind kind : values()) {
			if (kind.id.equals(key)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown optimizer '" + name + "': use one of "
			+ Arrays.stream(values()).map(OptimizerKind::id).collect(Collectors.joining(", ")) + ".");
	}

	@Override
	public String toString() {
		return id;
	}
}
