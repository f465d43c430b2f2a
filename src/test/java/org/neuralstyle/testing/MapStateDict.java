package org.neuralstyle.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.neuralstyle.weights.CheckpointException;
import org.neuralstyle.weights.StateDict;
import org.neuralstyle.weights.TensorInfo;

/** An in-memory state dict for tests, with helpers for random VGG-shaped networks. */
public final class MapStateDict implements StateDict {

	private final Map<String, float[]> data = new LinkedHashMap<>();
	private final Map<String, TensorInfo> infos = new LinkedHashMap<>();
	private final Set<String> reads = new java.util.HashSet<>();

	public MapStateDict put(String name, float[] values, long... shape) {
		data.put(name, values);
		infos.put(name, new TensorInfo(name, "float32", shape));
		return this;
	}

	/**
	 * A VGG of the torchvision layout with the given channels per block ("M" ends a block), random
	 * He-initialized weights from the seed: e.g. {@code vgg(1, 4, 4, "M", 8, 8, "M", 16)}.
	 */
	public static MapStateDict vgg(long seed, Object... config) {
		MapStateDict sd = new MapStateDict();
		Random r = new Random(seed);
		int index = 0, in = 3;
		for (Object o : config) {
			if ("M".equals(o)) {
				index++;
				continue;
			}
			int out = (Integer) o;
			float[] w = new float[out * in * 9];
			double scale = Math.sqrt(2.0 / (in * 9));
			for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() * scale);
			float[] b = new float[out];
			for (int i = 0; i < b.length; i++) b[i] = (float) (r.nextGaussian() * 0.01);
			sd.put("features." + index + ".weight", w, out, in, 3, 3);
			sd.put("features." + index + ".bias", b, out);
			index += 2;
			in = out;
		}
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
