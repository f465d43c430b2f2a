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
import ij.IJ;
import ij.ImagePlus;
import org.neuralstyle.testing.TestPictures;
import org.neuralstyle.imagefile.RgbPixels;
import ij.process.ColorProcessor;
import ij.ImageStack;
import ij.gui.OvalRoi;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import java.awt.event.KeyEvent;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.optimize.StyleTransferSettings;
import org.neuralstyle.tensor.GradientRecording;
import org.neuralstyle.testing.HostileImages;
import org.neuralstyle.weights.WeightsCache;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;
import org.neuralstyle.imagej.ij1.CommandParameter;
import org.neuralstyle.imagej.ij1.CommandParameters;
import org.neuralstyle.imagej.planes.Scope;
import org.neuralstyle.imagej.planes.StackStylizing;
import org.neuralstyle.imagej.progress.OptimizationProgress;
import org.neuralstyle.progress.TimeLeft;
import org.neuralstyle.testing.CommandHarness;
import org.neuralstyle.testing.TestImages;

/**
 * The command in a SciJava context, headless, on every kind of image, with the
 * tiny VGG written by PyTorch (random weights: the pictures change, but do not
 * look stylized).
 */
class StylizeOptimizeCommandTest {

	private static CommandHarness harness;
	private static Context context;
	private static File tinyVgg;

	@BeforeAll
	static void startContext() throws URISyntaxException {
		harness = new CommandHarness(StylizeOptimizeCommand.class);
		context = harness.context();
		tinyVgg = Path.of(StylizeOptimizeCommandTest.class.getResource(
			"/fixtures/parity/tiny_vgg.pth").toURI()).toFile();
	}

	@AfterAll
	static void closeContext() {
		harness.close();
	}

	@AfterEach
	void releaseEscape() {
		IJ.resetEscape();
	}

	private static Map<String, Object> inputs(ImagePlus content, ImagePlus style,
		Object... keyValues)
	{
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("content", content);
		inputs.put("style", style);
		inputs.put("iterations", 3);
		// Adam makes exactly the iterations asked for; L-BFGS finishes its step of
		// 20 evaluations.
		inputs.put("optimizer", "adam");
		inputs.put("weights", tinyVgg);
		inputs.put("device", "cpu");
		return CommandHarness.inputs(inputs, keyValues);
	}

	private static ImagePlus style() {
		return TestImages.rgb(20, 16, 99);
	}

	private static int differingPixels(ImageProcessor a, ImageProcessor b) {
		int n = 0;
		for (int i = 0; i < a.getPixelCount(); i++)
			if (a.getf(i) != b.getf(i)) n++;
		return n;
	}

	private static CommandParameter parameter(List<CommandParameter> ps,
		String key)
	{
		return ps.stream().filter(p -> p.key().equals(key)).findFirst()
			.orElseThrow();
	}

