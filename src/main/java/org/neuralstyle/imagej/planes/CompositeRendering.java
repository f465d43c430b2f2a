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

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.LUT;

/**
 * The RGB picture of one (z, t) position of a multi-channel image exactly as
 * ImageJ shows it: every active channel through its own LUT and display range,
 * merged by the image's display mode (composite sum, or the
 * "CompositeProjection" max/min/invert variants; in colour and grayscale mode
 * only the current channel). ImageJ's own compositing does the work, on a
 * private copy of the channels, so the input's position and display settings
 * are never touched.
 */
public final class CompositeRendering {

	private static final String PROJECTION = "CompositeProjection";

	private CompositeRendering() {}

	public static ColorProcessor render(CompositeImage image, int z, int t) {
		int channels = image.getNChannels();
		ImageStack source = image.getStack();
		ImageStack copy = new ImageStack(image.getWidth(), image.getHeight());
		for (int c = 1; c <= channels; c++) {
			copy.addSlice(source.getProcessor(image.getStackIndex(c, z, t))
				.duplicate());
		}
		ImagePlus channelsAt = new ImagePlus("", copy);
		channelsAt.setDimensions(channels, 1, 1);
		CompositeImage view = new CompositeImage(channelsAt, image.getMode());
		LUT[] luts = image.getLuts();
		LUT[] lutCopies = new LUT[luts.length];
		for (int c = 0; c < luts.length; c++)
			lutCopies[c] = (LUT) luts[c].clone();
		view.setLuts(lutCopies);
		view.setActiveChannels(activeChannels(image));
		String projection = image.getProp(PROJECTION);
		if (projection != null) view.setProp(PROJECTION, projection);
		view.setPosition(image.getChannel(), 1, 1);
		return new ColorProcessor(view.getImage());
	}

	private static String activeChannels(CompositeImage image) {
		boolean[] active = image.getActiveChannels();
		StringBuilder s = new StringBuilder();
		for (int c = 0; c < image.getNChannels(); c++)
			s.append(active[c] ? '1' : '0');
		return s.toString();
	}
}
