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
import java.util.Random;

import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.TensorIndex;
import org.neuralstyle.checkpoint.TensorInfo;

/**
 * A state dict of torchvision VGG shapes whose weights are random (He
 * initialization, seeded), generated when read. Benchmarks use it to time the
 * real VGG19 without its 548 MB file, and tests use small ones. It is never a
 * substitute for trained weights: a stylization with it means nothing.
 */
public final class SyntheticVgg extends TensorIndex.Indexed {

	/**
	 * torchvision's configuration "E" (VGG19): channels per convolution, "M" for
	 * pooling.
	 */
	public static final List<Object> VGG19 = List.of(64, 64, "M", 128, 128, "M",
		256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M");
	/** torchvision's configuration "D" (VGG16). */
	public static final List<Object> VGG16 = List.of(64, 64, "M", 128, 128, "M",
		256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M");

	private final long seed;

	public SyntheticVgg(List<Object> config, long seed) {
		super(index(config));
		this.seed = seed;
	}

	/** torchvision's names and shapes of the configuration's convolutions. */
	private static TensorIndex index(List<Object> config) {
		TensorIndex infos = new TensorIndex("the synthetic VGG");
		int index = 0, in = 3;
		for (Object o : config) {
			if ("M".equals(o)) {
				index++;
				continue;
			}
			int out = (Integer) o;
			infos.add(new TensorInfo("features." + index + ".weight", "float32",
				new long[] { out, in, 3, 3 }));
			infos.add(new TensorInfo("features." + index + ".bias", "float32",
				new long[] { out }));
			index += 2;
			in = out;
		}
		return infos;
	}

	@Override
	public float[] readFloats(String name) throws CheckpointException {
		TensorInfo info = info(name);
		Random r = new Random(seed * 31 + name.hashCode());
		float[] v = new float[(int) info.numel()];
		boolean bias = name.endsWith(".bias");
		double scale = bias ? 0.01 : Math.sqrt(2.0 / (info.shape()[1] * 9));
		for (int i = 0; i < v.length; i++)
			v[i] = (float) (r.nextGaussian() * scale);
		return v;
	}

	@Override
	public void close() {}
}
