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

import java.util.List;
import java.util.Optional;

import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.KerasWeights;
import org.neuralstyle.checkpoint.StateDict;

/**
 * Which loss network a state dict holds, told by its tensors' names and shapes
 * alone: what a user checking a downloaded file wants to know, and whether the
 * networks here can be built from it.
 */
public final class LossNetworks {

	private static final List<Integer> VGG16 = List.of(64, 64, 128, 128, 256, 256,
		256, 512, 512, 512, 512, 512, 512);
	private static final List<Integer> VGG19 = List.of(64, 64, 128, 128, 256, 256,
		256, 256, 512, 512, 512, 512, 512, 512, 512, 512);

	private LossNetworks() {}

	/**
	 * "a torchvision SqueezeNet 1.1 (conv1 … fire9)", "Keras' VGG16 …", or empty
	 * when the state dict is no loss network (a fast model, say).
	 *
	 * @throws CheckpointException when it looks like one but cannot be built: a
	 *           fire module or convolution missing or of the wrong shape
	 */
	public static Optional<String> describe(StateDict sd)
		throws CheckpointException
	{
		if (SqueezeNet.isSqueezeNet(sd)) {
			List<SqueezeLayer> layout = SqueezeNet.layout(sd);
			SqueezeLayer first = layout.get(0), last = layout.get(layout.size() - 1);
			String version = switch (first.kernel()) {
				case 3 -> " 1.1";
				case 7 -> " 1.0";
				default -> "";
			};
			boolean standard = first.outChannels() == (version.equals(" 1.0") ? 96
				: 64) && last.outChannels() == 512 && last.name().equals("fire9");
			return Optional.of("a torchvision SqueezeNet" + version + (standard ? ""
				: " pattern with other widths") + " (" + layout.size() +
				" modules of features, conv1 … " + last.name() + ")");
		}
		if (sd.names().stream().noneMatch(n -> n.matches(
			"features\\.\\d+\\.weight"))) return Optional.empty();
		List<Integer> widths = Vgg.layout(sd).stream().filter(l -> l
			.kind() == VggLayer.Kind.CONV).map(VggLayer::outChannels).toList();
		String name = widths.equals(VGG16) ? "VGG16" : widths.equals(VGG19)
			? "VGG19" : "a VGG-pattern network of " + widths.size() + " convolutions";
		if (KerasWeights.isKeras(sd)) return Optional.of((name.startsWith("a ")
			? "Keras weights of " + name : "Keras' " + name + " weights") +
			" (BGR input, used with Caffe's preprocessing)");
		return Optional.of("a torchvision " + name);
	}
}
