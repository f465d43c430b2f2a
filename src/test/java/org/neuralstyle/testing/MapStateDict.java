package org.neuralstyle.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;

import org.neuralstyle.net.SyntheticVgg;
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
	 * weights from the seed: e.g. {@code vgg(1, 4, 4, "M", 8, 8, "M", 16)}.
	 */
	public static MapStateDict vgg(long seed, Object... config) throws CheckpointException {
		SyntheticVgg synthetic = new SyntheticVgg(List.of(config), seed);
		MapStateDict sd = new MapStateDict();
		for (String name : synthetic.names()) sd.put(name, synthetic.readFloats(name), synthetic.info(name).shape());
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
