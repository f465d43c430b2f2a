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

package org.neuralstyle.optim;

import ai.djl.ndarray.NDManager;

import java.util.Arrays;

/**
 * Restores an Adam state in a JVM of its own, so that a test can read what
 * PyTorch's native code writes to the process's stderr on the way (which no
 * in-process capture of System.err sees). Exits 0 when the state comes back as
 * saved.
 */
public final class AdamRestoreProbe {

	public static void main(String[] args) {
		try (NDManager manager = NDManager.newBaseManager()) {
			Adam adam = new Adam(manager.zeros(new ai.djl.ndarray.types.Shape(2, 3)),
				0.1);
			Adam.State saved = new Adam.State(new float[] { 1, 2, 3, 4, 5, 6 },
				new float[] { 6, 5, 4, 3, 2, 1 }, 7);
			adam.restore(saved);
			// the restored moments must not live in Java buffers the collector may
			// free
			System.gc();
			Adam.State back = adam.state();
			boolean same = Arrays.equals(saved.firstMoment(), back.firstMoment()) &&
				Arrays.equals(saved.secondMoment(), back.secondMoment()) && back
					.steps() == 7;
			System.out.println(same ? "restored" : "differs: " + Arrays.toString(back
				.firstMoment()));
			System.exit(same ? 0 : 1);
		}
	}
}