	@Test
	void parametersAreTheMacroKeysWithTheEnginesDefaults() {
		List<CommandParameter> ps = CommandParameters.of(
			StylizeOptimizeCommand.class);
		assertEquals(List.of("content", "style", "preset", "regions", "iterations",
			"optimizer", "content_weight", "style_weight", "tv_weight", "max_size",
			"tile", "init", "preserve_colors", "color_mode", "strength",
			"snapshot_every", "network", "device", "weights", "scope",
			"temporal_weight", "output", "progress", "trace", "style_2", "style_3",
			"style_4", "background_style", "style_weights", "style_scale",
			"content_layers", "style_layers", "init_file", "seed", "pooling",
			"learning_rate", "scales", "temporal_axis", "min_size", "precision"), ps
				.stream().map(CommandParameter::key).toList());
		// ImageJ 1.x asks for the rarely changed ones in a second dialog.
		assertEquals(List.of("style_2", "style_3", "style_4", "background_style",
			"style_weights", "style_scale", "content_layers", "style_layers",
			"init_file", "seed", "pooling", "learning_rate", "scales",
			"temporal_axis", "min_size", "precision"), ps.stream().filter(
				CommandParameter::advanced).map(CommandParameter::key).toList());
		StyleTransferSettings engine = new StyleTransferSettings();
		Map<String, Object> defaults = new HashMap<>();
		ps.forEach(p -> defaults.put(p.key(), p.defaultValue()));
		assertEquals(engine.iterations, defaults.get("iterations"));
		assertEquals(engine.optimizer.id(), defaults.get("optimizer"));
		assertEquals(engine.contentWeight, defaults.get("content_weight"));
		assertEquals(engine.styleWeight, defaults.get("style_weight"));
		assertEquals(engine.tvWeight, defaults.get("tv_weight"));
		assertEquals(engine.maxSize, defaults.get("max_size"));
		assertEquals(engine.tile, defaults.get("tile"));
		assertEquals("content", defaults.get("init"));
		assertEquals(StyleTransferSettings.Init.CONTENT, engine.init);
		assertEquals(false, defaults.get("preserve_colors"));
		assertEquals(engine.colorMode.toString(), defaults.get("color_mode"));
		assertEquals(engine.strength, defaults.get("strength"));
		assertEquals("", defaults.get("regions"));
		assertEquals(CommandParameter.Kind.REGIONS, parameter(ps, "regions")
			.kind());
		assertEquals(engine.precision.toString(), defaults.get("precision"));
		assertEquals(engine.snapshotEvery, defaults.get("snapshot_every"));
		assertEquals(engine.temporalWeight, defaults.get("temporal_weight"));
		assertEquals("auto", defaults.get("temporal_axis"));
		assertEquals("vgg19", defaults.get("network"));
		assertEquals("auto", defaults.get("device"));
		assertNull(defaults.get("weights"));
		assertEquals("Current plane", defaults.get("scope"));
		assertNull(defaults.get("output"));
		assertNull(defaults.get("progress"));
		assertEquals("", defaults.get("style_2"));
		assertEquals(CommandParameter.Kind.IMAGE_TITLE, parameter(ps, "style_2")
			.kind());
		assertEquals("", defaults.get("background_style"));
		assertEquals(CommandParameter.Kind.IMAGE_TITLE, parameter(ps,
			"background_style").kind());
		assertEquals("", defaults.get("style_weights"));
		assertEquals(engine.styleScale, defaults.get("style_scale"));
		assertEquals(engine.contentLayers, StyleTransferSettings.parseLayers(
			(String) defaults.get("content_layers")));
		assertEquals(engine.styleLayers, StyleTransferSettings.parseLayers(
			(String) defaults.get("style_layers")));
		assertNull(defaults.get("init_file"));
		assertEquals(engine.seed, defaults.get("seed"));
		assertEquals(engine.pooling.name().toLowerCase(), defaults.get("pooling"));
		// 0 stands for the engine's NaN: the optimizer's own rate.
		assertTrue(Double.isNaN(engine.learningRate));
		assertEquals(0.0, defaults.get("learning_rate"));
		assertEquals(engine.scales, defaults.get("scales"));
		assertEquals(1, engine.scales);
		assertEquals(engine.minSize, defaults.get("min_size"));
		// A dialog must not offer last run's output files again: they exist now,
		// and would be refused.
		assertEquals(List.of("output", "progress", "trace"), ps.stream().filter(
			p -> !p.remembered()).map(CommandParameter::key).toList());
		assertEquals(List.of("lbfgs", "adam"), parameter(ps, "optimizer")
			.choices());
		assertEquals(List.of("content", "random", "file"), parameter(ps, "init")
			.choices());
		assertEquals(List.of("max", "avg"), parameter(ps, "pooling").choices());
		assertEquals(List.of("vgg19", "vgg16", "keras-vgg16", "squeezenet1_1"),
			parameter(ps, "network").choices());
		assertEquals(List.of("auto", "cpu", "gpu"), parameter(ps, "device")
			.choices());
		assertEquals(List.of(Scope.labels()), parameter(ps, "scope").choices());
	}

	@Test
	void rgbBecomesANewRgbImageTitledAfterTheContentAndTheInputStaysAsItWas()
		throws Exception
	{
		ImagePlus content = TestImages.rgb(32, 24, 1);
		content.setTitle("cells.png");
		Calibration cal = content.getCalibration();
		cal.pixelWidth = 0.5;
		cal.setUnit("µm");
		Object[] before = CommandHarness.pixels(content);

		ImagePlus result = harness.result(inputs(content, style(), "optimizer",
			"lbfgs"));

		assertEquals("cells stylized", result.getTitle());
		assertEquals(ImagePlus.COLOR_RGB, result.getType());
		assertEquals(32, result.getWidth());
		assertEquals(24, result.getHeight());
		assertEquals(1, result.getStackSize());
		assertEquals(0.5, result.getCalibration().pixelWidth);
		assertEquals("µm", result.getCalibration().getUnit());
		assertTrue(differingPixels(content.getProcessor(), result
			.getProcessor()) > 32 * 24 / 2, "the picture was stylized");
		assertArrayEquals(before, CommandHarness.pixels(content));
		assertEquals("cells.png", content.getTitle());
		assertTrue(result.getInfoProperty().contains(
			"Stylize (optimize): style=[rgb.tif] iterations=3 optimizer=lbfgs content_weight=1 style_weight=1000000 "),
			result.getInfoProperty());
	}

	@Test
	void eightBitComesBackEightBitThroughItsLut() throws Exception {
		ImagePlus content = TestImages.hyperstack("8-bit", 32, 24, 1, 1, 1, 0, 255,
			3);
		content.setLut(TestImages.rainbowLut());

		ImagePlus result = harness.result(inputs(content, style()));

		assertEquals(ImagePlus.GRAY8, result.getType());
		assertArrayEquals(TestImages.rainbowLut().getBytes(), result.getProcessor()
			.getLut().getBytes());
		assertTrue(differingPixels(content.getProcessor(), result
			.getProcessor()) > 0);
	}

