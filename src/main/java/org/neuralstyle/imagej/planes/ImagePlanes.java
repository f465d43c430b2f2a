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
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The planes of an input image as the stylizer sees them, and the new image the
 * stylized planes go into. For an ordinary image or stack a plane is one slice,
 * in the input's pixel type. For a multi-channel composite a plane is one (z,
 * t) position rendered as displayed, so the result of a composite is an RGB
 * image with one channel and the input's Z and T: the channels' colours are
 * what gets stylized, and a stylized picture has no meaningful split back into
 * channels.
 */
public abstract sealed class ImagePlanes {

	final ImagePlus input;

	private ImagePlanes(ImagePlus input) {
		this.input = input;
	}

	public static ImagePlanes of(ImagePlus input) {
		if (input.isComposite() && input.getNChannels() > 1)
			return new CompositePlanes((CompositeImage) input);
		return new Slices(input);
	}

	/** Number of planes. */
	abstract int count();

	/** Index of the plane the user is looking at. */
	abstract int current();

	/** A private copy of plane {@code index}, in the result's pixel type. */
	public abstract ImageProcessor plane(int index);

	/** The slice label the result keeps for plane {@code index}, or null. */
	abstract String label(int index);

	/**
	 * Where plane {@code index} is, in words a user recognises (e.g. "z=2, t=5").
	 */
	abstract String position(int index);

	/** Conversion between the result's planes and RGB pictures. */
	public abstract PlaneCodec codec();

	/** Dimensions (channels, slices, frames) of a result holding every plane. */
	abstract int[] resultDimensions();

	/** The plane at channel c, slice z, frame t (each from 1). */
	abstract int index(int c, int z, int t);

	/**
	 * Every plane, as sequences along {@code axis}: for each other position, the
	 * planes that follow one another along it, in order. A stack whose dimensions
	 * do not describe it is one sequence.
	 */
	int[][] sequences(SequenceAxis axis) {
		int[] dims = resultDimensions();
		int channels = dims[0], slices = dims[1], frames = dims[2];
		if (channels * slices * frames != count()) {
			int[] all = new int[count()];
			for (int i = 0; i < all.length; i++)
				all[i] = i;
			return new int[][] { all };
		}
		boolean alongT = axis == SequenceAxis.T || axis == SequenceAxis.AUTO &&
			frames > 1;
		int length = alongT ? frames : slices, across = alongT ? slices : frames;
		int[][] sequences = new int[channels * across][length];
		for (int c = 1; c <= channels; c++)
			for (int a = 1; a <= across; a++)
				for (int k = 1; k <= length; k++)
					sequences[(c - 1) * across + a - 1][k - 1] = alongT ? index(c, a, k)
						: index(c, k, a);
		return sequences;
	}

	/**
	 * The result image: planes[k] is the stylized plane {@code indices[k]}. With
	 * every plane the result has the input's dimensions; with one plane it is a
	 * single image.
	 */
	ImagePlus assemble(String title, int[] indices, ImageProcessor[] planes) {
		ImageStack stack = new ImageStack(input.getWidth(), input.getHeight());
		for (int k = 0; k < indices.length; k++)
			stack.addSlice(label(indices[k]), planes[k]);
		showLikeInput(stack);
		ImagePlus result = new ImagePlus(title, stack);
		if (indices.length == count() && count() > 1) {
			int[] dims = resultDimensions();
			result.setDimensions(dims[0], dims[1], dims[2]);
			result.setOpenAsHyperStack(input.isHyperStack() && result
				.getNDimensions() > 3);
		}
		Calibration calibration = input.getCalibration().copy();
		if (result.getBitDepth() == 24) calibration.disableDensityCalibration();
		result.setCalibration(calibration);
		String info = input.getInfoProperty();
		if (info != null) result.setProperty("Info", info);
		if (input.getBitDepth() != 24 && result.getBitDepth() != 24) {
			result.setDisplayRange(input.getDisplayRangeMin(), input
				.getDisplayRangeMax());
		}
		return result;
	}

