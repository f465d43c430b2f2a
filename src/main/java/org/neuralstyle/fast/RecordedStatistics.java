package org.neuralstyle.fast;

import java.util.HashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * InstanceNorm statistics taken from one image and then imposed on others. While recording, the
 * network normalizes the image by its own statistics, as usual, and each layer's per-channel mean
 * and variance are kept; after {@link #freeze()} every image is normalized by the kept values.
 * Recorded on a downscaled copy of a large picture, they let each tile of it be normalized as
 * the whole picture would be.
 */
final class RecordedStatistics implements InstanceStatistics {

	private final Map<String, float[][]> recorded = new HashMap<>();
	private boolean frozen;

	/** Ends recording: from now on every image is normalized by the recorded values. */
	void freeze() {
		frozen = true;
	}

	@Override
	public NDArray[] of(String layer, NDArray activations) {
		if (!frozen) {
			if (activations.getShape().get(0) != 1) throw new IllegalArgumentException("Statistics are recorded from one image");
			NDArray[] own = OWN.of(layer, activations);
			recorded.put(layer, new float[][] {own[0].toFloatArray(), own[1].toFloatArray()});
			return own;
		}
		float[][] meanVariance = recorded.get(layer);
		if (meanVariance == null) throw new IllegalStateException("No statistics were recorded for layer " + layer);
		Shape shape = new Shape(1, meanVariance[0].length, 1);
		return new NDArray[] {
			activations.getManager().create(meanVariance[0], shape), activations.getManager().create(meanVariance[1], shape)};
	}
}
