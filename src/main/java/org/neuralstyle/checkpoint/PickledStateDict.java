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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A state dict read from a PyTorch pickle: the index of tensors comes from the
 * pickle, the bytes of each storage from wherever the file format keeps them
 * ({@link #readStorage}).
 */
abstract class PickledStateDict implements StateDict {

	private static final String[] WRAPPER_KEYS = { "state_dict", "model" };

	final Path file;
	private final Map<String, StoredTensor> tensors;

	PickledStateDict(Path file, Map<String, StoredTensor> tensors) {
		this.file = file;
		this.tensors = tensors;
	}

	/**
	 * The tensors of an unpickled checkpoint: the state dict itself, or one a
	 * training script wrapped as {@code {"state_dict": ...}} or
	 * {@code {"model": ...}}. Entries that are not tensors (counters, flags) are
	 * skipped. Checks that each tensor lies within its storage.
	 */
	static Map<String, StoredTensor> tensorsOf(Path file,
		RestrictedUnpickler.Result pickle) throws CheckpointException
	{
		Map<String, StoredTensor> found = null;
		if (pickle.value() instanceof Map<?, ?> root) {
			for (String key : WRAPPER_KEYS)
				if (found == null && root.get(key) instanceof Map<?, ?> inner) found =
					tensorsIn(inner);
			if (found == null) found = tensorsIn(root);
		}
		if (found == null) throw new CheckpointException(file +
			" is a PyTorch file but holds no state dict " +
			"(a mapping of names to tensors). Pass the network's weights file.");
		for (StoredTensor t : found.values()) {
			StorageRef storage = pickle.storages().get(t.storageKey());
			if (t.offset() + t.span() > storage.numel()) throw Checkpoints.damaged(
				file, "a tensor reaches past the end of its storage", null);
		}
		return found;
	}

	private static Map<String, StoredTensor> tensorsIn(Map<?, ?> dict) {
		Map<String, StoredTensor> out = new LinkedHashMap<>();
		dict.forEach((k, v) -> {
			if (k instanceof String name && v instanceof StoredTensor t) out.put(name,
				t);
		});
		return out.isEmpty() ? null : out;
	}

	/**
	 * Reads {@code byteCount} bytes of a storage starting at {@code byteOffset}.
	 */
	abstract ByteBuffer readStorage(String key, long byteOffset, int byteCount)
		throws IOException;

	@Override
	public String source() {
		return file.toString();
	}

	@Override
	public Set<String> names() {
		return Collections.unmodifiableSet(tensors.keySet());
	}

	@Override
	public TensorInfo info(String name) throws CheckpointException {
		StoredTensor t = tensor(name);
		return new TensorInfo(name, t.dtype().pytorchName, t.shape().clone());
	}

	@Override
	public float[] readFloats(String name) throws IOException {
		StoredTensor t = tensor(name);
		long bytes = t.span() * t.dtype().size;
		if (t.numel() > Integer.MAX_VALUE - 8 || bytes > Integer.MAX_VALUE - 8)
			throw new CheckpointException(name + " in " + file +
				" is too large to read into one Java array.");
		ByteBuffer span = readStorage(t.storageKey(), t.offset() * t.dtype().size,
			(int) bytes);
		return t.gather(span.order(ByteOrder.LITTLE_ENDIAN));
	}

	private StoredTensor tensor(String name) throws CheckpointException {
		StoredTensor t = tensors.get(name);
		if (t == null) throw new CheckpointException(file +
			" has no tensor named " + name + ".");
		return t;
	}
}
