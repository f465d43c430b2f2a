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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.OvalRoi;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import java.awt.Rectangle;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.fast.Blending;
import org.neuralstyle.fast.FastModelLibrary;
import org.neuralstyle.fast.FastModels;
import org.neuralstyle.fast.FastStylizer;
import org.neuralstyle.fast.TransformerWeights;
import org.neuralstyle.weights.Downloader;
import org.neuralstyle.weights.ModelRegistry;
import org.neuralstyle.testing.HostileImages;
import org.neuralstyle.weights.WeightsCache;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleService;
import org.neuralstyle.imagej.ij1.CommandParameter;
import org.neuralstyle.imagej.ij1.CommandParameters;
import org.neuralstyle.imagej.planes.Scope;
import org.neuralstyle.imagej.planes.StackStylizing;
import org.neuralstyle.testing.CommandHarness;
import org.neuralstyle.testing.TestImages;

/**
 * The command in a SciJava context, headless, on every kind of image, with a
 * fast model written by PyTorch (pytorch/examples' layout, random weights: the
 * pictures change, but do not look stylized).
 */
class StylizeFastCommandTest {

	private static CommandHarness harness;
	private static Context context;
	private static File fastModel;
	private static File tinyVgg;

	@BeforeAll
	static void startContext() throws URISyntaxException {
		harness = new CommandHarness(StylizeFastCommand.class);
		context = harness.context();
		fastModel = resource("/fixtures/fast/transformer_net_legacy.pth");
		tinyVgg = resource("/fixtures/parity/tiny_vgg.pth");
	}

	private static File resource(String name) throws URISyntaxException {
		return Path.of(StylizeFastCommandTest.class.getResource(name).toURI())
			.toFile();
	}

	@AfterAll
	static void closeContext() {
		harness.close();
	}

	private static Map<String, Object> inputs(ImagePlus image,
		Object... keyValues)
	{
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("image", image);
		inputs.put("model_file", fastModel);
		inputs.put("device", "cpu");
		return CommandHarness.inputs(inputs, keyValues);
	}

	private static int differingPixels(ImageProcessor a, ImageProcessor b) {
		int n = 0;
		for (int i = 0; i < a.getPixelCount(); i++)
			if (a.getf(i) != b.getf(i)) n++;
		return n;
	}

	/**
	 * Runs with the weights cache in {@code cache} and downloads refused,
	 * restoring both properties after.
	 */
	private static <T> T offlineWithCache(Path cache, Callable<T> action)
		throws Exception
	{
		String cacheBefore = System.getProperty(WeightsCache.DIRECTORY_PROPERTY);
		String offlineBefore = System.getProperty(Downloader.OFFLINE_PROPERTY);
		System.setProperty(WeightsCache.DIRECTORY_PROPERTY, cache.toString());
		System.setProperty(Downloader.OFFLINE_PROPERTY, "true");
		try {
			return action.call();
		}
		finally {
			restore(WeightsCache.DIRECTORY_PROPERTY, cacheBefore);
			restore(Downloader.OFFLINE_PROPERTY, offlineBefore);
		}
	}

	private static void restore(String key, String value) {
		if (value == null) System.clearProperty(key);
		else System.setProperty(key, value);
	}

	@Test
	void parametersAreTheMacroKeys() {
		List<CommandParameter> ps = CommandParameters.of(StylizeFastCommand.class);
		assertEquals(List.of("image", "model", "model_file", "regions", "model_2",
			"model_3", "model_4", "feather", "scope", "device", "tile", "strength",
			"temporal_smoothing", "temporal_axis", "precision"), ps.stream().map(
				CommandParameter::key).toList());
		Map<String, Object> defaults = new HashMap<>();
		Map<String, CommandParameter> byKey = new HashMap<>();
		ps.forEach(p -> defaults.put(p.key(), p.defaultValue()));
		ps.forEach(p -> byKey.put(p.key(), p));
		assertEquals(1.0, defaults.get("strength"));
		assertEquals("candy", defaults.get("model"));
		assertNull(defaults.get("model_file"));
		assertEquals("", defaults.get("regions"));
		assertEquals(CommandParameter.Kind.REGIONS, byKey.get("regions").kind());
		for (String key : List.of("model_2", "model_3", "model_4"))
			assertEquals("", defaults.get(key), key);
		assertEquals(Blending.DEFAULT_FEATHER, defaults.get("feather"));
		assertEquals("Current plane", defaults.get("scope"));
		assertEquals("auto", defaults.get("device"));
		assertEquals(FastStylizer.DEFAULT_TILE_SIZE, defaults.get("tile"));
		assertEquals(List.of(Scope.labels()), byKey.get("scope").choices());
		assertEquals(List.of("auto", "cpu", "gpu"), byKey.get("device").choices());
	}