	@Test
	void sixteenAndThirtyTwoBitKeepTypeCalibrationAndDisplayRange()
		throws Exception
	{
		for (String type : List.of("16-bit", "32-bit")) {
			ImagePlus content = TestImages.hyperstack(type, 32, 24, 1, 1, 1, 100,
				3000, 5);
			content.setDisplayRange(200, 2800);
			content.getCalibration().pixelHeight = 2.5;
			content.getCalibration().setUnit("mm");

			ImagePlus result = harness.result(inputs(content, style()));

			assertEquals(content.getType(), result.getType(), type);
			assertEquals(200, result.getDisplayRangeMin(), type);
			assertEquals(2800, result.getDisplayRangeMax(), type);
			assertEquals(2.5, result.getCalibration().pixelHeight, type);
			assertEquals("mm", result.getCalibration().getUnit(), type);
			ImageProcessor out = result.getProcessor();
			for (int i = 0; i < out.getPixelCount(); i++) {
				assertTrue(out.getf(i) >= 200 - 1e-3 && out.getf(i) <= 2800 + 1e-3,
					type + ": pixel within the display range");
			}
		}
	}

	@Test
	void compositeIsStylizedAsDisplayedIntoAnRgbHyperstack() throws Exception {
		CompositeImage content = TestImages.composite(2, 1);
		content.setOpenAsHyperStack(true);

		ImagePlus result = harness.result(inputs(content, style(), "scope",
			"All planes", "iterations", 2));

		assertEquals(ImagePlus.COLOR_RGB, result.getType());
		assertArrayEquals(new int[] { 12, 9, 1, 2, 1 }, result.getDimensions());
	}

	@Test
	void everyPlaneOfAHyperstackKeepsDimensionsAndLabels() throws Exception {
		ImagePlus content = TestImages.hyperstack("8-bit", 32, 24, 1, 2, 2, 0, 255,
			8);
		content.setOpenAsHyperStack(true);
		content.getCalibration().frameInterval = 5;
		Object[] before = CommandHarness.pixels(content);

		ImagePlus result = harness.result(inputs(content, style(), "scope",
			"All planes", "iterations", 2));

		assertArrayEquals(new int[] { 32, 24, 1, 2, 2 }, result.getDimensions());
		assertTrue(result.isHyperStack());
		assertEquals(5, result.getCalibration().frameInterval);
		for (int s = 1; s <= 4; s++) {
			assertEquals("slice " + s, result.getStack().getSliceLabel(s));
			assertTrue(differingPixels(content.getStack().getProcessor(s), result
				.getStack().getProcessor(s)) > 0, "plane " + s);
		}
		assertArrayEquals(before, CommandHarness.pixels(content));
		assertNull(result.getProp(StackStylizing.UNSTYLIZED_PROPERTY));
	}

	/**
	 * A time-lapse of {@code frames} frames, 32×24, panning 2 pixels a frame
	 * across a synthetic landscape.
	 */
	static ImagePlus pan(int frames) {
		ColorProcessor world = RgbPixels.toProcessor(TestPictures.landscape(32 + 2 *
			frames, 28, 3));
		ImageStack stack = new ImageStack(32, 24);
		for (int t = 0; t < frames; t++) {
			world.setRoi(2 * t, 2, 32, 24);
			stack.addSlice("t" + (t + 1), world.crop());
		}
		ImagePlus movie = new ImagePlus("movie", stack);
		movie.setDimensions(1, 1, frames);
		movie.setOpenAsHyperStack(true);
		return movie;
	}

	@Test
	void aTimeLapseTiedAlongTReportsItsFlicker() throws Exception {
		ImagePlus content = pan(3);

		ImagePlus result = harness.result(inputs(content, style(), "scope",
			"All planes", "iterations", 2, "temporal_weight", 100.0, "temporal_axis",
			"t"));

		assertArrayEquals(new int[] { 32, 24, 1, 1, 3 }, result.getDimensions());
		String info = result.getInfoProperty();
		assertTrue(info.contains("temporal_weight=100 temporal_axis=t"), info);
		assertTrue(info.matches("(?s).*flicker [0-9.e+]+ \\(output .*2 pairs\\).*"),
			info);
		assertTrue(harness.failure(inputs(content, style(), "temporal_axis", "w"))
			.contains("temporal_axis"));
	}

	@Test
	void theCurrentPlaneAloneGivesOneImage() throws Exception {
		ImagePlus content = TestImages.hyperstack("16-bit", 32, 24, 1, 3, 1, 0,
			1000, 9);
		content.setDisplayRange(0, 1000);
		content.setSlice(2);

		ImagePlus result = harness.result(inputs(content, style(), "iterations",
			2));

		assertEquals(1, result.getStackSize());
		assertEquals("slice 2", result.getStack().getSliceLabel(1));
	}

	@Test
	void aSelectionIsStylizedInsideAndTheRestKeptPixelForPixel()
		throws Exception
	{
		ImagePlus content = TestImages.rgb(32, 24, 4);
		OvalRoi oval = new OvalRoi(6, 4, 20, 16);
		content.setRoi(oval);

		ImagePlus result = harness.result(inputs(content, style()));

		ImageProcessor mask = oval.getMask();
		int changedInside = 0;
		for (int y = 0; y < 24; y++) {
			for (int x = 0; x < 32; x++) {
				boolean inside = x >= 6 && x < 26 && y >= 4 && y < 20 && mask.get(x - 6,
					y - 4) != 0;
				int in = content.getProcessor().get(x, y), out = result.getProcessor()
					.get(x, y);
				if (!inside) assertEquals(in, out, "outside the selection at " + x +
					"," + y);
				else if (in != out) changedInside++;
			}
		}
		assertTrue(changedInside > 100, "stylized inside the selection: " +
			changedInside);
		assertEquals(oval.getBounds(), content.getRoi().getBounds());
	}

