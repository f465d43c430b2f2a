package org.neuralstyle.fast.train;

/**
 * The losses of one training step, as pytorch/examples logs them: weighted, on the step's batch,
 * before the update.
 *
 * @param step    steps done, counting this one (1 for the first)
 * @param steps   steps the whole training takes
 * @param content content weight × MSE of the relu2_2 features of output and input
 * @param style   style weight × sum over the style layers of the MSE of the Gram matrices
 */
public record TrainingStep(int step, int steps, double content, double style) {

	public double total() {
		return content + style;
	}
}
