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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The tensors of a state dict that knows every name and shape when it opens
 * (one read from a file's index, or one generated), in the order it lists them.
 * Such a state dict extends {@link Indexed}, which answers
 * {@link StateDict#names} and {@link StateDict#info} from it.
 */
public final class TensorIndex {

	/** A state dict whose names and shapes are its {@link TensorIndex}. */
	public abstract static class Indexed implements StateDict {

		private final TensorIndex index;

		protected Indexed(TensorIndex index) {
			this.index = index;
		}

		@Override
		public final Set<String> names() {
			return index.names();
		}

		@Override
		public final TensorInfo info(String name) throws CheckpointException {
			return index.info(name);
		}
	}

	private final Map<String, TensorInfo> infos = new LinkedHashMap<>();
	private final String source;

	/** @param source what the tensors are in, for messages */
	public TensorIndex(String source) {
		this.source = source;
	}

	/** Adds a tensor after the ones added before. */
	public void add(TensorInfo info) {
		infos.put(info.name(), info);
	}

	public Set<String> names() {
		return Collections.unmodifiableSet(infos.keySet());
	}

	/** The tensor's name, type and shape; an error names the source. */
	public TensorInfo info(String name) throws CheckpointException {
		TensorInfo i = infos.get(name);
		if (i == null) throw new CheckpointException("No tensor " + name + " in " +
			source);
		return i;
	}

	public boolean isEmpty() {
		return infos.isEmpty();
	}
}