	@Test
	void snapshotsFillTheProgressStackLabelledWithIterationAndLoss()
		throws Exception
	{
		ImagePlus content = TestImages.rgb(32, 24, 6);
		content.setTitle("cells.tif");
		CommandModule module = harness.run(inputs(content, style(), "iterations", 4,
			"snapshot_every", 2));

		ImagePlus progress = ((StylizeOptimizeCommand) module.getCommand())
			.progressImage();
		assertNotNull(progress);
		assertEquals("cells progress", progress.getTitle());
		assertNull(progress.getWindow(), "headless: no window");
		assertEquals(3, progress.getStackSize());
		String[] iterations = { "0", "2", "4" };
		for (int s = 1; s <= 3; s++) {
			String label = progress.getStack().getSliceLabel(s);
			assertTrue(label.matches("iteration " + iterations[s - 1] +
				", loss [0-9.e+]+"), label);
		}
		assertEquals(32, progress.getWidth());
		// The last snapshot is the result.
		ImagePlus result = (ImagePlus) module.getOutput("result");
		assertEquals(0, differingPixels(result.getProcessor(), progress.getStack()
			.getProcessor(3)));
	}

	@Test
	void aSecondStyleBlendsByItsWeightAndAWeightOfZeroLeavesItOut(
		@TempDir Path dir) throws Exception
	{
		ImagePlus content = TestImages.rgb(32, 24, 6);
		Path second = dir.resolve("dots.png");
		new ij.io.FileSaver(TestImages.rgb(20, 16, 5)).saveAsPng(second.toString());
		ImagePlus one = harness.result(inputs(content, style()));
		ImagePlus left = harness.result(inputs(content, style(), "style_2", second
			.toString(), "style_weights", "1,0"));
		ImagePlus blended = harness.result(inputs(content, style(), "style_2",
			second.toString(), "style_weights", "1, 0.5"));

		assertEquals(0, differingPixels(one.getProcessor(), left.getProcessor()));
		assertTrue(differingPixels(one.getProcessor(), blended
			.getProcessor()) > 100);
		assertTrue(blended.getInfoProperty().contains("style_2=[" + second +
			"] style_weights=[1, 0.5]"), blended.getInfoProperty());
		assertEquals(
			"'style_weights' has 1 values for 2 style images (style, style_2...): give one weight per style image.",
			harness.failure(inputs(content, style(), "style_2", second.toString(),
				"style_weights", "1")));
		assertEquals(
			"There is no image called 'nothing.png' for 'style_3': open it first, or give the title of an open image or " +
				"the path of an image file.", harness.failure(inputs(content, style(),
					"style_3", "nothing.png")));
		assertEquals(0, differingPixels(one.getProcessor(), harness.result(inputs(
			content, style(), "style_4", "*None*")).getProcessor()));
	}

	@Test
	void aBackgroundStyleStylizesLabelZeroWhichOtherwiseKeepsTheContent()
		throws Exception
	{
		ImagePlus content = TestImages.rgb(32, 24, 6);
		// Label 1 on the left half, 0 on the right.
		ImagePlus halves = TestImages.bands("halves", 32, 24, 1, 0);
		ImagePlus dots = TestImages.rgb(20, 16, 5);
		dots.setTitle("dots");

		ImageProcessor kept = TestImages.whileOpen(() -> harness.result(inputs(
			content, style(), "regions", "halves")), halves).getProcessor();
		ImagePlus styled = TestImages.whileOpen(() -> harness.result(inputs(content,
			style(), "regions", "halves", "background_style", "dots")), halves, dots);

		int changed = 0;
		for (int y = 0; y < 24; y++)
			for (int x = 16; x < 32; x++)
				if (kept.get(x, y) != styled.getProcessor().get(x, y)) changed++;
		assertTrue(changed > 16 * 24 / 2, "label 0 takes the background style: " +
			changed + " of " + 16 * 24 + " pixels changed");
		assertTrue(styled.getInfoProperty().contains(
			"regions=[halves] network=vgg19") && styled.getInfoProperty().contains(
				" background_style=[dots] "), styled.getInfoProperty());
		assertTrue(styled.getInfoProperty().contains(
			"\"backgroundStyle\": \"dots\""), styled.getInfoProperty());
	}

	@Test
	void aBackgroundStyleWithoutRegionsOrImageEndsInOneMessage()
		throws Exception
	{
		ImagePlus content = TestImages.rgb(32, 24, 6);
		ImagePlus dots = TestImages.rgb(20, 16, 5);
		dots.setTitle("dots");
		ImagePlus halves = TestImages.bands("halves", 32, 24, 1, 2);
		TestImages.whileOpen(() -> {
			assertEquals(
				"'background_style' is the style outside the regions, but 'regions' is empty: give regions " +
					"([ROI Manager] or a label image), or leave background_style empty.",
				harness.failure(inputs(content, style(), "background_style", "dots")));
			assertEquals(
				"There is no image called 'nothing.png' for 'background_style': open it first, or give the title " +
					"of an open image or the path of an image file.", harness.failure(
						inputs(content, style(), "regions", "halves", "background_style",
							"nothing.png")));
			// The background is no region of its own: two labels still want two
			// styles.
			assertEquals(
				"'regions' has 2 regions but 1 style image is given (style, style_2...): give one style per region, in order.",
				harness.failure(inputs(content, style(), "regions", "halves",
					"background_style", "dots")));
			return null;
		}, halves, dots);
	}

