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

import java.io.IOException;

import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.StateDict;

/**
 * Reads a loss network's weights from a state dict, refusing a tensor of the
 * wrong size or with non-finite values in one message: shared by {@link Vgg}
 * and {@link SqueezeNet}.
 */
final class LossNetworkTensors {

	private LossNetworkTensors() {}

	/**
	 * The values of {@code name}, which must hold {@code expected} finite values;
	 * {@code network} names what the file should hold ("a VGG network").
	 */
	static float[] read(StateDict sd, String network, String name, long expected)
		throws IOException
	{
		float[] values = sd.readFloats(name);
		if (values.length != expected) throw new CheckpointException("Tensor " +
			name + " in " + sd.source() + " holds " + values.length +
			" values where the network needs " + expected +
			": the file is corrupt or not " + network +
			". Download it again or pass another file.");
		for (float v : values)
			if (!Float.isFinite(v)) throw new CheckpointException("Tensor " + name +
				" in " + sd.source() +
				" contains NaN or infinite values: the file is corrupt. Download it again or pass another file.");
		return values;
	}
}
