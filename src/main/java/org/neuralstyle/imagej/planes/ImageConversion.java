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

import ij.ImagePlus;
import ij.process.ColorProcessor;
import org.neuralstyle.image.RgbImage;

/**
 * Conversions the commands need outside a stack run: a style image as the
 * engine sees it, and engine pictures (snapshots, results) as ImageJ RGB
 * planes.
 */
public final class ImageConversion {

	private static final RgbPlaneCodec RGB = new RgbPlaneCodec();

	private ImageConversion() {}

	/**
	 * The plane on display, whole (a selection is ignored), as the user sees it:
	 * RGB as is, 8/16/32-bit through LUT and display range, composites with all
	 * active channels merged.
	 */
	public static RgbImage displayedPlane(ImagePlus image) {
		ImagePlanes planes = ImagePlanes.of(image);
		return planes.codec().toRgb(planes.plane(planes.current()));
	}

	/** An engine picture as an 8-bit-per-channel RGB plane. */
	public static ColorProcessor toColorProcessor(RgbImage picture) {
		return RGB.fromRgb(picture);
	}
}
