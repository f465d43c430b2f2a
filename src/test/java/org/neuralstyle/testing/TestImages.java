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

package org.neuralstyle.testing;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.macro.Interpreter;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import java.awt.Color;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Small ImageJ images of every kind scientists open, with known pixels, for the
 * tests of both front ends.
 */
public final class TestImages {

	private TestImages() {}

	/** A LUT with 256 distinct colours that is not a gray ramp and not linear. */
	public static LUT rainbowLut() {
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		for (int i = 0; i < 256; i++) {
			r[i] = (byte) i;
			g[i] = (byte) (255 - i);
			b[i] = (byte) ((i * 7) % 256);
		}
		return new LUT(r, g, b);
	}

	/**
	 * An 8-bit label image of vertical bands of equal width, left to right with
	 * these labels (the last band takes what the division leaves).
	 */
	public static ImagePlus bands(String title, int width, int height,
		int... labels)
	{
		ByteProcessor ip = new ByteProcessor(width, height);
		int band = width / labels.length;
		for (int i = 0; i < width * height; i++)
			ip.set(i, labels[Math.min(labels.length - 1, i % width / band)]);
		return new ImagePlus(title, ip);
	}

	/**
	 * Runs {@code action} with these images open as a macro's batch-mode images
	 * (what the commands find by title without a display), closed after.
	 */
	public static <T> T whileOpen(Callable<T> action, ImagePlus... images)
		throws Exception
	{
		boolean batch = Interpreter.batchMode;
		Interpreter.batchMode = true;
		for (ImagePlus image : images)
			Interpreter.addBatchModeImage(image);
		try {
			return action.call();
		}
		finally {
			for (ImagePlus image : images)
				Interpreter.removeBatchModeImage(image);
			Interpreter.batchMode = batch;
		}
	}

	public static ImagePlus rgb(int width, int height, long seed) {
		Random random = new Random(seed);
		ColorProcessor cp = new ColorProcessor(width, height);
		for (int i = 0; i < width * height; i++)
			cp.set(i, random.nextInt(1 << 24));
		return new ImagePlus("rgb.tif", cp);
	}

	/**
	 * A stack or hyperstack of the given type ("8-bit", "16-bit", "32-bit",
	 * "RGB") with random pixels in [lo, hi].
	 */
	public static ImagePlus hyperstack(String type, int width, int height, int c,
		int z, int t, double lo, double hi, long seed)
	{
		ImagePlus imp = IJ.createImage("stack.tif", type + " black", width, height,
			c, z, t);
		Random random = new Random(seed);
		ImageStack stack = imp.getStack();
		for (int s = 1; s <= stack.getSize(); s++) {
			ImageProcessor ip = stack.getProcessor(s);
			for (int i = 0; i < width * height; i++) {
				if (ip instanceof ColorProcessor) ip.set(i, random.nextInt(1 << 24));
				else ip.setf(i, (float) Math.round(lo + random.nextDouble() * (hi -
					lo)) + (type.equals("32-bit") ? random.nextFloat() : 0));
			}
			stack.setSliceLabel("slice " + s, s);
		}
		return imp;
	}

	/**
	 * A 16-bit composite with red and green channels, each with its own display
	 * range.
	 */
	public static CompositeImage composite(int z, int t) {
		ImagePlus imp = hyperstack("16-bit", 12, 9, 2, z, t, 0, 4000, 7);
		CompositeImage ci = new CompositeImage(imp, IJ.COMPOSITE);
		ci.setChannelLut(LUT.createLutFromColor(Color.red), 1);
		ci.setChannelLut(LUT.createLutFromColor(Color.green), 2);
		ci.setPosition(1, 1, 1);
		ci.setDisplayRange(0, 4000);
		ci.setPosition(2, 1, 1);
		ci.setDisplayRange(500, 2500);
		ci.setPosition(1, 1, 1);
		return ci;
	}
}
