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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.imagej.planes.CompositeRendering;
import org.neuralstyle.imagej.planes.PlaneStylizer;
import org.neuralstyle.imagej.planes.Scope;
import org.neuralstyle.imagej.planes.SequenceAxis;
import org.neuralstyle.imagej.planes.StackStylizing;
import org.neuralstyle.imagej.planes.StylizingResult;
import org.neuralstyle.imagej.planes.ProgressReporter;
import org.neuralstyle.testing.TestImages;

/**
 * Stacks, hyperstacks, composites and selections through a stylizer into a new
 * image.
 */
class StackStylizingTest {

	@Test
	void everyPlaneOfAGrayHyperstackKeepsTypeDimensionsLabelsAndCalibration()
		throws Exception
	{
		ImagePlus input = TestImages.hyperstack("16-bit", 8, 6, 1, 3, 2, 0, 1000,
			11);
		input.setDisplayRange(0, 1000);
		Calibration cal = input.getCalibration();
		cal.pixelWidth = 0.25;
		cal.pixelHeight = 0.5;
		cal.setUnit("µm");
		cal.frameInterval = 30;
		input.setOpenAsHyperStack(true);

		ImagePlus result = StackStylizing.run(input, Scope.ALL_PLANES,
			Stylizers.INVERT, ProgressReporter.SILENT).image();

		assertEquals("stack stylized", result.getTitle());
		assertEquals(ImagePlus.GRAY16, result.getType());
		assertArrayEquals(new int[] { 8, 6, 1, 3, 2 }, result.getDimensions());
		assertTrue(result.isHyperStack());
		assertEquals(0.25, result.getCalibration().pixelWidth);
		assertEquals(0.5, result.getCalibration().pixelHeight);
		assertEquals("µm", result.getCalibration().getUnit());
		assertEquals(30, result.getCalibration().frameInterval);
		assertEquals(0, result.getDisplayRangeMin());
		assertEquals(1000, result.getDisplayRangeMax());
		for (int s = 1; s <= 6; s++) {
			assertEquals(input.getStack().getSliceLabel(s), result.getStack()
				.getSliceLabel(s));
			ImageProcessor in = input.getStack().getProcessor(s), out = result
				.getStack().getProcessor(s);
			for (int i = 0; i < in.getPixelCount(); i++)
				assertEquals(1000 - in.get(i), out.get(i), "slice " + s + " pixel " +
					i);
		}
	}

	/**
	 * Records the order planes come in (by their first pixel, set to the plane's
	 * index) and where sequences start.
	 */
	private static List<String> order(ImagePlus input, SequenceAxis axis)
		throws Exception
	{
		for (int s = 1; s <= input.getStackSize(); s++)
			input.getStack().getProcessor(s).set(0, 0, 10 * s);
		input.setDisplayRange(0, 255);
		List<String> seen = new ArrayList<>();
		StackStylizing.run(input, Scope.ALL_PLANES, axis, new PlaneStylizer() {

			@Override
			public RgbImage stylize(RgbImage picture, ProgressReporter progress) {
				seen.add(String.valueOf(Math.round(picture.get(0, 0, 0) * 255 / 10)));
				return picture;
			}

			@Override
			public void sequenceStarted() {
				seen.add("|");
			}
		}, ProgressReporter.SILENT);
		return seen;
	}

	@Test
	void planesComeInSequencesAlongTheAxisChosen() throws Exception {
		// c=1, z=2, t=3: stack order is z fastest (z1t1, z2t1, z1t2, ...).
		ImagePlus input = TestImages.hyperstack("8-bit", 6, 4, 1, 2, 3, 0, 0, 1);
		input.setOpenAsHyperStack(true);
		assertEquals(List.of("|", "1", "3", "5", "|", "2", "4", "6"), order(input,
			SequenceAxis.T));
		assertEquals(List.of("|", "1", "3", "5", "|", "2", "4", "6"), order(input,
			SequenceAxis.AUTO), "auto: t when there are frames");
		assertEquals(List.of("|", "1", "2", "|", "3", "4", "|", "5", "6"), order(
			input, SequenceAxis.Z));
		ImagePlus zStack = TestImages.hyperstack("8-bit", 6, 4, 1, 3, 1, 0, 0, 1);
		assertEquals(List.of("|", "1", "2", "3"), order(zStack, SequenceAxis.AUTO),
			"auto: z without frames");
	}

