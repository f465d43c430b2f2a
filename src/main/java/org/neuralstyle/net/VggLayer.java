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
 * One named layer of a VGG feature stack, in the naming of the style-transfer
 * literature: {@code conv3_1} is the first convolution of block 3,
 * {@code relu3_1} its rectifier, {@code pool3} the pooling that ends the block.
 * {@code index} is the position in torchvision's {@code features} sequence; for
 * a convolution its weights are {@code features.<index>.weight}.
 */
public record VggLayer(String name, Kind kind, int index, int inChannels,
		int outChannels) {

	public enum Kind {
			CONV, RELU, POOL
	}
}
