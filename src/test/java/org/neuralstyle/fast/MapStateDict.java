package org.neuralstyle.fast;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import ai.djl.ndarray.types.Shape;

import org.neuralstyle.weights.CheckpointException;
import org.neuralstyle.weights.StateDict;
import org.neuralstyle.weights.TensorInfo;

/** A state dict held in memory, for tests that need checkpoints no file holds. */
final class MapStateDict implements StateDict {

	private final Map<String, TensorInfo> infos = new LinkedHashMap<>();
	private final Map<String, float[]> data = new LinkedHashMap<>();

	/**
	 * A complete transformation network with seeded random weights. Hidden layers get unit-variance
	 * scaling; the last layer is scaled to give outputs around 128 with a spread of about 60, like a
	 * trained model, so that clamping to 0..255 does not flatten the result.
	 */
	static MapStateDict randomTransformerNet(long seed) {
		MapStateDict weights = new MapStateDict();
		Random random = new Random(seed);
		for (Map.Entry<String, Shape> entry : TransformerNetLayout.parameterShapes().entrySet()) {
			Shape shape = entry.getValue();
			float[] values = new float[(int) shape.size()];
			boolean normWeight = shape.dimension() == 1 && entry.getKey().matches(".*in\\d\\.weight");
			boolean last = entry.getKey().startsWith("deconv3.");
			double fanIn = shape.size() / shape.get(0);
			double scale = shape.dimension() == 4 ? (last ? 60 / Math.sqrt(0.5 * fanIn) : 1 / Math.sqrt(fanIn)) : 0.1;
			double offset = normWeight ? 1 : last && shape.dimension() == 1 ? 128 : 0;
			for (int i = 0; i < values.length; i++)
				values[i] = (float) (offset + scale * random.nextGaussian());
			weights.put(entry.getKey(), shape.getShape(), values);
		}
		return weights;
	}

	MapStateDict put(String name, long[] shape, float[] values) {
		return put(name, "float32", shape, values);
	}

	MapStateDict put(String name, String dtype, long[] shape, float[] values) {
		infos.put(name, new TensorInfo(name, dtype, shape.clone()));
		data.put(name, values);
		return this;
	}

	MapStateDict remove(String name) {
		infos.remove(name);
		data.remove(name);
		return this;
	}

	float[] values(String name) {
		return data.get(name);
	}

	@Override
	public Set<String> names() {
		return infos.keySet();
	}

	@Override
	public TensorInfo info(String name) throws CheckpointException {
		TensorInfo info = infos.get(name);
		if (info == null) throw new CheckpointException("No tensor " + name);
		return info;
	}

	@Override
	public float[] readFloats(String name) throws CheckpointException {
		info(name);
		return Arrays.copyOf(data.get(name), data.get(name).length);
	}

	@Override
	public void close() {}
}