	@Test
	void eightBitStackKeepsItsColourLut() throws Exception {
		ImagePlus input = TestImages.hyperstack("8-bit", 16, 16, 1, 2, 1, 0, 255,
			5);
		LUT lut = TestImages.rainbowLut();
		input.setLut(lut);
		ImagePlus result = StackStylizing.run(input, Scope.ALL_PLANES, (p, r) -> p,
			ProgressReporter.SILENT).image();
		assertEquals(ImagePlus.GRAY8, result.getType());
		assertArrayEquals(lut.getBytes(), result.getProcessor().getLut()
			.getBytes());
		for (int s = 1; s <= 2; s++) {
			assertArrayEquals((byte[]) input.getStack().getPixels(s), (byte[]) result
				.getStack().getPixels(s));
		}
	}

	@Test
	void compositeBecomesAnRgbHyperstackOfItsDisplayedPositions()
		throws Exception
	{
		CompositeImage input = TestImages.composite(2, 3);
		input.setOpenAsHyperStack(true);
		input.getCalibration().pixelWidth = 2;

		ImagePlus result = StackStylizing.run(input, Scope.ALL_PLANES,
			Stylizers.INVERT, ProgressReporter.SILENT).image();

		assertEquals(ImagePlus.COLOR_RGB, result.getType());
		assertArrayEquals(new int[] { 12, 9, 1, 2, 3 }, result.getDimensions());
		assertEquals(2, result.getCalibration().pixelWidth);
		for (int t = 1; t <= 3; t++) {
			for (int z = 1; z <= 2; z++) {
				int[] shown = (int[]) CompositeRendering.render(input, z, t)
					.getPixels();
				int[] out = (int[]) result.getStack().getPixels(result.getStackIndex(1,
					z, t));
				for (int i = 0; i < shown.length; i++)
					assertEquals(Stylizers.invertRgb(shown[i]) & 0xffffff, out[i] &
						0xffffff);
				assertEquals("slice " + input.getStackIndex(1, z, t) + " + slice " +
					input.getStackIndex(2, z, t), result.getStack().getSliceLabel(result
						.getStackIndex(1, z, t)));
			}
		}
	}

	@Test
	void currentPlaneOnlyGivesASingleImageOfThePlaneOnDisplay() throws Exception {
		ImagePlus input = TestImages.hyperstack("32-bit", 7, 5, 1, 4, 1, -3, 3, 2);
		input.setDisplayRange(-3, 4);
		input.setSlice(3);
		List<String> started = new ArrayList<>();
		ProgressReporter recording = recorder(started, () -> false);

		StylizingResult run = StackStylizing.run(input, Scope.CURRENT_PLANE,
			Stylizers.INVERT, recording);

		ImagePlus result = run.image();
		assertEquals(1, result.getStackSize());
		assertEquals(List.of("0/1 slice 3", "finished 1/1"), started);
		assertEquals("slice 3", result.getStack().getSliceLabel(1));
		ImageProcessor in = input.getStack().getProcessor(3);
		for (int i = 0; i < in.getPixelCount(); i++)
			assertEquals(1 - in.getf(i), result.getProcessor().getf(i), 1e-4);
		assertTrue(run.complete());
	}

	@Test
	void ovalSelectionStylizesInsideOnlyAndLeavesOutsideUntouched()
		throws Exception
	{
		ImagePlus input = TestImages.rgb(40, 30, 9);
		Roi oval = new OvalRoi(5, 4, 20, 15);
		input.setRoi(oval);
		List<int[]> sizes = new ArrayList<>();
		PlaneStylizer invertAndRecordSize = (p, r) -> {
			sizes.add(new int[] { p.width(), p.height() });
			return Stylizers.INVERT.stylize(p, r);
		};

		ImagePlus result = StackStylizing.run(input, Scope.CURRENT_PLANE,
			invertAndRecordSize, ProgressReporter.SILENT).image();

		assertArrayEquals(new int[] { 20, 15 }, sizes.get(0),
			"only the selection's bounds are stylized");
		ImageProcessor mask = oval.getMask();
		int inside = 0;
		for (int y = 0; y < 30; y++) {
			for (int x = 0; x < 40; x++) {
				boolean in = x >= 5 && x < 25 && y >= 4 && y < 19 && mask.get(x - 5, y -
					4) != 0;
				int before = input.getProcessor().get(x, y) & 0xffffff, after = result
					.getProcessor().get(x, y) & 0xffffff;
				if (in) {
					inside++;
					assertEquals(Stylizers.invertRgb(before) & 0xffffff, after,
						"inside at " + x + "," + y);
				}
				else {
					assertEquals(before, after, "outside at " + x + "," + y);
				}
			}
		}
		assertTrue(inside > 150 && inside < 300, "an oval, not its bounding box: " +
			inside);
	}

