package org.neuralstyle.loss;

import ai.djl.ndarray.NDArray;

import java.util.Map;
import org.neuralstyle.tensor.Scalars;

/**
 * Content loss: mean squared error between the output's feature maps and the content image's,
 * summed over the content layers with their weights. The targets are constants (no gradient).
 */
public final class ContentLoss {

	private final Map<String, NDArray> targets;
	private final Map<String, Float> layerWeights;

	/** @param targets content features per layer; @param layerWeights weight per layer */
	public ContentLoss(Map<String, NDArray> targets, Map<String, Float> layerWeights) {
		this.targets = targets;
		this.layerWeights = layerWeights;
	}

	/** The loss as a scalar array in the graph of {@code features}. */
	public NDArray value(Map<String, NDArray> features) {
		NDArray total = null;
		for (Map.Entry<String, NDArray> t : targets.entrySet()) {
			NDArray term = Scalars.times(features.get(t.getKey()).sub(t.getValue()).square().mean(), layerWeights.get(t.getKey()));
			total = total == null ? term : total.add(term);
		}
		// No layers (e.g. no style image): a zero that still lives in the features' scope.
		if (total != null) return total;
		NDArray any = features.values().iterator().next();
		return Scalars.of(any.getManager(), 0f, any);
	}
}
