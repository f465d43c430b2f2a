/*-
 * #%L
 * Neural style transfer (Gatys et al. optimization, Johnson et al. fast models) for Fiji and ImageJ, on DJL and PyTorch.
 * %%
 * Copyright (C) 2026 Neural Style for Fiji developers.
 * %%
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 * 
 *      http://www.apache.org/licenses/LICENSE-2.0
 * 
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 * #L%
 */

package org.neuralstyle.fast;

import java.util.HashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * InstanceNorm statistics taken from one image and then imposed on others.
 * While recording, the network normalizes the image by its own statistics, as
 * usual, and each layer's per-channel mean and variance are kept; after
 * {@link #freeze()} every image is normalized by the kept values. Recorded on a
 * shrunk copy of a large picture, they let each tile of it be normalized as the
 * whole picture would be.
 */
final class RecordedStatistics implements InstanceStatistics {

	private final Map<String, float[][]> recorded = new HashMap<>();
	private boolean frozen;

	/**
	 * Ends recording: from now on every image is normalized by the recorded
	 * values.
	 */
	void freeze() {
		frozen = true;
	}

	@Override
	public NDArray normalize(String layer, NDArray x, NDArray gamma,
		NDArray beta)
	{
		if (!frozen) {
			if (x.getShape().get(0) != 1) throw new IllegalArgumentException(
				"Statistics are recorded from one image");
			NDArray pixels = x.reshape(x.getShape().get(1), -1);
			NDArray mean = pixels.mean(new int[] { 1 });
			NDArray variance = pixels.sub(mean.expandDims(1)).square().mean(
				new int[] { 1 });
			recorded.put(layer, new float[][] { mean.toFloatArray(), variance
				.toFloatArray() });
			return InstanceStatistics.ownNormalization(x, gamma, beta);
		}
		float[][] meanVariance = recorded.get(layer);
		if (meanVariance == null) throw new IllegalStateException(
			"No statistics were recorded for layer " + layer);
		Shape channels = new Shape(meanVariance[0].length);
		return InstanceStatistics.fixedNormalization(x, x.getManager().create(
			meanVariance[0], channels), x.getManager().create(meanVariance[1],
				channels), gamma, beta);
	}
}
