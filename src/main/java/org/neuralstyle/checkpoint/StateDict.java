package org.neuralstyle.checkpoint;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * A PyTorch state dict as stored in a checkpoint file: names mapped to tensors. Opening one reads
 * only the index (names, types, shapes); a tensor's data is read when asked for, so a network
 * that needs 80 MB of a 548 MB file reads 80 MB.
 */
public interface StateDict extends AutoCloseable {

	/** The tensor names, in the order the checkpoint lists them. */
	Set<String> names();

	/** Type and shape of a tensor; throws {@link CheckpointException} for an unknown name. */
	TensorInfo info(String name) throws CheckpointException;

	/**
	 * Reads one tensor's elements in row-major (C) order, converted to float. Reads only the bytes
	 * of that tensor.
	 */
	float[] readFloats(String name) throws IOException;

	/**
	 * What messages about this state dict call it: the path of its file, so that a user can tell
	 * which file is corrupt.
	 */
	default String source() {
		return "the checkpoint";
	}

	default boolean contains(String name) {
		return names().contains(name);
	}

	/**
	 * Free-form string metadata stored with the tensors (safetensors' {@code __metadata__}, e.g. a
	 * fast model's training settings); empty for formats that have none.
	 */
	default Map<String, String> metadata() {
		return Map.of();
	}

	@Override
	void close() throws IOException;
}
