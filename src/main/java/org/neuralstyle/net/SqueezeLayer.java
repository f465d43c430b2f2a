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

/**
 * One module of torchvision's SqueezeNet {@code features} sequence, named as in
 * the SqueezeNet papers: {@code conv1} the first convolution, {@code relu1} its
 * rectifier, {@code pool1} a max pooling (named after the module before it:
 * {@code pool3} follows {@code fire3}), {@code fire2} … {@code fire9} the fire
 * modules. {@code index} is the position in {@code features}: CS231n's "layer
 * 3" is {@code fire2}.
 * <p>
 * A fire module squeezes its input to {@code squeeze} channels (1×1 convolution
 * and ReLU), expands that with a 1×1 and a 3×3 convolution of {@code expand1x1}
 * and {@code expand3x3} channels, each rectified, and concatenates the two:
 * {@code outChannels} is their sum. For {@code conv1}, {@code kernel} is its
 * kernel size (3 in SqueezeNet 1.1, 7 in 1.0); the channel widths of other
 * kinds are 0.
 */
public record SqueezeLayer(String name, Kind kind, int index, int inChannels,
		int outChannels, int kernel, int squeeze, int expand1x1, int expand3x3) {

	public enum Kind {
			CONV, RELU, POOL, FIRE
	}
}