	/**
	 * Three bands: label 1 on the left third, 0 (the input) in the middle, 2 on
	 * the right.
	 */
	private static ImagePlus threeBands(String title, int w, int h) {
		return TestImages.bands(title, w, h, 1, 0, 2);
	}

	/** The colour at (x, y), without the alpha byte the test images leave 0. */
	private static int rgb(ImageProcessor ip, int x, int y) {
		return ip.get(x, y) & 0xffffff;
	}

	/** The largest difference of one channel at (x, y), in levels. */
	private static int channelDifference(ImageProcessor a, ImageProcessor b,
		int x, int y)
	{
		int p = a.get(x, y), q = b.get(x, y), worst = 0;
		for (int shift = 0; shift < 24; shift += 8)
			worst = Math.max(worst, Math.abs((p >> shift & 0xff) - (q >> shift &
				0xff)));
		return worst;
	}

	@Test
	void eachRegionTakesItsModelAndLabelZeroKeepsTheInput(@TempDir Path dir)
		throws Exception
	{
		// A second, different network: pytorch/examples' initialization, seed 7.
		Path second = dir.resolve("second.safetensors");
		TransformerWeights.pytorchDefault(7).write(second);
		int w = 72, h = 32;
		ImagePlus image = TestImages.rgb(w, h, 21);
		ImagePlus labels = threeBands("bands", w, h);
		// The truth: each model alone on the whole image.
		ImageProcessor first = harness.result(inputs(image)).getProcessor(), other =
			harness.result(inputs(image, "model_file", second.toFile()))
				.getProcessor();

		ImagePlus both = TestImages.whileOpen(() -> harness.result(inputs(image,
			"regions", "bands", "model_2", second.toString(), "feather", 2.0)),
			labels);

		ImageProcessor out = both.getProcessor(), in = image.getProcessor();
		int modelsDiffer = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				// Farther than 3 standard deviations of the feather from a band's edge.
				int band = x / (w / 3), inBand = x % (w / 3);
				if (inBand < 6 && band > 0 || inBand >= w / 3 - 6 && band < 2) continue;
				String at = " at " + x + "," + y;
				if (band == 0) assertTrue(channelDifference(first, out, x, y) <= 1,
					"region 1 is the first model's" + at);
				if (band == 1) assertEquals(rgb(in, x, y), rgb(out, x, y),
					"label 0 is the input" + at);
				if (band == 2) assertTrue(channelDifference(other, out, x, y) <= 1,
					"region 2 is the second model's" + at);
				if (band != 1 && channelDifference(first, other, x, y) > 8)
					modelsDiffer++;
			}
		assertTrue(modelsDiffer > w * h / 3, "the two models give different " +
			"pictures, so the regions tell them apart: " + modelsDiffer);
		assertTrue(both.getInfoProperty().contains("model_file=[" + fastModel +
			"] regions=[bands] model_2=[" + second + "] (" + second +
			") feather=2.0 scope=[Current plane]"), both.getInfoProperty());

