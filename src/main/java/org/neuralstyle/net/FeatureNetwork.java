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
import java.util.Map;

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
}