	@Test
	void theSeedLayersPoolingScaleAndLearningRateReachTheEngine()
		throws Exception
	{
		ImagePlus content = TestImages.rgb(32, 24, 6);
		ImagePlus seven = harness.result(inputs(content, style(), "init", "random",
			"seed", 7L));
		assertEquals(0, differingPixels(seven.getProcessor(), harness.result(inputs(
			content, style(), "init", "random", "seed", 7L)).getProcessor()));
		ImagePlus base = harness.result(inputs(content, style()));
		// Starting from the content, the content loss has no gradient: its layers
		// matter from noise.
		ImagePlus contentOnly = harness.result(inputs(content, style(), "init",
			"random", "seed", 7L, "style_weight", 0.0));
		ImagePlus otherLayer = harness.result(inputs(content, style(), "init",
			"random", "seed", 7L, "style_weight", 0.0, "content_layers", "conv1_1"));
		assertTrue(differingPixels(contentOnly.getProcessor(), otherLayer
			.getProcessor()) > 100);
		for (Object[] change : new Object[][] { { "init", "random", "seed", 8L }, {
			"style_layers", "conv1_1:0.5,conv2_1" }, { "pooling", "avg" }, {
				"style_scale", 0.5 }, { "learning_rate", 0.2 } })
		{
			ImagePlus changed = harness.result(inputs(content, style(), change));
			assertTrue(differingPixels(base.getProcessor(), changed
				.getProcessor()) > 100, java.util.Arrays.toString(change));
		}
		assertTrue(differingPixels(seven.getProcessor(), harness.result(inputs(
			content, style(), "init", "random", "seed", 8L)).getProcessor()) > 100);
		assertTrue(harness.failure(inputs(content, style(), "style_layers",
			"conv1_1:x")).startsWith("Bad layer weight in 'conv1_1:x'"));
		assertEquals("Unknown pooling 'min': use max or avg", harness.failure(
			inputs(content, style(), "pooling", "min")));
	}

	@Test
	void initFileStartsFromThatImageAndIsRefusedWithoutIt(@TempDir Path dir)
		throws Exception
	{
		ImagePlus content = TestImages.rgb(32, 24, 6);
		Path start = dir.resolve("start.png");
		new ij.io.FileSaver(TestImages.rgb(32, 24, 41)).saveAsPng(start.toString());
		ImagePlus fromContent = harness.result(inputs(content, style()));
		ImagePlus fromFile = harness.result(inputs(content, style(), "init", "file",
			"init_file", start.toFile()));
		assertTrue(differingPixels(fromContent.getProcessor(), fromFile
			.getProcessor()) > 100);
		assertEquals(
			"init=file needs the start image: give its path as 'init_file' (in the advanced options).",
			harness.failure(inputs(content, style(), "init", "file")));
		assertEquals(
			"'init_file' is given but init is content: set init=file to start from it, or leave 'init_file' empty.",
			harness.failure(inputs(content, style(), "init_file", start.toFile())));
	}

	@Test
	void headlessTheProgressStackIsAnOutputAndCanBeSavedToANewTiff(
		@TempDir Path dir) throws Exception
	{
		ImagePlus content = TestImages.rgb(32, 24, 6);
		content.setTitle("cells.tif");
		File file = dir.resolve("progress.tif").toFile();
		CommandModule module = harness.run(inputs(content, style(), "iterations", 4,
			"snapshot_every", 2, "progress", file));

		assertFalse(module.isCanceled(), module.getCancelReason());
		ImagePlus output = (ImagePlus) module.getOutput("progress_stack");
		assertEquals("cells progress", output.getTitle());
		ImagePlus saved = IJ.openImage(file.getPath());
		assertEquals(3, saved.getStackSize());
		assertTrue(saved.getStack().getSliceLabel(3).startsWith(
			"iteration 4, loss"), saved.getStack().getSliceLabel(3));
		assertEquals("The progress file " + file +
			" exists already: choose another name, or delete it first.", harness
				.failure(inputs(content, style(), "progress", file)));
		assertEquals(
			"A progress file needs snapshots: set 'snapshot_every' above 0 (e.g. 10), or leave 'progress' empty.",
			harness.failure(inputs(content, style(), "snapshot_every", 0, "progress",
				dir.resolve("other.tif").toFile())));
	}

	@Test
	void withoutSnapshotsThereIsNoProgressStack() throws Exception {
		CommandModule module = harness.run(inputs(TestImages.rgb(32, 24, 6),
			style(), "iterations", 2, "snapshot_every", 0));
		assertNull(((StylizeOptimizeCommand) module.getCommand()).progressImage());
	}