	@Test
	void selectionPartlyOutsideTheImageIsClipped() throws Exception {
		ImagePlus input = TestImages.hyperstack("8-bit", 20, 10, 1, 1, 1, 0, 255,
			4);
		input.setRoi(new Roi(15, -5, 10, 10));
		ImagePlus result = StackStylizing.run(input, Scope.CURRENT_PLANE,
			Stylizers.INVERT, ProgressReporter.SILENT).image();
		for (int y = 0; y < 10; y++) {
			for (int x = 0; x < 20; x++) {
				int before = input.getProcessor().get(x, y);
				int expected = x >= 15 && y < 5 ? 255 - before : before;
				assertEquals(expected, result.getProcessor().get(x, y), "at " + x +
					"," + y);
			}
		}
	}

	@Test
	void downsizedStylizerOutputIsScaledBackToTheSelection() throws Exception {
		ImagePlus input = TestImages.rgb(31, 23, 12);
		input.setRoi(new OvalRoi(3, 2, 25, 19));
		ImagePlus result = StackStylizing.run(input, Scope.CURRENT_PLANE, Stylizers
			.halfSizeConstant(1f, 0.6f, 0f), ProgressReporter.SILENT).image();
		ImageProcessor mask = input.getRoi().getMask();
		for (int y = 0; y < 23; y++) {
			for (int x = 0; x < 31; x++) {
				boolean in = x >= 3 && x < 28 && y >= 2 && y < 21 && mask.get(x - 3, y -
					2) != 0;
				// 0.6 of 255 is 153, far from a rounding boundary: resampling a
				// constant may be off by 1e-7.
				int expected = in ? 0xff9900 : input.getProcessor().get(x, y) &
					0xffffff;
				assertEquals(expected, result.getProcessor().get(x, y) & 0xffffff,
					"at " + x + "," + y);
			}
		}
		assertEquals(31, result.getWidth());
		assertEquals(23, result.getHeight());
	}

	@Test
	void inputIsNeverModified() throws Exception {
		CompositeImage input = TestImages.composite(2, 2);
		input.setPosition(2, 2, 1);
		input.setRoi(new OvalRoi(1, 1, 8, 6));
		List<Object> pixelsBefore = new ArrayList<>();
		for (int s = 1; s <= input.getStackSize(); s++)
			pixelsBefore.add(((short[]) input.getStack().getPixels(s)).clone());
		LUT[] lutsBefore = input.getLuts();
		String title = input.getTitle();

		StackStylizing.run(input, Scope.ALL_PLANES, Stylizers.INVERT,
			ProgressReporter.SILENT);

		for (int s = 1; s <= input.getStackSize(); s++)
			assertArrayEquals((short[]) pixelsBefore.get(s - 1), (short[]) input
				.getStack().getPixels(s));
		assertArrayEquals(new int[] { 2, 2, 1 }, new int[] { input.getChannel(),
			input.getSlice(), input.getFrame() });
		LUT[] lutsAfter = input.getLuts();
		for (int c = 0; c < lutsBefore.length; c++) {
			assertArrayEquals(lutsBefore[c].getBytes(), lutsAfter[c].getBytes());
			assertEquals(lutsBefore[c].min, lutsAfter[c].min);
			assertEquals(lutsBefore[c].max, lutsAfter[c].max);
		}
		assertEquals(new OvalRoi(1, 1, 8, 6).getBounds(), input.getRoi()
			.getBounds());
		assertEquals(title, input.getTitle());
		assertEquals(CompositeImage.COMPOSITE, input.getMode());
	}

