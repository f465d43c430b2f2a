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

package org.neuralstyle.imagej.progress;

import ij.ImagePlus;
import ij.ImageStack;
import java.util.Locale;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.optimize.LossValues;
import org.neuralstyle.imagej.planes.ImageConversion;

/**
 * The stack the user watches while the optimization runs: one RGB slice per
 * snapshot, labelled with its iteration and total loss, the newest on display.
 * It holds the snapshots of one plane at a time (a new plane starts it afresh),
 * so a long time-lapse does not pile up every intermediate image in memory. The
 * window opens with the first snapshot (iteration 0, the start image) when
 * windows may open; otherwise the stack is kept without one.
 */
public final class ProgressStack {

	private final String title;
	private final boolean show;
	private ImagePlus image;
	private ImageStack stack;
	private String plane;

	/** {@code show}: open a window; false when headless or in batch mode. */
	public ProgressStack(String title, boolean show) {
		this.title = title;
		this.show = show;
	}

	/**
	 * Snapshots from now on belong to this plane (null for a single image); the
	 * earlier ones are dropped.
	 */
	synchronized void startPlane(String plane) {
		this.plane = plane;
		stack = null;
	}

	/** Adds a snapshot as the last slice and shows it. */
	synchronized void add(int iteration, LossValues losses, RgbImage picture) {
		add(iteration, losses, picture, "");
	}

	/**
	 * The same, with the scale of a coarse-to-fine run in the label ("scale 2/3";
	 * "" for none).
	 */
	synchronized void add(int iteration, LossValues losses, RgbImage picture,
		String scale)
	{
		String label = label(plane, iteration, losses, scale);
		if (stack == null || stack.getWidth() != picture.width() || stack
			.getHeight() != picture.height())
		{
			stack = new ImageStack(picture.width(), picture.height());
			stack.addSlice(label, ImageConversion.toColorProcessor(picture));
			if (image == null) {
				image = new ImagePlus(title, stack);
				if (show) image.show();
			}
			else {
				image.setStack(stack);
			}
			return;
		}
		stack.addSlice(label, ImageConversion.toColorProcessor(picture));
		// setStack (not only the stack's own list) lets a one-slice window become a
		// stack window.
		image.setStack(stack);
		image.setSlice(stack.getSize());
	}

	/**
	 * The progress image, or null before the first snapshot. Not shown when
	 * windows may not open.
	 */
	public synchronized ImagePlus image() {
		return image;
	}

	/**
	 * "iteration 20, loss 1.234e+05", prefixed by the plane ("z=2, t=1: ...") in
	 * a stack.
	 */
	static String label(String plane, int iteration, LossValues losses) {
		return label(plane, iteration, losses, "");
	}

	/**
	 * The same, with the scale after the loss: "iteration 20, loss 1.234e+05,
	 * scale 1/3".
	 */
	static String label(String plane, int iteration, LossValues losses,
		String scale)
	{
		String loss = losses == null ? "" : String.format(Locale.ROOT,
			", loss %.4g", losses.total());
		return (plane == null ? "" : plane + ": ") + "iteration " + iteration +
			loss + (scale.isEmpty() ? "" : ", " + scale);
	}
}