	/**
	 * Gives the result's planes the input's LUT; RGB results (composites) have
	 * none to give.
	 */
	void showLikeInput(ImageStack stack) {}

	/**
	 * Slices of an ordinary image, stack or hyperstack, in the input's own type
	 * and display.
	 */
	private static final class Slices extends ImagePlanes {

		private final PlaneCodec codec;

		Slices(ImagePlus input) {
			super(input);
			ImageProcessor shown = input.getProcessor();
			codec = input.getBitDepth() == 24 ? new RgbPlaneCodec()
				: new LutPlaneCodec(shown.getLut(), input.getDisplayRangeMin(), input
					.getDisplayRangeMax(), input.getBitDepth());
		}

		@Override
		int count() {
			return input.getStackSize();
		}

		@Override
		int current() {
			return input.getCurrentSlice() - 1;
		}

		@Override
		public ImageProcessor plane(int index) {
			return input.getStack().getProcessor(index + 1).duplicate();
		}

		@Override
		String label(int index) {
			return input.getStack().getSliceLabel(index + 1);
		}

		@Override
		String position(int index) {
			if (!input.isHyperStack()) return "slice " + (index + 1);
			int[] czt = input.convertIndexToPosition(index + 1);
			return "c=" + czt[0] + ", z=" + czt[1] + ", t=" + czt[2];
		}

		@Override
		public PlaneCodec codec() {
			return codec;
		}

		@Override
		int[] resultDimensions() {
			return new int[] { input.getNChannels(), input.getNSlices(), input
				.getNFrames() };
		}

		@Override
		int index(int c, int z, int t) {
			return input.getStackIndex(c, z, t) - 1;
		}

		@Override
		void showLikeInput(ImageStack stack) {
			if (input.getBitDepth() != 24) stack.setColorModel(input.getProcessor()
				.getLut());
		}
	}

	/** (z, t) positions of a multi-channel composite, rendered as displayed. */
	private static final class CompositePlanes extends ImagePlanes {

		private final CompositeImage composite;

		CompositePlanes(CompositeImage input) {
			super(input);
			composite = input;
		}

		@Override
		int count() {
			return input.getNSlices() * input.getNFrames();
		}

		@Override
		int current() {
			return (input.getSlice() - 1) + (input.getFrame() - 1) * input
				.getNSlices();
		}

		private int z(int index) {
			return index % input.getNSlices() + 1;
		}

		private int t(int index) {
			return index / input.getNSlices() + 1;
		}

		@Override
		public ImageProcessor plane(int index) {
			return CompositeRendering.render(composite, z(index), t(index));
		}

		/**
		 * The channels' labels at that position; different ones joined, since all
		 * are merged.
		 */
		@Override
		String label(int index) {
			Set<String> labels = new LinkedHashSet<>();
			for (int c = 1; c <= input.getNChannels(); c++) {
				String label = input.getStack().getSliceLabel(input.getStackIndex(c, z(
					index), t(index)));
				if (label != null && !label.isEmpty()) labels.add(label);
			}
			return labels.isEmpty() ? null : String.join(" + ", labels);
		}

		@Override
		String position(int index) {
			return "z=" + z(index) + ", t=" + t(index);
		}

		@Override
		public PlaneCodec codec() {
			return new RgbPlaneCodec();
		}

		@Override
		int[] resultDimensions() {
			return new int[] { 1, input.getNSlices(), input.getNFrames() };
		}

		@Override
		int index(int c, int z, int t) {
			return (z - 1) + (t - 1) * input.getNSlices();
		}
	}

	/**
	 * Adds a line to an image's Info (Image > Show Info), where ImageJ keeps how
	 * an image was made and saves it with the TIFF.
	 */
	public static void appendInfo(ImagePlus image, String line) {
		String info = image.getInfoProperty();
		image.setProperty("Info", info == null || info.isEmpty() ? line : info +
			"\n" + line);
	}
}
