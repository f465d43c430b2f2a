package org.neuralstyle.fast.train;

import java.nio.file.Path;
import org.neuralstyle.fast.TransformerWeights;

/**
 * How a training ended.
 *
 * @param outcome  completed, cancelled (the model so far is saved) or diverged (nothing saved)
 * @param step     steps done in all, counting those before a resume
 * @param steps    steps the training was to take
 * @param model    the saved model file, or null when nothing was saved
 * @param weights  the trained weights (with the metadata the file carries), or null when diverged
 * @param message  one line for the user
 */
public record TrainingResult(Outcome outcome, int step, int steps, Path model, TransformerWeights weights, String message) {

	public enum Outcome {
		COMPLETED, CANCELLED, DIVERGED
	}
}
