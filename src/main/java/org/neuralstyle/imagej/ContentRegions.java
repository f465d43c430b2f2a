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

package org.neuralstyle.imagej;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;
import ij.process.ByteProcessor;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.neuralstyle.image.Mask;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.imagefile.LabelImages;
import org.neuralstyle.imagej.ij1.CommandParameter;

/**
 * The regions a style per region is given for, as masks of the content's size:
 * the ROI Manager's ROIs in their order (ROI i is region i), or the labels of a
 * label image (label k is region k, 0 the background).
 */
final class ContentRegions {

	private ContentRegions() {}

	/**
	 * The masks named by {@code regions} ({@link CommandParameter#ROI_MANAGER} or
	 * an open label image's title), for {@code content}.
	 *
	 * @param perRegion what each region takes ("style", "model"), for the advice
	 */
	static List<Mask> of(String regions, ImagePlus content, String perRegion) {
		int w = content.getWidth(), h = content.getHeight();
		if (regions.equals(CommandParameter.ROI_MANAGER)) return fromRoiManager(w,
			h, perRegion);
		ImagePlus labels = WindowManager.getImage(regions);
		if (labels == null) throw new IllegalArgumentException(
			"There is no image called '" + regions +
				"' for 'regions': give [ROI Manager] or the title of an open label image.");
		if (labels.getWidth() != w || labels.getHeight() != h)
			throw new IllegalArgumentException(String.format(Locale.ROOT,
				"The label image '%s' is %d×%d but the image to stylize is %d×%d: give a label image of its size.",
				regions, labels.getWidth(), labels.getHeight(), w, h));
		int[] values = LabelImages.labels(labels, "The label image '" + regions +
			"'");
		int count = LabelImages.count(values);
		if (count == 0) throw new IllegalArgumentException("The label image '" +
			regions + "' has only background (0): paint region k with the value k.");
		return LabelImages.masks(values, w, h, count);
	}

	/**
	 * The masks cropped to the rectangle a selection's stylization works in (its
	 * bounds within the image).
	 */
	private static List<Mask> cropped(List<Mask> masks, Rectangle r) {
		List<Mask> out = new ArrayList<>();
		for (Mask m : masks) {
			if (r.x == 0 && r.y == 0 && r.width == m.width() && r.height == m
				.height())
			{
				out.add(m);
				continue;
			}
			float[] w = new float[r.width * r.height];
			for (int y = 0; y < r.height; y++)
				System.arraycopy(m.weights(), (r.y + y) * m.width() + r.x, w, y *
					r.width, r.width);
			out.add(new Mask(r.width, r.height, w));
		}
		return out;
	}

	/**
	 * The masks cropped to {@code picture}, the part of {@code image} a plane's
	 * stylization gets: the selection's bounds within the image, or the whole
	 * image.
	 */
	static List<Mask> croppedTo(List<Mask> masks, ImagePlus image,
		RgbImage picture)
	{
		Rectangle all = new Rectangle(0, 0, image.getWidth(), image.getHeight());
		Rectangle bounds = image.getRoi() == null ? all : image.getRoi().getBounds()
			.intersection(all);
		if (bounds.width != picture.width() || bounds.height != picture.height())
			bounds = all;
		return cropped(masks, bounds);
	}

	private static List<Mask> fromRoiManager(int w, int h, String perRegion) {
		RoiManager manager = RoiManager.getInstance2();
		Roi[] rois = manager == null ? new Roi[0] : manager.getRoisAsArray();
		if (rois.length == 0) throw new IllegalArgumentException(
			"regions=[ROI Manager] but the ROI Manager is empty: add a ROI for each region (ROI i takes " +
				perRegion + " i).");
		List<Mask> masks = new ArrayList<>();
		for (Roi roi : rois)
			masks.add(ofRoi(roi, w, h));
		return masks;
	}

	/**
	 * The pixels inside an area selection of a w×h image; null for no selection
	 * or one without area (a line, a point).
	 */
	static Mask ofRoi(Roi roi, int w, int h) {
		if (roi == null || !roi.isArea()) return null;
		ByteProcessor painted = new ByteProcessor(w, h);
		painted.setColor(255);
		painted.fill(roi);
		float[] weights = new float[w * h];
		for (int i = 0; i < weights.length; i++)
			weights[i] = painted.get(i) != 0 ? 1f : 0f;
		return new Mask(w, h, weights);
	}
}
