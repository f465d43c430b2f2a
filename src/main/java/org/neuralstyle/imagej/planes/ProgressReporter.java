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

package org.neuralstyle.imagej.planes;

/**
 * Where stylization reports how far it is, and asks whether the user has given
 * up. Planes are counted in the order they are processed: {@code index} runs
 * from 0 to {@code total - 1}.
 */
public interface ProgressReporter {

	/**
	 * Work on a plane starts; {@code where} names it for the user (e.g. "z=2,
	 * t=5").
	 */
	void planeStarted(int index, int total, String where);

	/**
	 * Fraction in [0,1] of the current plane done, for stylizers that know it.
	 */
	default void planeProgress(double fraction) {}

	/**
	 * All work has ended: {@code stylized} of {@code total} planes were stylized.
	 */
	void finished(int stylized, int total);

	/**
	 * True once the user has asked to stop; stylization ends after the current
	 * plane.
	 */
	boolean isCancelled();

	/** Reports nothing and never cancels. */
	ProgressReporter SILENT = new ProgressReporter() {

		@Override
		public void planeStarted(int index, int total, String where) {}

		@Override
		public void finished(int stylized, int total) {}

		@Override
		public boolean isCancelled() {
			return false;
		}
	};
}
