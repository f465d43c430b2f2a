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

import org.neuralstyle.image.RgbImage;

/**
 * One stylization method as the ImageJ layer sees it: an RGB picture in, a
 * stylized RGB picture out. The result may be smaller than the input (the
 * optimization engine downsizes large inputs); it is scaled back up before it
 * reaches the image.
 * <p>
 * Long-running stylizers should poll {@link ProgressReporter#isCancelled()} and
 * report progress within the plane with
 * {@link ProgressReporter#planeProgress(double)}. On cancellation a stylizer
 * either returns what it has so far (the plane then counts as stylized) or
 * throws {@link java.util.concurrent.CancellationException} (the plane is left
 * as it was).
 */
@FunctionalInterface
public interface PlaneStylizer {

	RgbImage stylize(RgbImage picture, ProgressReporter progress)
		throws Exception;

	/**
	 * A new sequence of planes starts (see {@link SequenceAxis}): the next plane
	 * has no predecessor. Stylizers that tie a plane to the one before override
	 * this.
	 */
	default void sequenceStarted() {}
}