	@Test
	void cancellingKeepsThePlanesDoneAndSaysWhichWereNot() throws Exception {
		ImagePlus input = TestImages.hyperstack("8-bit", 6, 4, 1, 5, 1, 0, 255, 8);
		AtomicInteger calls = new AtomicInteger();
		PlaneStylizer countingInvert = (p, r) -> {
			calls.incrementAndGet();
			return Stylizers.INVERT.stylize(p, r);
		};
		List<String> events = new ArrayList<>();
		ProgressReporter cancelAfterTwo = recorder(events, () -> calls.get() >= 2);

		StylizingResult run = StackStylizing.run(input, Scope.ALL_PLANES,
			countingInvert, cancelAfterTwo);

		assertEquals(2, calls.get());
		assertEquals(2, run.stylized());
		assertEquals(5, run.total());
		assertFalse(run.complete());
		assertEquals(List.of("slice 3", "slice 4", "slice 5"), run.unstylized());
		assertEquals(List.of("0/5 slice 1", "1/5 slice 2", "finished 2/5"), events);
		ImagePlus result = run.image();
		assertEquals(5, result.getStackSize());
		for (int s = 1; s <= 5; s++) {
			byte[] in = (byte[]) input.getStack().getPixels(s), out = (byte[]) result
				.getStack().getPixels(s);
			for (int i = 0; i < in.length; i++)
				assertEquals(s <= 2 ? 255 - (in[i] & 0xff) : in[i] & 0xff, out[i] &
					0xff);
		}
		assertEquals("slice 3; slice 4; slice 5", result.getProp(
			StackStylizing.UNSTYLIZED_PROPERTY));
		assertTrue(result.getInfoProperty().contains(
			"3 of 5 planes were not stylized"), result.getInfoProperty());
	}

	@Test
	void aStylizerThatStopsMidPlaneLeavesThatPlaneAsItWas() throws Exception {
		ImagePlus input = TestImages.hyperstack("RGB", 6, 4, 1, 3, 1, 0, 0, 8);
		AtomicInteger calls = new AtomicInteger();
		PlaneStylizer stopsOnSecond = (p, r) -> {
			if (calls.incrementAndGet() == 2) throw new CancellationException("stop");
			return Stylizers.INVERT.stylize(p, r);
		};
		StylizingResult run = StackStylizing.run(input, Scope.ALL_PLANES,
			stopsOnSecond, ProgressReporter.SILENT);
		assertEquals(1, run.stylized());
		assertEquals(List.of("slice 2", "slice 3"), run.unstylized());
		assertNotEquals(input.getStack().getProcessor(1).get(0) & 0xffffff, run
			.image().getStack().getProcessor(1).get(0) & 0xffffff);
		assertArrayEquals((int[]) input.getStack().getPixels(2), (int[]) run.image()
			.getStack().getPixels(2));
	}

	@Test
	void invalidPixelsFromTheStylizerAreRefusedWithAClearMessage() {
		ImagePlus input = TestImages.rgb(4, 4, 1);
		PlaneStylizer nan = (p, r) -> {
			float[] v = new float[3 * p.width() * p.height()];
			v[5] = Float.NaN;
			return new RgbImage(p.width(), p.height(), v);
		};
		IllegalStateException e = assertThrows(IllegalStateException.class,
			() -> StackStylizing.run(input, Scope.CURRENT_PLANE, nan,
				ProgressReporter.SILENT));
		assertTrue(e.getMessage().contains("NaN"), e.getMessage());
	}

	@Test
	void stylizerFailuresReachTheCallerUnchanged() {
		ImagePlus input = TestImages.rgb(4, 4, 1);
		IOException failure = new IOException("model file is corrupt");
		IOException thrown = assertThrows(IOException.class, () -> StackStylizing
			.run(input, Scope.CURRENT_PLANE, (p, r) -> {
				throw failure;
			}, ProgressReporter.SILENT));
		assertSame(failure, thrown);
	}

	@Test
	void resultTitleDropsTheExtension() {
		assertEquals("blobs stylized", StackStylizing.resultTitle("blobs.gif"));
		assertEquals("my cells stylized", StackStylizing.resultTitle("my cells"));
		assertEquals("a.b stylized", StackStylizing.resultTitle("a.b.tiff"));
	}

	private static ProgressReporter recorder(List<String> events,
		java.util.function.BooleanSupplier cancelled)
	{
		return new ProgressReporter() {

			@Override
			public void planeStarted(int index, int total, String where) {
				events.add(index + "/" + total + " " + where);
			}

			@Override
			public void finished(int stylized, int total) {
				events.add("finished " + stylized + "/" + total);
			}

			@Override
			public boolean isCancelled() {
				return cancelled.getAsBoolean();
			}
		};
	}
}
