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

package org.neuralstyle.imagej.ij1;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.process.ImageProcessor;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.neuralstyle.imagej.InvertTestCommand;
import org.neuralstyle.testing.TestImages;
import org.neuralstyle.imagej.planes.Scope;

/**
 * A SciJava command's parameters as an ImageJ 1.x dialog and macro see them,
 * and running it from ImageJ 1.x.
 */
class CommandBridgeTest {

	/**
	 * Runs work as ImageJ runs a command called by a macro: on a thread named
	 * "Run$_...", the only threads Macro.getOptions() answers on, with the
	 * options and current image set for that thread.
	 */
	private static <T> T inMacro(String options, ImagePlus current,
		Callable<T> work) throws Exception
	{
		AtomicReference<Object> outcome = new AtomicReference<>();
		Thread thread = new Thread(() -> {
			Macro.setOptions(options);
			WindowManager.setTempCurrentImage(current);
			try {
				outcome.set(work.call());
			}
			catch (Exception e) {
				outcome.set(e);
			}
		}, "Run$_test");
		thread.start();
		thread.join();
		if (outcome.get() instanceof Exception e) throw e;
		@SuppressWarnings("unchecked")
		T result = (T) outcome.get();
		return result;
	}

	private static String failure(String options, ImagePlus current) {
		List<CommandParameter> ps = CommandParameters.of(InvertTestCommand.class);
		return assertThrows(IllegalArgumentException.class, () -> inMacro(options,
			current, () -> new ParameterDialog("t", ps, "p").ask())).getMessage();
	}

	/**
	 * Starts each test with no image open: these tests count the open images, and
	 * other test classes in the same JVM may leave batch-mode images behind.
	 */
	@org.junit.jupiter.api.BeforeEach
	void closeOpenImages() {
		int[] ids = WindowManager.getIDList();
		if (ids != null) for (int id : ids) {
			ij.ImagePlus image = WindowManager.getImage(id);
			if (image != null) {
				image.changes = false;
				image.close();
			}
		}
		WindowManager.setTempCurrentImage(null);
	}

	@Test
	void parametersAreTheCommandsInputsUnderTheirNames() {
		List<CommandParameter> ps = CommandParameters.of(InvertTestCommand.class);
		assertEquals(List.of("image", "scope", "amount", "swap_red_blue", "passes"),
			ps.stream().map(CommandParameter::key).toList());
		assertEquals(CommandParameter.Kind.IMAGE, ps.get(0).kind());
		CommandParameter scope = ps.get(1);
		assertEquals(CommandParameter.Kind.CHOICE, scope.kind());
		assertEquals(List.of("Current plane", "All planes"), scope.choices());
		assertEquals("Current plane", scope.defaultValue());
		CommandParameter amount = ps.get(2);
		assertEquals(CommandParameter.Kind.NUMBER, amount.kind());
		assertEquals(1.0, amount.defaultValue());
		assertEquals(0.0, amount.min());
		assertEquals(1.0, amount.max());
		assertEquals(CommandParameter.Kind.BOOLEAN, ps.get(3).kind());
		assertEquals(false, ps.get(3).defaultValue());
		CommandParameter passes = ps.get(4);
		assertEquals(CommandParameter.Kind.INTEGER, passes.kind());
		assertEquals(1, passes.defaultValue());
	}

	/** A command with a field no ImageJ 1.x dialog can show. */
	public static class UnshowableCommand implements Command {

		@Parameter
		private java.awt.Color colour;

		@Override
		public void run() {}
	}