	@Test
	void byDefaultTheProgressStackGainsASliceEveryTenIterations()
		throws Exception
	{
		CommandModule module = harness.run(inputs(TestImages.rgb(32, 24, 6),
			style(), "iterations", 21));
		ImagePlus progress = ((StylizeOptimizeCommand) module.getCommand())
			.progressImage();
		// Adam: iterations 0, 10 and 20, then the final image.
		assertEquals(4, progress.getStackSize());
	}

	@Test
	void escapeStopsTheRunKeepingTheResultSoFarAndTheUnreachedPlanes()
		throws Exception
	{
		ImagePlus content = TestImages.hyperstack("8-bit", 32, 24, 1, 3, 1, 0, 255,
			12);
		ModuleService modules = context.service(ModuleService.class);
		CommandInfo info = context.service(CommandService.class).getCommand(
			StylizeOptimizeCommand.class);
		CommandModule module = (CommandModule) modules.createModule(info);
		// A small style weight keeps the long run finite: it must end by the Escape
		// key, not by divergence.
		inputs(content, style(), "iterations", 100_000, "snapshot_every", 1,
			"scope", "All planes", "style_weight", 1.0).forEach(module::setInput);
		StylizeOptimizeCommand command = (StylizeOptimizeCommand) module
			.getCommand();

		Future<?> running = modules.run(module, false);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (command.progressImage() == null || command.progressImage()
			.getStackSize() < 3)
		{
			assertTrue(System.nanoTime() < deadline, "no snapshots within 60 s");
			Thread.sleep(10);
		}
		IJ.setKeyDown(KeyEvent.VK_ESCAPE);
		running.get(60, TimeUnit.SECONDS);

		assertFalse(module.isCanceled(), module.getCancelReason());
		ImagePlus result = (ImagePlus) module.getOutput("result");
		assertEquals(3, result.getStackSize());
		assertTrue(differingPixels(content.getStack().getProcessor(1), result
			.getStack().getProcessor(1)) > 0,
			"the first plane keeps what the optimization had reached");
		for (int s = 2; s <= 3; s++)
			assertEquals(0, differingPixels(content.getStack().getProcessor(s), result
				.getStack().getProcessor(s)));
		assertEquals("slice 2; slice 3", result.getProp(
			StackStylizing.UNSTYLIZED_PROPERTY));
		assertTrue(command.status().contains("stopped, 1 of 3 planes stylized"),
			command.status());
	}

	@Test
	void missingWeightsEndInOneClearErrorAndNothingIsDownloaded(
		@TempDir Path cache) throws Exception
	{
		String before = System.getProperty(WeightsCache.DIRECTORY_PROPERTY);
		System.setProperty(WeightsCache.DIRECTORY_PROPERTY, cache.toString());
		try {
			String message = harness.failure(inputs(TestImages.rgb(32, 24, 1),
				style(), "weights", null));
			assertTrue(message.startsWith(
				"The vgg19 network weights (torchvision VGG19, vgg19-dcbb9e9d.pth, 548 MB) are not on this computer"),
				message);
			assertTrue(message.contains(
				"https://download.pytorch.org/models/vgg19-dcbb9e9d.pth"), message);
			assertTrue(message.contains("weights=[/path/to/vgg19-dcbb9e9d.pth]"),
				message);
			assertTrue(message.contains(cache.toString()), message);
			try (var files = Files.list(cache)) {
				assertEquals(0, files.count());
			}
		}
		finally {
			if (before == null) System.clearProperty(WeightsCache.DIRECTORY_PROPERTY);
			else System.setProperty(WeightsCache.DIRECTORY_PROPERTY, before);
		}
	}

	@Test
	void valuesTheUserCanFixEndInOneClearMessage(@TempDir Path dir)
		throws Exception
	{
		ImagePlus content = TestImages.rgb(32, 24, 1);
		assertEquals("iterations must be at least 1 (got 0)", harness.failure(
			inputs(content, style(), "iterations", 0)));
		assertEquals("Unknown init 'noise': use content, random or file.", harness
			.failure(inputs(content, style(), "init", "noise")));
		assertTrue(harness.failure(inputs(content, style(), "weights", dir.resolve(
			"vgg.pth").toFile())).contains("vgg.pth does not exist"));
		assertTrue(harness.failure(inputs(content, style(), "device", "gpu"))
			.startsWith("No GPU is visible to PyTorch"));
		assertTrue(harness.failure(inputs(content, null)).startsWith(
			"Choose a style image"));
		Path notACheckpoint = Files.writeString(dir.resolve("notes.pth"),
			"not a checkpoint");
		String unusable = harness.failure(inputs(content, style(), "weights",
			notACheckpoint.toFile()));
		assertTrue(unusable.contains("notes.pth"), unusable);
	}

