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

package org.neuralstyle.checkpoint;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * A PyTorch state dict as stored in a checkpoint file: names mapped to tensors.
 * Opening one reads only the index (names, types, shapes); a tensor's data is
 * read when asked for, so a network that needs 80 MB of a 548 MB file reads 80
 * MB.
 */
public interface StateDict extends AutoCloseable {

	/** The tensor names, in the order the checkpoint lists them. */
	Set<String> names();

	/**
	 * Type and shape of a tensor; throws {@link CheckpointException} for an
	 * unknown name.
	 */
	TensorInfo info(String name) throws CheckpointException;

	/**
	 * Reads one tensor's elements in row-major (C) order, converted to float.
	 * Reads only the bytes of that tensor.
	 */
	float[] readFloats(String name) throws IOException;

	/**
	 * What messages about this state dict call it: the path of its file, so that
	 * a user can tell which file is corrupt.
	 */
	default String source() {
		return "the checkpoint";
	}

	default boolean contains(String name) {
		return names().contains(name);
	}

	/**
	 * Free-form string metadata stored with the tensors (safetensors'
	 * {@code __metadata__}, e.g. a fast model's training settings); empty for
	 * formats that have none.
	 */
	default Map<String, String> metadata() {
		return Map.of();
	}

	@Override
	void close() throws IOException;
}