	@Test
	void unshowableParametersAreRefusedByName() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> CommandParameters.of(UnshowableCommand.class));
		assertTrue(e.getMessage().contains("'colour'"), e.getMessage());
	}

	@Test
	void macroOptionsGiveTheValuesAndMissingKeysTheDefaults() throws Exception {
		ImagePlus image = TestImages.rgb(4, 4, 1);
		Map<String, Object> values = inMacro(
			"scope=[All planes] amount=0.25 swap_red_blue", image,
			() -> new ParameterDialog("Invert", CommandParameters.of(
				InvertTestCommand.class), "test.invert").ask());
		assertSame(image, values.get("image"));
		assertEquals("All planes", values.get("scope"));
		assertEquals(0.25, values.get("amount"));
		assertEquals(true, values.get("swap_red_blue"));
		assertEquals(1, values.get("passes"));
	}

	@Test
	void invalidMacroValuesEndInOneClearMessage() {
		ImagePlus image = TestImages.rgb(4, 4, 1);
		assertEquals("'amount' must be between 0 and 1, not 2.", failure("amount=2",
			image));
		assertEquals("'passes' needs a whole number, not 1.5.", failure(
			"passes=1.5", image));
		assertEquals(
			"'everything' is not a valid scope: use one of Current plane, All planes.",
			failure("scope=everything", image));
		assertEquals("'amount' needs a number, not 'lots'.", failure("amount=lots",
			image));
		assertTrue(failure("image=[not open]", image).contains(
			"no image called 'not open'"));
	}

	@Test
	void anUnknownMacroKeyIsNamedRatherThanPassedOver() {
		ImagePlus image = TestImages.rgb(4, 4, 1);
		String keys =
			" The keys of t are image, scope, amount, swap_red_blue, passes.";
		assertEquals(
			"Unknown key 'amout' in the macro options: did you mean 'amount'?" + keys,
			failure("amout=0.5", image));
		assertEquals(
			"Unknown key 'swap_red_blu' in the macro options: did you mean 'swap_red_blue'?" +
				keys, failure("amount=0.5 swap_red_blu", image));
		assertEquals("Unknown key 'colour' in the macro options." + keys, failure(
			"scope=[All planes] colour=[dark red]", image));
		// Fiji's recorder writes checkboxes as key=true/false: known keys, whatever
		// their form.
		assertEquals(5, assertDoesNotThrow(() -> inMacro(
			"swap_red_blue=false passes=2 scope=[All planes]", image,
			() -> new ParameterDialog("t", CommandParameters.of(
				InvertTestCommand.class), "p").ask())).size());
	}

	@Test
	void withoutAnImageTheDialogRefusesToStart() {
		assertTrue(failure("amount=1", null).startsWith(
			"There are no images open"));
	}

	@Test
	void flagsAreWordsOutsideBrackets() {
		MacroOptions options = new MacroOptions(
			"style=[a preserve_colors b] init=content preserve_colors");
		assertTrue(options.flag("preserve_colors"));
		assertEquals("content", options.value("init"));
		assertEquals("a preserve_colors b", options.value("style"));
		MacroOptions bracketOnly = new MacroOptions("style=[preserve_colors]");
		assertEquals(false, bracketOnly.flag("preserve_colors"));
	}

	@Test
	void explicitParametersConvertToTheirTypes() {
		assertEquals(new File("/tmp/x.pth"), CommandParameter.file("weights", null)
			.path(" /tmp/x.pth "));
		assertNull(CommandParameter.file("weights", null).path(""));
		assertEquals(3, CommandParameter.integer("iterations", 500, 1, null).number(
			3));
		assertThrows(IllegalArgumentException.class, () -> CommandParameter.integer(
			"iterations", 500, 1, null).number(0));
		assertThrows(IllegalArgumentException.class, () -> CommandParameter.text(
			"Bad Key", ""));
		assertEquals(Scope.ALL_PLANES, new CommandParameter("scope",
			CommandParameter.Kind.CHOICE, Scope.class, Scope.CURRENT_PLANE, List.of(
				Scope.labels()), null, null).choice("All planes"));
	}

	@Test
	void digitsShowTheDefaultFaithfully() {
		assertEquals(1, CommandParameter.number("content_weight", 1, null, null)
			.digits());
		assertEquals(2, CommandParameter.number("tv_weight", 0.25, null, null)
			.digits());
		assertEquals(-3, CommandParameter.number("style_weight", 1e6, null, null)
			.digits());
		assertEquals(-3, CommandParameter.number("tv_weight", 1e-6, null, null)
			.digits());
		assertEquals(0, CommandParameter.integer("iterations", 500, null, null)
			.digits());
	}

	@Test
	void theCommandRunsInASciJavaContextWithItsServicesAndReturnsItsImage()
		throws Exception
	{
		ImagePlus input = TestImages.hyperstack("8-bit", 5, 4, 1, 3, 1, 0, 255, 2);
		input.setSlice(2);
		List<ImagePlus> outputs = SciJavaCommandPlugIn.run(InvertTestCommand.class,
			Map.of("image", input, "scope", "All planes", "amount", 1.0,
				"swap_red_blue", false, "passes", 1));
		assertEquals(1, outputs.size());
		ImagePlus result = outputs.get(0);
		assertEquals(3, result.getStackSize());
		for (int s = 1; s <= 3; s++) {
			ImageProcessor in = input.getStack().getProcessor(s), out = result
				.getStack().getProcessor(s);
			for (int i = 0; i < in.getPixelCount(); i++)
				assertEquals(255 - in.get(i), out.get(i));
		}
	}

	@Test
	void thePlugInReadsTheMacroOptionsAndLeavesTheResultCurrent()
		throws Exception
	{
		ImagePlus input = TestImages.rgb(6, 5, 3);
		ImagePlus result = inMacro(
			"scope=[Current plane] amount=1 swap_red_blue passes=1", input, () -> {
				new SciJavaCommandPlugIn().run(InvertTestCommand.class.getName());
				return WindowManager.getCurrentImage();
			});
		assertEquals("rgb stylized", result.getTitle());
		for (int i = 0; i < 30; i++) {
			int in = input.getProcessor().get(i), out = result.getProcessor().get(i);
			int expected = (255 - (in & 0xff)) << 16 | (255 - ((in >> 8) &
				0xff)) << 8 | (255 - ((in >> 16) & 0xff));
			assertEquals(expected, out & 0xffffff, "pixel " + i);
		}
	}

	@Test
	void fijiRecordedFlagsReadTheImageJ1Way() throws Exception {
		assertEquals("amount=1 swap_red_blue passes=2", MacroOptions
			.withImageJ1Flags("amount=1 swap_red_blue=true passes=2", List.of(
				"swap_red_blue")));
		assertEquals("amount=1 passes=2", MacroOptions.withImageJ1Flags(
			"amount=1 swap_red_blue=false passes=2", List.of("swap_red_blue")));
		assertEquals("name=[a swap_red_blue=false b] swap_red_blue", MacroOptions
			.withImageJ1Flags("name=[a swap_red_blue=false b]  swap_red_blue=TRUE",
				List.of("swap_red_blue")));
		ImagePlus image = TestImages.rgb(4, 4, 1);
		Map<String, Object> on = inMacro("amount=0.5 swap_red_blue=true", image,
			() -> new ParameterDialog("Invert", CommandParameters.of(
				InvertTestCommand.class), "test.invert").ask());
		assertEquals(true, on.get("swap_red_blue"));
		assertEquals(0.5, on.get("amount"));
		Map<String, Object> off = inMacro("swap_red_blue=false", image,
			() -> new ParameterDialog("Invert", CommandParameters.of(
				InvertTestCommand.class), "test.invert").ask());
		assertEquals(false, off.get("swap_red_blue"));
	}

	/** A command with two images, like content and style. */
	public static class TwoImagesCommand implements Command {

		@Parameter
		private ImagePlus first;

		@Parameter
		private ImagePlus second;

		@Override
		public void run() {}
	}

	/** Called from a macro (which needs a public class). */
	public static class DialogProbe {

		/** The titles the parameters of {@link TwoImagesCommand} start with. */
		public static String defaultTitles() {
			Map<String, Object> values = new ParameterDialog("Two", CommandParameters
				.of(TwoImagesCommand.class), "test.two").ask();
			return ((ImagePlus) values.get("first")).getTitle() + "," +
				((ImagePlus) values.get("second")).getTitle();
		}
	}

	@Test
	void aSecondImageParameterStartsWithAnotherOpenImage() {
		// Batch mode makes images open for the WindowManager without a display.
		String titles = ij.IJ.runMacro(String.join("\n", "setBatchMode(true);",
			"newImage('a', 'RGB black', 4, 4, 1);",
			"newImage('b', 'RGB black', 4, 4, 1);", "return call('" +
				DialogProbe.class.getName() + ".defaultTitles');"));
		assertEquals("b,a", titles);
	}

	@Test
	void theHelpButtonOpensTheFijiDocumentationOnTheProjectsSite()
		throws Exception
	{
		String pom = java.nio.file.Files.readString(java.nio.file.Path.of(
			"pom.xml"));
		// The project's own <url>, the first after the parent's block.
		java.util.regex.Matcher url = java.util.regex.Pattern.compile(
			"</parent>.*?<url>([^<]+)</url>", java.util.regex.Pattern.DOTALL).matcher(
				pom);
		assertTrue(url.find());
		assertEquals(url.group(1) + "/blob/main/docs/fiji.md",
			SciJavaCommandPlugIn.HELP_URL);
		assertTrue(java.nio.file.Files.isRegularFile(java.nio.file.Path.of(
			"docs/fiji.md")));
	}
}
