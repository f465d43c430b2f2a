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

package org.neuralstyle.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.ndarray.types.Shape;

import org.neuralstyle.fast.TransformerNetLayout;
import java.util.Set;

import org.neuralstyle.net.SyntheticVgg;
import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.checkpoint.TensorInfo;

/**
 * An in-memory state dict for tests, with helpers for random VGG-shaped
 * networks.
 */
public final class MapStateDict implements StateDict {

	private final Map<String, float[]> data = new LinkedHashMap<>();
	private final Map<String, TensorInfo> infos = new LinkedHashMap<>();
	private final Set<String> reads = new java.util.HashSet<>();

	public MapStateDict put(String name, float[] values, long... shape) {
		return put(name, "float32", shape, values);
	}

	public MapStateDict put(String name, long[] shape, float[] values) {
		return put(name, "float32", shape, values);
	}

	/**
	 * A tensor that claims the given data type, e.g. to test that loaders refuse
	 * it.
	 */
	public MapStateDict put(String name, String dtype, long[] shape,
		float[] values)
	{
		infos.put(name, new TensorInfo(name, dtype, shape.clone()));
		data.put(name, values);
		return this;
	}

	public MapStateDict remove(String name) {
		infos.remove(name);
		data.remove(name);
		return this;
	}

	/** The values as stored, without counting a read. */
	public float[] values(String name) {
		return data.get(name);
	}

	/**
	 * A complete fast-style transformation network with seeded random weights.
	 * Hidden layers get unit-variance scaling; the last layer is scaled to give
	 * outputs around 128 with a spread of about 60, like a trained model, so that
	 * clamping to 0..255 does not flatten the result.
	 */
	public static MapStateDict randomTransformerNet(long seed) {
		MapStateDict weights = new MapStateDict();
		Random random = new Random(seed);
		for (Map.Entry<String, Shape> entry : TransformerNetLayout.parameterShapes()
			.entrySet())
		{
			Shape shape = entry.getValue();
			float[] values = new float[(int) shape.size()];
			boolean normWeight = shape.dimension() == 1 && entry.getKey().matches(
				".*in\\d\\.weight");
			boolean last = entry.getKey().startsWith("deconv3.");
			double fanIn = shape.size() / shape.get(0);
			double scale = shape.dimension() == 4 ? (last ? 60 / Math.sqrt(0.5 *
				fanIn) : 1 / Math.sqrt(fanIn)) : 0.1;
			double offset = normWeight ? 1 : last && shape.dimension() == 1 ? 128 : 0;
			for (int i = 0; i < values.length; i++)
				values[i] = (float) (offset + scale * random.nextGaussian());
			weights.put(entry.getKey(), shape.getShape(), values);
		}
		return weights;
	}

	/**
	 * A VGG of the torchvision layout with the given channels per block ("M" ends
	 * a block), random weights from the seed: e.g.
	 * {@code vgg(1, 4, 4, "M", 8, 8, "M", 16)}.
	 */
	public static MapStateDict vgg(long seed, Object... config)
		throws CheckpointException
	{
		SyntheticVgg synthetic = new SyntheticVgg(List.of(config), seed);
		MapStateDict sd = new MapStateDict();
		for (String name : synthetic.names())
			sd.put(name, synthetic.readFloats(name), synthetic.info(name).shape());
		return sd;
	}

	/** Names whose data has been read so far. */
	public Set<String> reads() {
		return Collections.unmodifiableSet(reads);
	}

	@Override
	public Set<String> names() {
		return Collections.unmodifiableSet(infos.keySet());
	}

	@Override
	public TensorInfo info(String name) throws CheckpointException {
		TensorInfo i = infos.get(name);
		if (i == null) throw new CheckpointException("No tensor " + name);
		return i;
	}

	@Override
	public float[] readFloats(String name) throws CheckpointException {
		info(name);
		reads.add(name);
		return data.get(name).clone();
	}

	@Override
	public void close() {}
}
