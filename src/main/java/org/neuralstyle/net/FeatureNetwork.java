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

package org.neuralstyle.net;

import ai.djl.ndarray.NDArray;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A loss network loaded up to the deepest layer a run needs: what the
 * optimization asks of VGG and SqueezeNet alike. Feature maps live in the
 * manager of the image they come from.
 */
public interface FeatureNetwork extends AutoCloseable {

	/**
	 * The named layers' outputs for an RGB image in [0, 1] (1×3×H×W), normalized
	 * with the ImageNet mean and standard deviation of torchvision's weights on
	 * the way in.
	 */
	Map<String, NDArray> features(NDArray image, Collection<String> wanted);

	/**
	 * The named layers' outputs for a network input already preprocessed
	 * ({@link Preprocessing#toInput}).
	 */
	Map<String, NDArray> featuresOfInput(NDArray input,
		Collection<String> wanted);

	@Override
	void close();

	/**
	 * Runs {@code layers} in order from {@code input}, keeping the outputs of the
	 * wanted ones and stopping after the deepest of them: the layers past it
	 * would cost time and memory and change no loss.
	 *
	 * @param name a layer's name, as {@code wanted} spells it
	 * @param apply one layer on its input
	 */
	static <L> Map<String, NDArray> outputs(NDArray input, List<L> layers,
		Function<L, String> name, BiFunction<L, NDArray, NDArray> apply,
		Collection<String> wanted)
	{
		Map<String, NDArray> out = new LinkedHashMap<>();
		int remaining = (int) wanted.stream().distinct().count();
		NDArray x = input;
		for (L layer : layers) {
			if (remaining == 0) break;
			x = apply.apply(layer, x);
			if (wanted.contains(name.apply(layer))) {
				out.put(name.apply(layer), x);
				remaining--;
			}
		}
		return out;
	}
}
