package org.neuralstyle.loss;

import ai.djl.ndarray.NDArray;

import java.util.Map;
import org.neuralstyle.tensor.Scalars;

/**
 * Style loss: mean squared error between the Gram matrices of the output and the target Gram
 * matrices, summed over the style layers with their weights. With several style images the
 * target of a layer is the blend-weighted average of their Gram matrices.
 */
public final class StyleLoss {

	private final Map<String, NDArray> targetGrams;
	private final Map<String, Float> layerWeights;

	public StyleLoss(Map<String, NDArray> targetGrams, Map<String, Float> layerWeights) {
		this.targetGrams = targetGrams;
		this.layerWeights = layerWeights;
	}

	public NDArray value(Map<String, NDArray> features) {
		NDArray total = null;
		for (Map.Entry<String, NDArray> t : targetGrams.entrySet()) {
			NDArray term = Scalars.times(GramMatrix.of(features.get(t.getKey())).sub(t.getValue()).square().mean(),
				layerWeights.get(t.getKey()));
			total = total == null ? term : total.add(term);
		}
		// No layers (e.g. no style image): a zero that still lives in the features' scope.
		if (total != null) return total;
		NDArray any = features.values().iterator().next();
		return Scalars.of(any.getManager(), 0f, any);
	}
}
