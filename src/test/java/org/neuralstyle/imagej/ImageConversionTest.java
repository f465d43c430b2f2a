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
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;
import java.awt.Color;
import org.junit.jupiter.api.Test;
import org.neuralstyle.image.RgbImage;
import org.neuralstyle.imagej.planes.CompositeRendering;
import org.neuralstyle.imagej.planes.ImageConversion;
import org.neuralstyle.imagej.planes.ImagePlanes;
import org.neuralstyle.imagej.planes.LutCurve;
import org.neuralstyle.imagej.planes.LutPlaneCodec;
import org.neuralstyle.imagej.planes.RgbPlaneCodec;
import org.neuralstyle.testing.TestImages;

/**
 * Planes of every type to RGB pictures and back: as displayed, and without loss
 * where the display allows.
 */
class ImageConversionTest {

	@Test
	void rgbRoundTripIsExact() {
		ColorProcessor cp = (ColorProcessor) TestImages.rgb(17, 11, 1)
			.getProcessor();
		RgbImage picture = new RgbPlaneCodec().toRgb(cp);
		int c = cp.get(5, 3);
		assertEquals(((c >> 8) & 0xff) / 255f, picture.get(1, 5, 3), 0);
		ColorProcessor back = new RgbPlaneCodec().fromRgb(picture);
		for (int i = 0; i < cp.getPixelCount(); i++)
			assertEquals(cp.get(i) & 0xffffff, back.get(i) & 0xffffff, "pixel " + i);
	}

	@Test
	void eightBitIsShownThroughItsColourLutAndComesBackExactly() {
		ByteProcessor bp = new ByteProcessor(256, 1);
		for (int i = 0; i < 256; i++)
			bp.set(i, 0, i);
		LUT lut = TestImages.rainbowLut();
		bp.setLut(lut);
		LutPlaneCodec codec = new LutPlaneCodec(lut, 0, 255, 8);
		RgbImage picture = codec.toRgb(bp);
		ColorProcessor asImageJShowsIt = bp.convertToColorProcessor();
		for (int i = 0; i < 256; i++) {
			int shown = asImageJShowsIt.get(i, 0);
			assertEquals((shown >> 16) & 0xff, Math.round(picture.get(0, i, 0) * 255),
				"red of " + i);
			assertEquals((shown >> 8) & 0xff, Math.round(picture.get(1, i, 0) * 255),
				"green of " + i);
			assertEquals(shown & 0xff, Math.round(picture.get(2, i, 0) * 255),
				"blue of " + i);
		}
		ImageProcessor back = codec.fromRgb(picture);
		assertArrayEquals((byte[]) bp.getPixels(), (byte[]) back.getPixels());
		assertArrayEquals(lut.getBytes(), back.getLut().getBytes());
	}

	@Test
	void eightBitDisplayRangeClampsWhatIsNotShown() {
		ByteProcessor bp = new ByteProcessor(256, 1);
		for (int i = 0; i < 256; i++)
			bp.set(i, 0, i);
		LutPlaneCodec codec = new LutPlaneCodec(LUT.createLutFromColor(Color.white),
			50, 200, 8);
		ImageProcessor back = codec.fromRgb(codec.toRgb(bp));
		for (int i = 0; i < 256; i++)
			assertEquals(Math.min(Math.max(i, 50), 200), back.get(i, 0), "value " +
				i);
		assertEquals(50, back.getMin());
		assertEquals(200, back.getMax());
	}

	@Test
	void sixteenBitNarrowDisplayRangeKeepsFullPrecisionInside() {
		ShortProcessor sp = new ShortProcessor(4001, 1);
		for (int i = 0; i <= 4000; i++)
			sp.set(i, 0, i);
		LutPlaneCodec codec = new LutPlaneCodec(LUT.createLutFromColor(Color.white),
			1000, 1200, 16);
		ImageProcessor back = codec.fromRgb(codec.toRgb(sp));
		assertTrue(back instanceof ShortProcessor);
		for (int i = 0; i <= 4000; i++)
			assertEquals(Math.min(Math.max(i, 1000), 1200), back.get(i, 0), "value " +
				i);
		assertEquals(1000, back.getMin());
		assertEquals(1200, back.getMax());
	}

	@Test
	void thirtyTwoBitWithNegativeValuesRoundTripsInsideTheDisplayRange() {
		FloatProcessor fp = new FloatProcessor(201, 1);
		for (int i = 0; i <= 200; i++)
			fp.setf(i, 0, -10 + i * 0.1f);
		LutPlaneCodec codec = new LutPlaneCodec(LUT.createLutFromColor(Color.white),
			-5, 5, 32);
		ImageProcessor back = codec.fromRgb(codec.toRgb(fp));
		assertTrue(back instanceof FloatProcessor);
		for (int i = 0; i <= 200; i++) {
			float v = fp.getf(i, 0);
			assertEquals(Math.min(Math.max(v, -5f), 5f), back.getf(i, 0), 1e-4,
				"value " + v);
		}
	}

