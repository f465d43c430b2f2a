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
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.util.Utils;
import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.imagej.ij1.CommandParameter;
import org.neuralstyle.imagej.ij1.CommandParameters;
import org.neuralstyle.imagej.ij1.SciJavaCommandPlugIn;
import org.neuralstyle.testing.TestImages;

/**
 * Stylize (optimize) in a real ImageJ 1.x (plugins.config in plugins/, batch
 * mode) with the tiny VGG: a macro line, the Recorder, a missing network, and
 * the two macros of {@code macros/}. The runs use the default style weight
 * (1e6), the one users get.
 */
class StylizeOptimizeMacroTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(240);
	private static final String TINY_VGG = Path.of(
		"src/test/resources/fixtures/parity/tiny_vgg.pth").toAbsolutePath()
		.toString();
	private static final String BRICK = Path.of("sample-images/brick.png")
		.toAbsolutePath().toString();

	@TempDir
	Path dir;

	@BeforeEach
	void needsADisplay() {
		PlainImageJ.requireDisplay();
	}

	/**
	 * An ImageJ folder with our plugins.config in plugins/, DJL offline, and an
	 * empty weights cache.
	 */
	private PlainImageJ imagej() throws IOException {
		return new PlainImageJ(dir.resolve("imagej")).offline(dir.resolve(
			"weights-cache")).withOurPlugins();
	}

	private static String macro(String... lines) {
		return String.join("\n", lines);
	}

	private static String quoted(Object path) {
		return "\"" + path.toString().replace("\\", "\\\\") + "\"";
	}

	@Test
	void aMacroLineStylizesInBatchModeIntoTheContentsType() throws Exception {
		Path result = dir.resolve("result.tif");
		PlainImageJ.Outcome run = imagej().runMacro(macro("setBatchMode(true);",
			"newImage(\"cells\", \"16-bit ramp\", 32, 24, 1);",
			"setMinAndMax(0, 40000);",
			"run(\"Properties...\", \"channels=1 slices=1 frames=1 pixel_width=0.5 pixel_height=0.5 voxel_depth=1 unit=um\");",
			"open(" + quoted(BRICK) + ");",
			"run(\"Stylize (optimize)\", \"content=cells style=brick.png iterations=3 optimizer=adam max_size=64 snapshot_every=1 weights=[" +
				TINY_VGG + "]\");",
			"print(\"result: \" + getTitle() + \", \" + bitDepth() + \"-bit, \" + getWidth() + \"x\" + getHeight() + \", images: \" + nImages);",
			"saveAs(\"Tiff\", " + quoted(result) + ");"), "", TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		// content, style, progress stack, result
		assertTrue(run.output().contains(
			"result: cells stylized, 16-bit, 32x24, images: 4"), run.output());
		ImagePlus saved = IJ.openImage(result.toString());
		assertEquals(ImagePlus.GRAY16, saved.getType());
		assertEquals(0.5, saved.getCalibration().pixelWidth);
		assertEquals("µm", saved.getCalibration().getUnit());
		assertTrue(saved.getInfoProperty().contains(
			"Stylize (optimize): style=[brick.png] iterations=3 optimizer=adam"),
			saved.getInfoProperty());
	}

	@Test
	void theRecorderWritesTheCommandsKeysAndTheRecordedLineReplaysTheSameResult()
		throws Exception
	{
		Path interactive = dir.resolve("interactive.tif"), replayed = dir.resolve(
			"replayed.tif");
		String probe = RecorderProbe.class.getName();
		PlainImageJ.Outcome run = imagej().runMacro(macro(
			"newImage(\"cells\", \"RGB ramp\", 32, 24, 1);", "open(" + quoted(BRICK) +
				");", "call(\"" + probe + ".start\");", "call(\"" + probe +
					".answer\", \"Stylize (optimize): preset\", \"\");", "call(\"" +
						probe +
						".answer\", \"Stylize (optimize)\", \"content=cells;style=brick.png;iterations=2;optimizer=adam;" +
						"max_size=64;preserve_colors=true;weights=" + TINY_VGG + "\");",
			"selectImage(\"cells\");", "run(\"Stylize (optimize)\");",
			"saveAs(\"Tiff\", " + quoted(interactive) + ");", "close();",
			"lines = split(call(\"" + probe + ".text\"), \"\\n\");", "line = \"\";",
			"for (i = 0; i < lines.length; i++) if (indexOf(lines[i], \"Stylize (optimize)\") >= 0) line = lines[i];",
			"print(\"recorded: \" + line);", "setBatchMode(true);", "eval(line);",
			"print(\"replayed: \" + getTitle());", "saveAs(\"Tiff\", " + quoted(
				replayed) + ");"), "", TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		Matcher recorded = Pattern.compile(
			"recorded: run\\(\"Stylize \\(optimize\\)\", \"(.*)\"\\);").matcher(run
				.output());
		assertTrue(recorded.find(), run.output());
		String options = recorded.group(1);
		List<String> keys = new ArrayList<>();
		Matcher key = Pattern.compile("(?:^| )([a-z_]+)(?==|(?: |$))").matcher(
			options.replaceAll("\\[[^\\]]*\\]", "[]"));
		while (key.find())
			keys.add(key.group(1));
		// The advanced options were not asked for: their defaults are used, and not
		// recorded. The preset is asked first, in its own dialog, so it is recorded
		// first.
		List<String> expected = new ArrayList<>(List.of("preset"));
		CommandParameters.of(StylizeOptimizeCommand.class).stream().filter(p -> !p
			.advanced() && !p.key().equals("preset")).map(CommandParameter::key)
			.forEach(expected::add);
		assertEquals(expected, keys, options);
		assertTrue(options.contains("weights=[" + TINY_VGG + "]") || options
			.contains("weights=" + TINY_VGG), options);
		assertTrue(run.output().contains("replayed: cells stylized"), run.output());
		ImagePlus a = IJ.openImage(interactive.toString()), b = IJ.openImage(
			replayed.toString());
		assertArrayEquals((int[]) a.getProcessor().getPixels(), (int[]) b
			.getProcessor().getPixels(),
			"the recorded line gives the same result as the dialog");
	}

	@Test
	void
		aBatchModeMacroGetsTheProgressStackAmongItsImagesAndTheInputFileStaysUnchanged()
			throws Exception
	{
		// The check of issue 9: two images opened, the progress stack is the
		// macro's to save or montage. With Adam: L-BFGS (the default) finishes its
		// first step of 20 evaluations whatever 'iterations' says, as PyTorch's
		// does, which gives 11 slices (measured), not 3-4.
		Path content = dir.resolve("cells.png");
		new FileSaver(TestImages.rgb(96, 96, 5)).saveAsPng(content.toString());
		byte[] before = Files.readAllBytes(content);
		Path gif = dir.resolve("progress.gif");

		PlainImageJ.Outcome run = imagej().runMacro(macro("setBatchMode(true);",
			"open(" + quoted(content) + ");", "open(" + quoted(BRICK) + ");",
			"run(\"Stylize (optimize)\", \"content=cells.png style=brick.png iterations=6 optimizer=adam snapshot_every=2 max_size=96 weights=[" +
				TINY_VGG + "]\");",
			"print(\"result: \" + getTitle() + \" \" + getWidth() + \"x\" + getHeight() + \", images: \" + nImages);",
			"for (i = 1; i <= nImages; i++) { selectImage(i); print(\"image: \" + getTitle() + \", \" + nSlices + \" slices\"); }",
			"selectImage(\"cells progress\");", "saveAs(\"Gif\", " + quoted(gif) +
				");"), "", TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		assertTrue(run.output().contains("result: cells stylized 96x96, images: 4"),
			run.output());
		Matcher progress = Pattern.compile("image: cells progress, (\\d+) slices")
			.matcher(run.output());
		assertTrue(progress.find(), run.output());
		int slices = Integer.parseInt(progress.group(1));
		// Iterations 0, 2, 4 and 6.
		assertTrue(slices >= 3 && slices <= 4, run.output());
		assertArrayEquals(before, Files.readAllBytes(content),
			"the input file is unchanged");
		assertEquals(slices, IJ.openImage(gif.toString()).getStackSize(),
			"saved as an animated GIF");
	}

	@Test
	void
		aRecordedRunWithTwoBlendedStylesASeedAndCustomLayersReplaysHeadlessToTheSameResult()
			throws Exception
	{
		Path content = dir.resolve("cells.png"), secondStyle = dir.resolve(
			"dots.png");
		new FileSaver(TestImages.rgb(40, 32, 5)).saveAsPng(content.toString());
		new FileSaver(TestImages.rgb(24, 24, 77)).saveAsPng(secondStyle.toString());
		Path interactive = dir.resolve("interactive.tif"), replayed = dir.resolve(
			"replayed.tif");
		String probe = RecorderProbe.class.getName();
		PlainImageJ.Outcome run = imagej().runMacro(macro("open(" + quoted(
			content) + ");", "open(" + quoted(BRICK) + ");", "open(" + quoted(
				secondStyle) + ");", "call(\"" + probe + ".start\");", "call(\"" +
					probe + ".answer\", \"Stylize (optimize): preset\", \"\");",
			"call(\"" + probe +
				".answer\", \"Stylize (optimize)\", \"content=cells.png;style=brick.png;iterations=3;optimizer=adam;" +
				"max_size=40;init=random;snapshot_every=0;weights=" + TINY_VGG +
				";Advanced options (second dialog)=true\");", "call(\"" + probe +
					".answer\", \"Stylize (optimize): advanced options\", \"style_2=dots.png;style_weights=1,0.25;" +
					"seed=7;content_layers=conv1_2;style_layers=conv1_1:0.5,conv2_1\");",
			"selectImage(\"cells.png\");", "run(\"Stylize (optimize)\");",
			"saveAs(\"Tiff\", " + quoted(interactive) + ");",
			"lines = split(call(\"" + probe + ".text\"), \"\\n\");", "line = \"\";",
			"for (i = 0; i < lines.length; i++) if (indexOf(lines[i], \"Stylize (optimize)\") >= 0) line = lines[i];",
			"print(\"recorded: \" + line);"), "", TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		Matcher recorded = Pattern.compile(
			"recorded: run\\(\"Stylize \\(optimize\\)\", \"(.*)\"\\);").matcher(run
				.output());
		assertTrue(recorded.find(), run.output());
		String options = recorded.group(1);
		for (String key : List.of("style_2=dots.png", "style_weights=1,0.25",
			"seed=7", "content_layers=conv1_2", "style_layers=conv1_1:0.5,conv2_1",
			"init=random"))
			assertTrue(options.contains(key), options);
		assertFalse(options.contains("Advanced"),
			"the box that opens the second dialog is no key: " + options);

		// Headless (this JVM runs with java.awt.headless=true): the bridge reads
		// the options itself.
		String outcome = IJ.runMacro(macro("setBatchMode(true);", "return call(\"" +
			HeadlessReplay.class.getName() + ".run\", " + quoted(options) + ", " +
			quoted(replayed) + ", " + quoted(content + ";" + BRICK + ";" +
				secondStyle) + ");"));
		assertEquals("cells stylized", outcome);
		ImagePlus a = IJ.openImage(interactive.toString()), b = IJ.openImage(
			replayed.toString());
		assertArrayEquals((int[]) a.getProcessor().getPixels(), (int[]) b
			.getProcessor().getPixels(),
			"the recorded line replayed headless gives the dialog's result");
		assertTrue(b.getInfoProperty().contains(
			"style_2=[dots.png] style_weights=[1,0.25]"), b.getInfoProperty());
	}

	@Test
	void theRecorderWritesTheRegionsAndTheBackgroundStyle() throws Exception {
		Path content = dir.resolve("cells.png"), background = dir.resolve(
			"dots.png");
		new FileSaver(TestImages.rgb(40, 32, 5)).saveAsPng(content.toString());
		new FileSaver(TestImages.rgb(24, 24, 77)).saveAsPng(background.toString());
		String probe = RecorderProbe.class.getName();
		PlainImageJ.Outcome run = imagej().runMacro(macro("open(" + quoted(
			content) + ");", "open(" + quoted(BRICK) + ");", "open(" + quoted(
				background) + ");",
			// Label 1 on the left half, 0 on the right.
			"newImage(\"halves\", \"8-bit black\", 40, 32, 1);",
			"makeRectangle(0, 0, 20, 32); run(\"Set...\", \"value=1\"); run(\"Select None\");",
			"call(\"" + probe + ".start\");", "call(\"" + probe +
				".answer\", \"Stylize (optimize): preset\", \"\");", "call(\"" + probe +
					".answer\", \"Stylize (optimize)\", \"content=cells.png;style=brick.png;regions=halves;iterations=3;" +
					"optimizer=adam;max_size=40;snapshot_every=0;weights=" + TINY_VGG +
					";Advanced options (second dialog)=true\");", "call(\"" + probe +
						".answer\", \"Stylize (optimize): advanced options\", \"background_style=dots.png\");",
			"selectImage(\"cells.png\");", "run(\"Stylize (optimize)\");",
			"print(\"result: \" + getTitle());", "lines = split(call(\"" + probe +
				".text\"), \"\\n\");", "line = \"\";",
			"for (i = 0; i < lines.length; i++) if (indexOf(lines[i], \"Stylize (optimize)\") >= 0) line = lines[i];",
			"print(\"recorded: \" + line);"), "", TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		assertTrue(run.output().contains("result: cells stylized"), run.output());
		Matcher recorded = Pattern.compile(
			"recorded: run\\(\"Stylize \\(optimize\\)\", \"(.*)\"\\);").matcher(run
				.output());
		assertTrue(recorded.find(), run.output());
		String options = recorded.group(1);
		assertTrue(options.contains("regions=halves") && options.contains(
			"background_style=dots.png"), options);
	}

	/**
	 * Runs Stylize (optimize) through the ImageJ 1.x bridge with macro options,
	 * as a macro's run() would.
	 */
	public static final class HeadlessReplay {

		/**
		 * Opens the files (paths separated by ';') as batch-mode images, as open()
		 * would if plain ImageJ could open files headless, runs the command with
		 * the options and saves its result to {@code path}. Returns the result's
		 * title, or "no result".
		 */
		public static String run(String options, String path, String files)
			throws InterruptedException
		{
			for (String file : files.split(";"))
				ij.macro.Interpreter.addBatchModeImage(IJ.openImage(file));
			String[] outcome = { "no result" };
			// Macro.getOptions() answers only on threads named as ImageJ names those
			// of run().
			Thread thread = new Thread(() -> {
				ij.Macro.setOptions(options);
				new SciJavaCommandPlugIn().run(StylizeOptimizeCommand.class.getName());
				ImagePlus result = ij.WindowManager.getCurrentImage();
				if (result != null && new FileSaver(result).saveAsTiff(path))
					outcome[0] = result.getTitle();
			}, "Run$_replay");
			thread.start();
			thread.join();
			return outcome[0];
		}
	}

	@Test
	void aMisspelledKeyStopsTheMacroNamingItInsteadOfRunningTheDefaults()
		throws Exception
	{
		PlainImageJ.Outcome run = imagej().runMacro(macro("setBatchMode(true);",
			"newImage(\"cells\", \"RGB ramp\", 32, 24, 1);",
			"run(\"Stylize (optimize)\", \"content=cells style=cells iterationz=3 optimizer=adam weights=[" +
				TINY_VGG + "]\");", "print(\"macro went on\");"), "", TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		assertTrue(run.output().contains(
			"Stylize (optimize): Unknown key 'iterationz' in the macro options: did you mean " +
				"'iterations'? The keys of Stylize (optimize) are content, style, preset, regions, iterations,"),
			run.output());
		assertFalse(run.output().contains("macro went on"), run.output());
	}

	@Test
	void missingWeightsStopTheMacroWithOneMessageAndDownloadNothing()
		throws Exception
	{
		PlainImageJ.Outcome run = imagej().runMacro(macro("setBatchMode(true);",
			"newImage(\"cells\", \"RGB ramp\", 32, 24, 1);",
			"run(\"Stylize (optimize)\", \"content=cells style=cells iterations=2\");",
			"print(\"macro went on\");"), "", TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		assertTrue(run.output().contains(
			"Stylize (optimize): The vgg19 network weights (torchvision VGG19, vgg19-dcbb9e9d.pth, 548 MB) " +
				"are not on this computer"), run.output());
		assertTrue(run.output().contains("weights=[/path/to/vgg19-dcbb9e9d.pth]"),
			run.output());
		assertFalse(run.output().contains("macro went on"), run.output());
		assertFalse(Files.exists(dir.resolve("weights-cache").resolve(
			"vgg19-dcbb9e9d.pth")));
	}

	private static Path shippedMacro(String name) {
		return Path.of("macros", name).toAbsolutePath();
	}

	@Test
	void theFolderMacroStylizesEachImageSkipsDoneOnesAndReportsFailuresAndGoesOn()
		throws Exception
	{
		Path in = Files.createDirectories(dir.resolve("in")), out = Files
			.createDirectories(dir.resolve("out"));
		new FileSaver(TestImages.rgb(32, 24, 1)).saveAsPng(in.resolve("a.png")
			.toString());
		ImagePlus sixteen = new ImagePlus("b", new ShortProcessor(32, 24));
		sixteen.getProcessor().setColor(1200);
		sixteen.getProcessor().fillOval(4, 4, 20, 14);
		sixteen.getCalibration().pixelWidth = 0.25;
		sixteen.setDisplayRange(0, 2000);
		IJ.saveAsTiff(sixteen, in.resolve("b.tif").toString());
		new FileSaver(new ImagePlus("c", new ColorProcessor(8, 8))).saveAsPng(in
			.resolve("c.png").toString());
		Files.writeString(in.resolve("broken.tif"), "not an image");
		Files.writeString(in.resolve("notes.txt"),
			"not an image either, and not one to try");
		byte[] doneBefore = "a result from an earlier run".getBytes(
			StandardCharsets.UTF_8);
		Files.write(out.resolve("c_stylized.tif"), doneBefore);

		PlainImageJ.Outcome run = imagej().runMacro(Files.readString(shippedMacro(
			"stylize_folder.ijm")), "input=[" + in + "] output=[" + out +
				"] style_file=[" + BRICK +
				"] iterations=2 optimizer=adam max_size=64 weights=[" + TINY_VGG + "]",
			TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		assertTrue(run.output().contains(
			"Stylize folder: 2 stylized, 1 skipped (done already), 1 failed:\n  broken.tif"),
			run.output());
		ImagePlus a = IJ.openImage(out.resolve("a_stylized.tif").toString());
		assertEquals(ImagePlus.COLOR_RGB, a.getType());
		assertEquals(32, a.getWidth());
		ImagePlus b = IJ.openImage(out.resolve("b_stylized.tif").toString());
		assertEquals(ImagePlus.GRAY16, b.getType());
		assertEquals(0.25, b.getCalibration().pixelWidth);
		assertArrayEquals(doneBefore, Files.readAllBytes(out.resolve(
			"c_stylized.tif")), "a result already there is left alone");
		assertEquals(List.of("a_stylized.tif", "b_stylized.tif", "c_stylized.tif"),
			fileNames(out));
	}

	@Test
	void theFolderMacroStylizesFilesWhoseNamesHoldBrackets() throws Exception {
		Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve(
			"out");
		// It reported "File not found .../br": a "]" ended the bracketed file name
		// early.
		new FileSaver(TestImages.rgb(32, 24, 1)).saveAsPng(in.resolve(
			"br]ick [v2].png").toString());

		PlainImageJ.Outcome run = imagej().runMacro(Files.readString(shippedMacro(
			"stylize_folder.ijm")), "input=[" + in + "] output=[" + out +
				"] style_file=[" + BRICK +
				"] iterations=2 optimizer=adam max_size=64 weights=[" + TINY_VGG + "]",
			TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		assertTrue(run.output().contains(
			"Stylize folder: 1 stylized, 0 skipped (done already), 0 failed"), run
				.output());
		assertEquals(List.of("br]ick [v2]_stylized.tif"), fileNames(out));
		assertEquals(32, IJ.openImage(out.resolve("br]ick [v2]_stylized.tif")
			.toString()).getWidth());
	}

	@Test
	void theFolderMacroGoesOnWhenTheCommandRefusesAnImage() throws Exception {
		Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve(
			"out");
		new FileSaver(TestImages.rgb(32, 24, 1)).saveAsPng(in.resolve("a.png")
			.toString());
		new FileSaver(TestImages.rgb(32, 24, 2)).saveAsPng(in.resolve("b.png")
			.toString());

		PlainImageJ.Outcome run = imagej().runMacro(Files.readString(shippedMacro(
			"stylize_folder.ijm")), "input=[" + in + "] output=[" + out +
				"] style_file=[" + BRICK + "] iterations=0 weights=[" + TINY_VGG + "]",
			TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		assertTrue(run.output().contains(
			"Stylize (optimize): 'iterations' must be at least 1, not 0."), run
				.output());
		assertTrue(run.output().contains(
			"Stylize folder: 0 stylized, 0 skipped (done already), 2 failed:\n  a.png\n  b.png"),
			run.output());
		assertEquals(List.of(), fileNames(out));
	}

	@Test
	void theStackMacroStylizesEveryFrameIntoFilesAndOneStackAndSkipsDoneFrames()
		throws Exception
	{
		Path movie = dir.resolve("movie.tif"), out = dir.resolve("frames");
		ImagePlus stack = TestImages.hyperstack("8-bit", 32, 24, 1, 1, 3, 0, 255,
			21);
		stack.getCalibration().frameInterval = 2;
		stack.getCalibration().pixelWidth = 0.5;
		IJ.saveAsTiff(stack, movie.toString());
		String argument = "stack=[" + movie + "] output=[" + out +
			"] style_file=[" + BRICK + "] iterations=2 optimizer=adam weights=[" +
			TINY_VGG + "]";
		PlainImageJ imagej = imagej();

		PlainImageJ.Outcome run = imagej.runMacro(Files.readString(shippedMacro(
			"stylize_stack_frames.ijm")), argument, TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		assertTrue(run.output().contains(
			"Stylize stack frames: 3 planes stylized, 0 skipped (done already), 0 failed"),
			run.output());
		assertEquals(List.of("movie_plane0001.tif", "movie_plane0002.tif",
			"movie_plane0003.tif", "movie_stylized.tif"), fileNames(out));
		ImagePlus result = IJ.openImage(out.resolve("movie_stylized.tif")
			.toString());
		assertEquals(ImagePlus.GRAY8, result.getType());
		assertArrayEquals(new int[] { 32, 24, 1, 1, 3 }, result.getDimensions());
		assertEquals(2, result.getCalibration().frameInterval);
		assertEquals(0.5, result.getCalibration().pixelWidth);
		for (int t = 1; t <= 3; t++) {
			ImagePlus frame = IJ.openImage(out.resolve("movie_plane000" + t + ".tif")
				.toString());
			assertArrayEquals((byte[]) frame.getProcessor().getPixels(),
				(byte[]) result.getStack().getPixels(t), "frame " + t);
		}

		PlainImageJ.Outcome again = imagej.runMacro(Files.readString(shippedMacro(
			"stylize_stack_frames.ijm")), argument, TIMEOUT);
		assertTrue(again.output().contains(
			"Stylize stack frames: 0 planes stylized, 3 skipped (done already), 0 failed"),
			again.output());
	}

	@Test
	void installedInPluginsWithItsDependenciesInPluginsJarsItRunsOnImageJAlone()
		throws Exception
	{
		// As a user installs it: ImageJ started from ij.jar alone; our jar in
		// plugins/ (its name has an underscore), the libraries in plugins/jars/.
		// ImageJ then loads them with its own plugin class loader, which is not the
		// threads' context class loader that DJL searches.
		Path ijJar = Path.of(IJ.class.getProtectionDomain().getCodeSource()
			.getLocation().toURI());
		PlainImageJ imagej = new PlainImageJ(dir.resolve("imagej")).withClassPath(
			ijJar.toString()).withJvmOption("-DENGINE_CACHE_DIR=" + Utils
				.getEngineCacheDir());
		Path classes = Path.of(StylizeOptimizeCommand.class.getProtectionDomain()
			.getCodeSource().getLocation().toURI());
		jar(classes, imagej.plugins().resolve("Neural_Style.jar"));
		Path libraries = Files.createDirectories(imagej.plugins().resolve("jars"));
		for (String entry : PlainImageJ.testClassPath().split(
			java.io.File.pathSeparator))
		{
			Path library = Path.of(entry);
			String name = library.getFileName().toString();
			boolean testOnly = name.startsWith("junit") || name.startsWith(
				"opentest4j") || name.startsWith("apiguardian");
			if (name.endsWith(".jar") && !library.equals(ijJar) && !testOnly) {
				Files.createSymbolicLink(libraries.resolve(name), library
					.toAbsolutePath());
			}
		}

		PlainImageJ.Outcome run = imagej.runMacro(macro("setBatchMode(true);",
			"newImage(\"cells\", \"8-bit ramp\", 32, 24, 1);",
			"run(\"Stylize (optimize)\", \"content=cells style=cells iterations=2 optimizer=adam weights=[" +
				TINY_VGG + "]\");", "print(\"result: \" + getTitle());"), "", TIMEOUT);

		assertFalse(run.timedOut(), run.output());
		assertTrue(run.output().contains("result: cells stylized"), run.output());
	}

	/** A jar of a folder's files (the compiled classes and plugins.config). */
	private static void jar(Path folder, Path jar) throws IOException {
		try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(
			Files.newOutputStream(jar)); Stream<Path> files = Files.walk(folder))
		{
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				out.putNextEntry(new java.util.jar.JarEntry(folder.relativize(file)
					.toString().replace('\\', '/')));
				Files.copy(file, out);
				out.closeEntry();
			}
		}
	}

	private static List<String> fileNames(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) return List.of();
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(f -> f.getFileName().toString()).sorted().toList();
		}
	}
}