		// Inside a selection the regions stay where they are in the image.
		image.setRoi(new Rectangle(10, 4, 56, 24));
		ImageProcessor firstInside = harness.result(inputs(image)).getProcessor(),
				otherInside = harness.result(inputs(image, "model_file", second
					.toFile())).getProcessor();
		ImageProcessor selected = TestImages.whileOpen(() -> harness.result(inputs(
			image, "regions", "bands", "model_2", second.toString(), "feather", 0.0)),
			labels).getProcessor();
		for (int y = 4; y < 28; y++) {
			for (int x = 10; x < 24; x++)
				assertEquals(rgb(firstInside, x, y), rgb(selected, x, y), x + "," + y);
			for (int x = 24; x < 48; x++)
				assertEquals(rgb(in, x, y), rgb(selected, x, y), x + "," + y);
			for (int x = 48; x < 66; x++)
				assertEquals(rgb(otherInside, x, y), rgb(selected, x, y), x + "," + y);
		}
		assertEquals(rgb(in, 2, 2), rgb(selected, 2, 2), "outside the selection");
	}

	@Test
	void modelsAndRegionsThatDoNotPairUpEndInOneMessageSayingWhatToDo()
		throws Exception
	{
		ImagePlus image = TestImages.rgb(72, 32, 3);
		ImagePlus bands = threeBands("bands", 72, 32), small = threeBands("small",
			30, 32), empty = new ImagePlus("empty", new ByteProcessor(72, 32));
		String path = fastModel.toString();
		TestImages.whileOpen(() -> {
			assertEquals(
				"'regions' has 2 regions but 1 model is given (model, model_2...): give one model per region, in order.",
				harness.failure(inputs(image, "regions", "bands")));
			assertEquals(
				"'regions' has 2 regions but 3 models are given (model, model_2...): give one model per region, in order.",
				harness.failure(inputs(image, "regions", "bands", "model_2", path,
					"model_3", path)));
			assertEquals(
				"'model_3' is given but 'model_2' is empty: give the models in order, one per region.",
				harness.failure(inputs(image, "regions", "bands", "model_3", path)));
			assertEquals(
				"The label image 'small' is 30×32 but the image to stylize is 72×32: give a label image of its size.",
				harness.failure(inputs(image, "regions", "small", "model_2", path)));
			assertEquals(
				"The label image 'empty' has only background (0): paint region k with the value k.",
				harness.failure(inputs(image, "regions", "empty")));
			assertEquals("'feather' must be a number of pixels, 0 or more, not -1.0.",
				harness.failure(inputs(image, "regions", "bands", "model_2", path,
					"feather", -1.0)));
			return null;
		}, bands, small, empty);
		assertEquals(
			"'model_2' is given but 'regions' is empty: more models go with regions ([ROI Manager] or a label image), " +
				"one per region; or leave model_2 empty.", harness.failure(inputs(image,
					"model_2", path)));
		assertEquals(
			"There is no image called 'bands' for 'regions': give [ROI Manager] or the title of an open label image.",
			harness.failure(inputs(image, "regions", "bands", "model_2", path)));
	}

	@Test
	void temporalSmoothingBlendsEachFrameWithThePreviousOneAndReportsFlicker()
		throws Exception
	{
		ImagePlus image = StylizeOptimizeCommandTest.pan(3);

		ImagePlus plain = harness.result(inputs(image, "scope", "All planes"));
		ImagePlus steady = harness.result(inputs(image, "scope", "All planes",
			"temporal_smoothing", 0.5));

		assertEquals(0, differingPixels(plain.getStack().getProcessor(1), steady
			.getStack().getProcessor(1)), "the first frame has no predecessor");
		assertTrue(differingPixels(plain.getStack().getProcessor(3), steady
			.getStack().getProcessor(3)) > 0);
		assertTrue(steady.getInfoProperty().matches(
			"(?s).*temporal_smoothing=0.5 temporal_axis=auto.*flicker [0-9.e+]+ .*2 pairs.*"),
			steady.getInfoProperty());
		assertTrue(harness.failure(inputs(image, "temporal_smoothing", 1.0))
			.contains("below 1"));
	}

	@Test
	void rgbBecomesANewRgbImageTitledAfterTheInputAndTheInputStaysAsItWas()
		throws Exception
	{
		ImagePlus image = TestImages.rgb(32, 24, 1);
		image.setTitle("cells.png");
		image.getCalibration().pixelWidth = 0.5;
		Object[] before = CommandHarness.pixels(image);

		ImagePlus result = harness.result(inputs(image));

		assertEquals("cells stylized", result.getTitle());
		assertEquals(ImagePlus.COLOR_RGB, result.getType());
		assertArrayEquals(new int[] { 32, 24, 1, 1, 1 }, result.getDimensions());
		assertEquals(0.5, result.getCalibration().pixelWidth);
		assertTrue(differingPixels(image.getProcessor(), result
			.getProcessor()) > 32 * 24 / 2, "the picture was stylized");
		assertArrayEquals(before, CommandHarness.pixels(image));
		assertEquals("cells.png", image.getTitle());
		assertTrue(result.getInfoProperty().contains(
			"Stylize (fast model): model_file=[" + fastModel +
				"] scope=[Current plane] device=cpu tile=-1 strength=1.0 precision=auto; 1 of 1 planes stylized"),
			result.getInfoProperty());
	}

	@Test
	void eightBitComesBackEightBitThroughItsLut() throws Exception {
		ImagePlus image = TestImages.hyperstack("8-bit", 32, 24, 1, 1, 1, 0, 255,
			3);
		image.setLut(TestImages.rainbowLut());

		ImagePlus result = harness.result(inputs(image));

		assertEquals(ImagePlus.GRAY8, result.getType());
		assertArrayEquals(TestImages.rainbowLut().getBytes(), result.getProcessor()
			.getLut().getBytes());
		assertTrue(differingPixels(image.getProcessor(), result
			.getProcessor()) > 0);
	}

	@Test
	void sixteenAndThirtyTwoBitKeepTypeCalibrationAndDisplayRange()
		throws Exception
	{
		for (String type : List.of("16-bit", "32-bit")) {
			ImagePlus image = TestImages.hyperstack(type, 32, 24, 1, 1, 1, 100, 3000,
				5);
			image.setDisplayRange(200, 2800);
			image.getCalibration().setUnit("mm");
			Object[] before = CommandHarness.pixels(image);

			ImagePlus result = harness.result(inputs(image));

			assertEquals(image.getType(), result.getType(), type);
			assertEquals(200, result.getDisplayRangeMin(), type);
			assertEquals(2800, result.getDisplayRangeMax(), type);
			assertEquals("mm", result.getCalibration().getUnit(), type);
			ImageProcessor out = result.getProcessor();
			for (int i = 0; i < out.getPixelCount(); i++) {
				assertTrue(out.getf(i) >= 200 - 1e-3 && out.getf(i) <= 2800 + 1e-3,
					type + ": pixel within the display range");
			}
			assertTrue(differingPixels(image.getProcessor(), out) > 0, type);
			assertArrayEquals(before, CommandHarness.pixels(image), type);
		}
	}

	@Test
	void compositeIsStylizedAsDisplayedIntoAnRgbHyperstack() throws Exception {
		CompositeImage image = TestImages.composite(2, 1);
		image.setOpenAsHyperStack(true);

		ImagePlus result = harness.result(inputs(image, "scope", "All planes"));

		assertEquals(ImagePlus.COLOR_RGB, result.getType());
		assertArrayEquals(new int[] { 12, 9, 1, 2, 1 }, result.getDimensions());
	}

	@Test
	void everyPlaneOfAHyperstackKeepsDimensionsAndLabels() throws Exception {
		ImagePlus image = TestImages.hyperstack("16-bit", 32, 24, 1, 2, 2, 0, 1000,
			8);
		image.setOpenAsHyperStack(true);
		image.getCalibration().frameInterval = 5;
		Object[] before = CommandHarness.pixels(image);

		ImagePlus result = harness.result(inputs(image, "scope", "All planes"));

		assertArrayEquals(new int[] { 32, 24, 1, 2, 2 }, result.getDimensions());
		assertTrue(result.isHyperStack());
		assertEquals(5, result.getCalibration().frameInterval);
		for (int s = 1; s <= 4; s++) {
			assertEquals("slice " + s, result.getStack().getSliceLabel(s));
			assertTrue(differingPixels(image.getStack().getProcessor(s), result
				.getStack().getProcessor(s)) > 0, "plane " + s);
		}
		assertArrayEquals(before, CommandHarness.pixels(image));
		assertNull(result.getProp(StackStylizing.UNSTYLIZED_PROPERTY));
		assertTrue(result.getInfoProperty().contains("4 of 4 planes stylized"),
			result.getInfoProperty());
	}

	@Test
	void theCurrentPlaneAloneGivesOneImage() throws Exception {
		ImagePlus image = TestImages.hyperstack("8-bit", 32, 24, 1, 3, 1, 0, 255,
			9);
		image.setSlice(2);

		ImagePlus result = harness.result(inputs(image));

		assertEquals(1, result.getStackSize());
		assertEquals("slice 2", result.getStack().getSliceLabel(1));
	}

	@Test
	void aSelectionIsStylizedInsideAndTheRestKeptPixelForPixel()
		throws Exception
	{
		ImagePlus image = TestImages.rgb(32, 24, 4);
		OvalRoi oval = new OvalRoi(6, 4, 20, 16);
		image.setRoi(oval);

		ImagePlus result = harness.result(inputs(image));

		ImageProcessor mask = oval.getMask();
		int changedInside = 0;
		for (int y = 0; y < 24; y++) {
			for (int x = 0; x < 32; x++) {
				boolean inside = x >= 6 && x < 26 && y >= 4 && y < 20 && mask.get(x - 6,
					y - 4) != 0;
				int in = image.getProcessor().get(x, y), out = result.getProcessor()
					.get(x, y);
				if (!inside) assertEquals(in, out, "outside the selection at " + x +
					"," + y);
				else if (in != out) changedInside++;
			}
		}
		assertTrue(changedInside > 100, "stylized inside the selection: " +
			changedInside);
		assertEquals(oval.getBounds(), image.getRoi().getBounds());
	}

	@Test
	void strengthBlendsTheModelsOutputWithTheInput() throws Exception {
		ImagePlus image = TestImages.rgb(40, 32, 12);
		int[] in = (int[]) image.getProcessor().getPixels();
		int[] full = (int[]) harness.result(inputs(image)).getProcessor()
			.getPixels();
		int[] none = (int[]) harness.result(inputs(image, "strength", 0.0))
			.getProcessor().getPixels();
		int[] half = (int[]) harness.result(inputs(image, "strength", 0.5))
			.getProcessor().getPixels();
		int worst = 0;
		for (int i = 0; i < in.length; i++)
			assertEquals(in[i] & 0xffffff, none[i] & 0xffffff,
				"strength 0: the input, pixel " + i);
		for (int i = 0; i < in.length; i++)
			for (int shift = 0; shift <= 16; shift += 8) {
				int a = (in[i] >> shift) & 0xff, b = (full[i] >> shift) & 0xff, h =
					(half[i] >> shift) & 0xff;
				worst = Math.max(worst, Math.abs(2 * h - a - b));
			}
		assertTrue(worst <= 2, "strength 0.5: halfway, within rounding: " + worst);
	}

	@Test
	void anImageStylizedInTilesIsTheImageStylizedInOnePiece() throws Exception {
		ImagePlus image = TestImages.rgb(150, 90, 11);

		ImagePlus tiled = harness.result(inputs(image, "tile", 64));
		ImagePlus whole = harness.result(inputs(image)); // small: one piece

		assertArrayEquals(new int[] { 150, 90, 1, 1, 1 }, tiled.getDimensions());
		// Six tiles with the whole image's InstanceNorm statistics: the same result
		// up to float rounding, which may move a value across a level boundary.
		int[] a = (int[]) tiled.getProcessor().getPixels(), b = (int[]) whole
			.getProcessor().getPixels();
		for (int i = 0; i < a.length; i++)
			for (int shift = 0; shift < 24; shift += 8)
				assertTrue(Math.abs((a[i] >> shift & 0xff) - (b[i] >> shift &
					0xff)) <= 1, "pixel " + i % 150 + "," + i / 150);
		String refused = harness.failure(inputs(image, "tile", 16));
		assertTrue(refused.startsWith("A tile of 16 pixels cannot hold the halo"),
			refused);
	}

	@Test
	void aNamedModelComesFromTheLibrary(@TempDir Path cache) throws Exception {
		Path library = Files.createDirectories(cache.resolve(
			FastModelLibrary.FOLDER));
		Files.copy(fastModel.toPath(), library.resolve("candy.pth"));
		ImagePlus image = TestImages.rgb(32, 24, 2);

		ImagePlus byName = offlineWithCache(cache, () -> harness.result(inputs(
			image, "model_file", null, "model", "candy")));
		ImagePlus byFile = harness.result(inputs(image));

		assertEquals(0, differingPixels(byFile.getProcessor(), byName
			.getProcessor()), "the same network");
		assertTrue(byName.getInfoProperty().contains("model=[candy] (" + library
			.resolve("candy.pth") + ")"), byName.getInfoProperty());
	}

	@Test
	void anArchiveAlreadyInTheCacheIsUnpackedWithoutAskingOrDownloading(
		@TempDir Path cache) throws Exception
	{
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(cache
			.resolve(ModelRegistry.FAST_MODELS.fileName()))))
		{
			for (String style : FastModels.STYLES) {
				zip.putNextEntry(new ZipEntry(FastModels.archiveEntry(style)));
				Files.copy(fastModel.toPath(), zip);
				zip.closeEntry();
			}
		}
		ImagePlus image = TestImages.rgb(32, 24, 2);

		ImagePlus udnie = offlineWithCache(cache, () -> harness.result(inputs(image,
			"model_file", null, "model", "udnie")));

		assertTrue(Files.isRegularFile(cache.resolve(FastModelLibrary.FOLDER)
			.resolve("udnie.pth")));
		assertEquals(0, differingPixels(harness.result(inputs(image))
			.getProcessor(), udnie.getProcessor()), "the unpacked network");
	}

	@Test
	void aFileThatIsNoFastModelEndsInOneClearMessage(@TempDir Path dir)
		throws Exception
	{
		ImagePlus image = TestImages.rgb(32, 24, 1);
		String vgg = harness.failure(inputs(image, "model_file", tinyVgg));
		assertTrue(vgg.contains("tiny_vgg.pth"), vgg);
		String missing = harness.failure(inputs(image, "model_file", dir.resolve(
			"gone.pth").toFile()));
		assertTrue(missing.startsWith("The model file ") && missing.contains(
			"gone.pth does not exist"), missing);
		Path notACheckpoint = Files.writeString(dir.resolve("notes.pth"),
			"not a checkpoint");
		String unusable = harness.failure(inputs(image, "model_file", notACheckpoint
			.toFile()));
		assertTrue(unusable.contains("notes.pth"), unusable);
		assertTrue(harness.failure(inputs(image, "device", "gpu")).startsWith(
			"No GPU is visible to PyTorch"));
		assertTrue(harness.failure(inputs(image, "scope", "everything")).startsWith(
			"Unknown scope 'everything'"));
		assertEquals("There is no image to stylize: open one first.", harness
			.failure(inputs(null)));
	}

	@Test
	void anUnknownNameEndsInAMessageNamingTheModelsThereAre(@TempDir Path cache)
		throws Exception
	{
		Path library = Files.createDirectories(cache.resolve(
			FastModelLibrary.FOLDER));
		Files.copy(fastModel.toPath(), library.resolve("starry.safetensors"));

		String message = offlineWithCache(cache, () -> harness.failure(inputs(
			TestImages.rgb(32, 24, 1), "model_file", null, "model", "picasso")));

		assertEquals(
			"There is no fast model called 'picasso'. Use one of candy, mosaic, rain_princess, udnie (published), " +
				"starry (trained here), or give a model file as 'model_file'.",
			message);
	}

	@Test
	void aMissingPublishedModelOfflineEndsInOneClearErrorAndNothingIsDownloaded(
		@TempDir Path cache) throws Exception
	{
		String message = offlineWithCache(cache, () -> harness.failure(inputs(
			TestImages.rgb(32, 24, 1), "model_file", null, "model", "mosaic")));

		assertTrue(message.startsWith(
			"The fast model mosaic is not on this computer (looked in " + cache
				.resolve(FastModelLibrary.FOLDER)), message);
		assertTrue(message.contains(
			"Run Plugins > Style Transfer > Stylize (fast model) once from the menu"),
			message);
		assertTrue(message.contains(
			"https://www.dropbox.com/s/lrvwfehqdcxoza8/saved_models.zip?dl=1"),
			message);
		assertTrue(message.contains("model_file=[/path/to/mosaic.pth]"), message);
		try (var files = Files.list(cache)) {
			assertEquals(0, files.count());
		}
	}

	@Test
	void aBombATinyImageAStripAndACmykJpegGivenAsFilesEachEndInOneMessage(
		@TempDir Path dir) throws Exception
	{
		Path twoByTwo = dir.resolve("2x2.png"), strip = dir.resolve("strip.png");
		new ij.io.FileSaver(TestImages.rgb(2, 2, 1)).saveAsPng(twoByTwo.toString());
		new ij.io.FileSaver(TestImages.rgb(1, 3000, 1)).saveAsPng(strip.toString());
		Path bomb = HostileImages.decompressionBomb(dir.resolve("bomb.png"), 20000);
		Path cmyk = HostileImages.cmykJpeg(dir.resolve("print.jpg"));
		CommandInfo info = context.service(CommandService.class).getCommand(
			StylizeFastCommand.class);
		ModuleService modules = context.service(ModuleService.class);
		Map<Path, String> expected = Map.of(bomb, "The image: " + bomb +
			" is 20000×20000 pixels: reading it needs about", twoByTwo,
			"Fast style models need images of at least 5×5 pixels; this one is 2×2",
			strip,
			"Fast style models need images of at least 5×5 pixels; this one is 1×3000",
			cmyk, "The image: " + cmyk + " is a CMYK JPEG, which Java cannot decode");
		for (Map.Entry<Path, String> file : expected.entrySet()) {
			// As Fiji's --run passes them: every value a string, the image as a path.
			Map<String, Object> strings = new HashMap<>(Map.of("image", file.getKey()
				.toString(), "model_file", fastModel.toString(), "device", "cpu"));
			CommandModule module = (CommandModule) modules.run(info, false, strings)
				.get();
			assertTrue(module.isCanceled(), file.getKey().toString());
			assertTrue(module.getCancelReason().startsWith(file.getValue()), module
				.getCancelReason());
		}
	}
}