	@Test
	void colourBecomesGrayByItsLuminance() {
		LutPlaneCodec codec = new LutPlaneCodec(LUT.createLutFromColor(Color.white),
			0, 1000, 16);
		ImageProcessor gray = codec.fromRgb(new RgbImage(1, 1, new float[] { 0.2f,
			0.5f, 0.9f }));
		assertEquals(Math.round(1000 * (0.299 * 0.2 + 0.587 * 0.5 + 0.114 * 0.9)),
			gray.get(0));
	}

	@Test
	void colourBecomesInvertedGrayThroughAnInvertedLut() {
		LUT inverted = LUT.createLutFromColor(Color.white).createInvertedLut();
		LutPlaneCodec codec = new LutPlaneCodec(inverted, 0, 1000, 16);
		ImageProcessor gray = codec.fromRgb(new RgbImage(1, 1, new float[] { 0.2f,
			0.5f, 0.9f }));
		assertEquals(Math.round(1000 * (1 - (0.299 * 0.2 + 0.587 * 0.5 + 0.114 *
			0.9))), gray.get(0));
	}

	@Test
	void singleColourLutTakesItsOwnChannel() {
		LutPlaneCodec codec = new LutPlaneCodec(LUT.createLutFromColor(Color.green),
			0, 1000, 16);
		ImageProcessor gray = codec.fromRgb(new RgbImage(1, 1, new float[] { 0.9f,
			0.4f, 0.1f }));
		assertEquals(400, gray.get(0));
	}

	@Test
	void linearLutsAreOnePieceAndOthersAreNot() {
		assertEquals(1, new LutCurve(LUT.createLutFromColor(Color.white)).pieces());
		assertEquals(1, new LutCurve(LUT.createLutFromColor(Color.white)
			.createInvertedLut()).pieces());
		assertEquals(1, new LutCurve(LUT.createLutFromColor(Color.magenta))
			.pieces());
		assertTrue(new LutCurve(TestImages.rainbowLut()).pieces() > 1);
		byte[] gamma = new byte[256];
		for (int i = 0; i < 256; i++)
			gamma[i] = (byte) Math.round(255 * Math.pow(i / 255.0, 2.2));
		assertTrue(new LutCurve(new LUT(gamma, gamma, gamma)).pieces() > 100);
	}

	@Test
	void stackPlanesUseTheImagesLutAndDisplayRange() {
		ImagePlus imp = TestImages.hyperstack("16-bit", 5, 4, 1, 3, 1, 0, 1000, 3);
		imp.setLut(LUT.createLutFromColor(Color.cyan));
		imp.setDisplayRange(100, 600);
		ImagePlanes planes = ImagePlanes.of(imp);
		ImageProcessor second = imp.getStack().getProcessor(2);
		RgbImage picture = planes.codec().toRgb(planes.plane(1));
		float t = Math.min(Math.max((second.getf(7) - 100) / 500f, 0), 1);
		assertEquals(0, picture.get(0, 2, 1), 1e-6);
		assertEquals(t, picture.get(1, 2, 1), 1e-6);
		assertEquals(t, picture.get(2, 2, 1), 1e-6);
	}

	@Test
	void compositeIsRenderedAsImageJShowsItWithoutMovingTheInput() {
		CompositeImage ci = TestImages.composite(2, 3);
		ci.setPosition(2, 1, 1);
		ColorProcessor rendered = CompositeRendering.render(ci, 2, 3);
		assertEquals(2, ci.getChannel());
		assertEquals(1, ci.getSlice());
		assertEquals(1, ci.getFrame());
		CompositeImage reference = (CompositeImage) ci.duplicate();
		reference.setPosition(1, 2, 3);
		ColorProcessor asImageJShowsIt = new ColorProcessor(reference.getImage());
		assertArrayEquals((int[]) asImageJShowsIt.getPixels(), (int[]) rendered
			.getPixels());
		boolean anyGreen = false, anyRed = false;
		for (int p : (int[]) rendered.getPixels()) {
			anyRed |= ((p >> 16) & 0xff) > 0;
			anyGreen |= ((p >> 8) & 0xff) > 0;
		}
		assertTrue(anyRed && anyGreen, "both channels are merged");
	}

	@Test
	void inactiveCompositeChannelsAreNotRendered() {
		CompositeImage ci = TestImages.composite(1, 1);
		ci.setActiveChannels("10");
		for (int p : (int[]) CompositeRendering.render(ci, 1, 1).getPixels())
			assertEquals(0, (p >> 8) & 0xff);
	}

	@Test
	void displayedPlaneOfACompositeIsItsCurrentPosition() {
		CompositeImage ci = TestImages.composite(2, 2);
		ci.setPosition(1, 2, 2);
		RgbImage picture = ImageConversion.displayedPlane(ci);
		ColorProcessor expected = CompositeRendering.render(ci, 2, 2);
		assertArrayEquals((int[]) expected.getPixels(), (int[]) ImageConversion
			.toColorProcessor(picture).getPixels());
	}
}
