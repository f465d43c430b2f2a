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

package org.neuralstyle.imagefile;

import ij.ImagePlus;
import ij.process.ImageProcessor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.neuralstyle.image.Mask;

/**
 * Label images (as StarDist, Cellpose or Labkit write them) as regions: label k
 * is region k, 0 the background. 8-, 16- and 32-bit images whose values are
 * whole numbers ≥ 0 are label images; RGB images are not.
 */
public final class LabelImages {

	private LabelImages() {}

	/** The label of each pixel of the current plane, row-major. */
	public static int[] labels(ImagePlus image, String what) {
		if (image.getType() == ImagePlus.COLOR_RGB || image
			.getType() == ImagePlus.COLOR_256) throw new IllegalArgumentException(
				what + " is a colour image; a label image is 8-, 16- or 32-bit " +
					"with region k painted k and the background 0.");
		ImageProcessor ip = image.getProcessor();
		int n = ip.getWidth() * ip.getHeight();
		int[] labels = new int[n];
		for (int i = 0; i < n; i++) {
			float v = ip.getf(i);
			if (!(v >= 0) || v != Math.rint(v) || v > 65535)
				throw new IllegalArgumentException(String.format(Locale.ROOT,
					"%s has the value %s at (%d, %d); a label image holds whole numbers from 0 (background) up.",
					what, Float.toString(v), i % ip.getWidth(), i / ip.getWidth()));
			labels[i] = (int) v;
		}
		return labels;
	}

	/** The pixels that are not 0, as a mask: a region painted on black. */
	public static Mask nonZero(int[] labels, int width, int height) {
		float[] w = new float[labels.length];
		for (int i = 0; i < labels.length; i++)
			w[i] = labels[i] != 0 ? 1f : 0f;
		return new Mask(width, height, w);
	}

	/** The largest label: the number of regions. */
	public static int count(int[] labels) {
		int max = 0;
		for (int l : labels)
			max = Math.max(max, l);
		return max;
	}

	/** The masks of labels 1…count, in order. */
	public static List<Mask> masks(int[] labels, int width, int height,
		int count)
	{
		List<Mask> masks = new ArrayList<>();
		for (int k = 1; k <= count; k++)
			masks.add(Mask.ofLabel(labels, width, height, k));
		return masks;
	}
}