	@Test
	void aHeadlessCallGivesImagesAsFilesAndSavesTheResultToANewTiff(
		@TempDir Path dir) throws Exception
	{
		// As Fiji's --run passes them: every value a string, images as paths of
		// files.
		Path content = dir.resolve("cells.png"), style = dir.resolve("style.png"),
				output = dir.resolve("cells-stylized.tif");
		new ij.io.FileSaver(TestImages.rgb(32, 24, 3)).saveAsPng(content
			.toString());
		new ij.io.FileSaver(style()).saveAsPng(style.toString());
		Map<String, Object> strings = new HashMap<>(Map.of("content", content
			.toString(), "style", style.toString(), "iterations", "2", "optimizer",
			"adam", "style_weight", "100", "weights", tinyVgg.toString(), "device",
			"cpu", "output", output.toString()));
		ModuleService modules = context.service(ModuleService.class);
		CommandInfo info = context.service(CommandService.class).getCommand(
			StylizeOptimizeCommand.class);

		CommandModule module = (CommandModule) modules.run(info, false, strings)
			.get();

		assertFalse(module.isCanceled(), module.getCancelReason());
		ImagePlus saved = IJ.openImage(output.toString());
		assertEquals(ImagePlus.COLOR_RGB, saved.getType());
		assertEquals(32, saved.getWidth());
		assertEquals("cells stylized", ((ImagePlus) module.getOutput("result"))
			.getTitle());
		assertTrue(saved.getInfoProperty().contains(
			"Stylize (optimize): style=[style.png] iterations=2"), saved
				.getInfoProperty());
		long before = Files.getLastModifiedTime(output).toMillis();

		CommandModule again = (CommandModule) modules.run(info, false, strings)
			.get();

		assertTrue(again.isCanceled());
		assertEquals("The output file " + output +
			" exists already: choose another name, or delete it first.", again
				.getCancelReason());
		assertEquals(before, Files.getLastModifiedTime(output).toMillis());
		try (var files = Files.list(dir)) {
			assertEquals(3, files.count(), "no temporary files left behind");
		}
	}

	@Test
	void anImageFileThatCannotBeReadIsOneClearMessage(@TempDir Path dir)
		throws Exception
	{
		Map<String, Object> strings = new HashMap<>(Map.of("content", dir.resolve(
			"missing.png").toString(), "style", dir.resolve("missing.png").toString(),
			"iterations", "2", "weights", tinyVgg.toString()));
		CommandInfo info = context.service(CommandService.class).getCommand(
			StylizeOptimizeCommand.class);
		CommandModule module = (CommandModule) context.service(ModuleService.class)
			.run(info, false, strings).get();
		assertTrue(module.isCanceled());
		assertTrue(module.getCancelReason().startsWith("The content image"), module
			.getCancelReason());
		assertTrue(module.getCancelReason().contains(
			"give the title of an open image or the path of an image file"), module
				.getCancelReason());
	}

	@Test
	void theOutputMustBeATiffInAnExistingFolder(@TempDir Path dir)
		throws Exception
	{
		ImagePlus content = TestImages.rgb(32, 24, 1);
		assertTrue(harness.failure(inputs(content, style(), "output", dir.resolve(
			"result.png").toFile())).startsWith("The output file must be a TIFF"));
		assertTrue(harness.failure(inputs(content, style(), "output", dir.resolve(
			"missing/result.tif").toFile())).contains("does not exist"));
	}

	@Test
	void timeLeftReadsLikeAPerson() {
		assertEquals("", TimeLeft.format(Double.NaN));
		assertEquals("less than a second left", TimeLeft.format(0.2));
		assertEquals("about 42 s left", TimeLeft.format(42));
		assertEquals("about 3 min 20 s left", TimeLeft.format(200));
		assertEquals("about 25 min left", TimeLeft.format(25 * 60 + 10));
		assertEquals("about 2 h 5 min left", TimeLeft.format(2 * 3600 + 5 * 60));
		TimeLeft estimate = new TimeLeft();
		estimate.iterationDone(0);
		assertTrue(Double.isNaN(estimate.seconds(10)),
			"no pace from one iteration");
		estimate.iterationDone(2_000_000_000L);
		estimate.iterationDone(4_000_000_000L);
		assertEquals(20.0, estimate.seconds(10), 1e-9);
	}

	@Test
	void dialogMessagesAreWrappedBetweenWords() {
		String message =
			"Cannot download torchvision VGG19 (vgg19-dcbb9e9d.pth) from https://download.pytorch.org/models/vgg19-dcbb9e9d.pth: " +
				"the host cannot be reached.\nDownload it elsewhere.";
		String wrapped = MessageText.wrap(message, 40);
		assertEquals(message.replace("\n", " "), wrapped.replace("\n", " "));
		for (String line : wrapped.split("\n")) {
			assertTrue(line.length() <= 40 || !line.contains(" "), "'" + line + "'");
		}
		assertTrue(wrapped.contains(
			"\nhttps://download.pytorch.org/models/vgg19-dcbb9e9d.pth:\n"), wrapped);
		assertTrue(wrapped.endsWith("reached.\nDownload it elsewhere."), wrapped);
	}

	@Test
	void anInterruptedThreadCountsAsCancelled() {
		OptimizationProgress progress = new OptimizationProgress("test", 10, null);
		assertFalse(progress.isCancelled());
		Thread.currentThread().interrupt();
		try {
			assertTrue(progress.isCancelled());
		}
		finally {
			Thread.interrupted();
		}
	}

	/**
	 * Runs the command as Fiji's --run does, every value a string and images as
	 * paths; returns why it stopped.
	 */
	private static String fileFailure(Path content, Path style) throws Exception {
		Map<String, Object> strings = new HashMap<>(Map.of("content", content
			.toString(), "style", style.toString(), "iterations", "2", "optimizer",
			"adam", "weights", tinyVgg.toString(), "device", "cpu"));
		CommandInfo info = context.service(CommandService.class).getCommand(
			StylizeOptimizeCommand.class);
		CommandModule module = (CommandModule) context.service(ModuleService.class)
			.run(info, false, strings).get();
		assertTrue(module.isCanceled(),
			"expected the command to stop with a message");
		assertNull(module.getOutput("result"));
		return module.getCancelReason();
	}

	@Test
	void aBombATinyImageAStripAndACmykJpegGivenAsFilesEachEndInOneMessage(
		@TempDir Path dir) throws Exception
	{
		Path style = dir.resolve("style.png"), twoByTwo = dir.resolve("2x2.png"),
				strip = dir.resolve("strip.png");
		new ij.io.FileSaver(style()).saveAsPng(style.toString());
		new ij.io.FileSaver(TestImages.rgb(2, 2, 1)).saveAsPng(twoByTwo.toString());
		new ij.io.FileSaver(TestImages.rgb(1, 3000, 1)).saveAsPng(strip.toString());
		Path bomb = HostileImages.decompressionBomb(dir.resolve("bomb.png"), 20000);
		Path cmyk = HostileImages.cmykJpeg(dir.resolve("print.jpg"));

		String bombed = fileFailure(bomb, style);
		assertTrue(bombed.startsWith("The content image: " + bomb +
			" is 20000×20000 pixels: reading it needs about"), bombed);
		assertTrue(fileFailure(style, bomb).startsWith("The style image: " + bomb +
			" is 20000×20000 pixels"));
		String tiny = fileFailure(twoByTwo, style);
		assertTrue(tiny.contains("needs images of at least") && tiny.contains(
			"the content image is 2×2"), tiny);
		String stripped = fileFailure(strip, style);
		assertTrue(stripped.contains("the content image is 1×3000, used at 1×512"),
			stripped);
		assertEquals("The content image: " + cmyk +
			" is a CMYK JPEG, which Java cannot decode: save it as an RGB JPEG, PNG or TIFF first.",
			fileFailure(cmyk, style));
	}

	@Test
	void aThirtyTwoBitImageWithAnInfinitePixelIsRefusedNamingTheDisplayRange()
		throws Exception
	{
		ImagePlus content = TestImages.hyperstack("32-bit", 32, 24, 1, 1, 1, 100,
			3000, 5);
		content.getProcessor().setf(10, Float.POSITIVE_INFINITY);
		content.resetDisplayRange();
		Object before = content.getProcessor().duplicate().getPixels();

		String reason = harness.failure(inputs(content, style()));

		assertTrue(reason.contains("has an infinite end") && reason.contains(
			"to Infinity"), reason);
		assertArrayEquals((float[]) before, (float[]) content.getProcessor()
			.getPixels(), "the input is left as it was");
	}

	@Test
	void aSecondRunWhileAnotherRecordsWaitsForItsTurnSaysSoAndThenFinishes()
		throws Exception
	{
		ImagePlus content = TestImages.rgb(32, 24, 1);
		CommandInfo info = context.service(CommandService.class).getCommand(
			StylizeOptimizeCommand.class);
		ModuleService modules = context.service(ModuleService.class);
		CommandModule second = (CommandModule) modules.createModule(info);
		Future<CommandModule> running;
		// The test holds the JVM's turn at recording gradients, as a first run
		// would.
		try (GradientRecording.Turn first = GradientRecording.take(() -> {},
			() -> false))
		{
			running = modules.run(second, false, inputs(content, style()));
			StylizeOptimizeCommand command = (StylizeOptimizeCommand) second
				.getCommand();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (!command.status().contains("waiting") && System
				.nanoTime() < deadline)
				Thread.sleep(20);
			assertEquals(
				"Stylize (optimize): waiting for the style transfer already running in this ImageJ to finish (Esc stops)",
				command.status());
			assertFalse(running.isDone(),
				"it waits rather than failing with DJL's 'already collecting'");
		}
		CommandModule done = running.get(120, TimeUnit.SECONDS);
		assertFalse(done.isCanceled(), done.getCancelReason());
		assertNotNull(done.getOutput("result"));
		assertEquals("Stylize (optimize): Done: 3 iterations.",
			((StylizeOptimizeCommand) done.getCommand()).status());
	}

	@Test
	void theCs231nPresetRunsOnASqueezeNetWeightsFile() throws Exception {
		File squeezenet = Path.of(StylizeOptimizeCommandTest.class.getResource(
			"/fixtures/squeezenet/tiny_squeezenet.pth").toURI()).toFile();
		CommandModule module = harness.run(inputs(TestImages.rgb(32, 24, 6),
			style(), "preset", "cs231n", "weights", squeezenet, "snapshot_every", 0));
		assertFalse(module.isCanceled(), module.getCancelReason());
		ImagePlus result = (ImagePlus) module.getOutput("result");
		assertEquals(32, result.getWidth());
		assertEquals(24, result.getHeight());
		// A SqueezeNet checkpoint with VGG layer names says which names it has.
		String wrong = harness.failure(inputs(TestImages.rgb(32, 24, 6), style(),
			"weights", squeezenet));
		assertTrue(wrong.contains("fire2 (3)"), wrong);
	}
}
