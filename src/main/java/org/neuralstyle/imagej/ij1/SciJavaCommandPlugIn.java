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

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;

/**
 * Runs a SciJava command from plain ImageJ 1.x, where no SciJava framework
 * shows its dialog or fills in its image. Named in {@code plugins.config} with
 * the command's class as argument:
 * 
 * <pre>
 * Plugins&gt;Style Transfer, "Stylize (fast model)", org.neuralstyle.imagej.ij1.SciJavaCommandPlugIn("org.neuralstyle.imagej.StylizeFastCommand")
 * </pre>
 * 
 * It asks for the command's parameters in a GenericDialog whose labels are the
 * parameter names (so macros and the Recorder use the same keys as Fiji), fills
 * image parameters from open images, runs the command in a SciJava context and
 * shows its image outputs. Fiji never uses this class: there the command itself
 * is in the menu (see {@code plugins.config}).
 */
public class SciJavaCommandPlugIn implements PlugIn {

	/**
	 * What the dialogs' Help button opens: the user documentation on the
	 * project's site (the pom's {@code <url>}, which a test compares), rendered
	 * and current. An installed plugin has no copy of docs/ next to it, so a
	 * local file would not be there for most users.
	 */
	static final String HELP_URL =
		"https://github.com/neural-style-fiji/neural-style/blob/main/docs/fiji.md";

	@Override
	public void run(String commandClassName) {
		String title = "Style Transfer";
		try {
			Class<? extends Command> commandClass = commandClass(commandClassName);
			title = new CommandInfo(commandClass).getTitle();
			Map<String, Object> inputs = new ParameterDialog(title, CommandParameters
				.of(commandClass), "neuralstyle." + commandClass.getSimpleName(),
				HELP_URL, presetValues(commandClass)).ask();
			if (inputs == null) return;
			for (ImagePlus output : run(commandClass, inputs))
				display(output);
		}
		catch (Exception e) {
			fail(title, e);
		}
	}

	/**
	 * Runs the command with these inputs (by parameter name) in the shared
	 * context and returns its image outputs, not shown.
	 *
	 * @throws Exception what the command threw, or an IllegalStateException with
	 *           the reason it gave when it cancelled itself
	 */
	public static List<ImagePlus> run(Class<? extends Command> commandClass,
		Map<String, Object> inputs) throws Exception
	{
		CommandInfo info = new CommandInfo(commandClass);
		ModuleService modules = SciJavaContext.get().service(ModuleService.class);
		Module module;
		try {
			// No pre- and postprocessing: inputs are complete, and there is no
			// SciJava UI to show outputs.
			module = modules.run(info, false, inputs).get();
		}
		catch (ExecutionException e) {
			throw e.getCause() instanceof Exception cause ? cause : e;
		}
		if (module instanceof CommandModule command && command.isCanceled()) {
			String reason = command.getCancelReason();
			if (reason != null) throw new IllegalStateException(reason);
			return List.of();
		}
		List<ImagePlus> images = new ArrayList<>();
		for (ModuleItem<?> output : info.outputs()) {
			if (module.getOutput(output.getName()) instanceof ImagePlus image) images
				.add(image);
		}
		return images;
	}

	/**
	 * A command's {@code public static Map<String, String> presetValues(String)}
	 * (the key values a preset sets), or null when it has none.
	 */
	@SuppressWarnings("unchecked")
	static java.util.function.Function<String, Map<String, String>> presetValues(
		Class<?> commandClass)
	{
		java.lang.reflect.Method m;
		try {
			m = commandClass.getMethod("presetValues", String.class);
		}
		catch (NoSuchMethodException e) {
			return null;
		}
		return name -> {
			try {
				return (Map<String, String>) m.invoke(null, name);
			}
			catch (ReflectiveOperationException e) {
				throw new IllegalStateException(e.getCause() != null ? e.getCause()
					: e);
			}
		};
	}

	@SuppressWarnings("unchecked")
	private static Class<? extends Command> commandClass(String name) {
		if (name == null || name.isBlank()) throw new IllegalArgumentException(
			"plugins.config must name the command class as argument of " +
				SciJavaCommandPlugIn.class.getName() + ".");
		Class<?> c;
		try {
			c = Class.forName(name.trim(), true, SciJavaCommandPlugIn.class
				.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError e) {
			throw new IllegalStateException(
				"Style Transfer is not installed completely (" + name +
					" is missing: " + e +
					"). Put the neural-style jar in ImageJ's plugins folder and its dependencies in plugins/jars, then restart ImageJ.",
				e);
		}
		if (!Command.class.isAssignableFrom(c)) throw new IllegalArgumentException(
			name + " is not a SciJava command.");
		return (Class<? extends Command>) c;
	}

	/**
	 * Shows a result; without a display it becomes the current image, so a macro
	 * can go on with it.
	 */
	private static void display(ImagePlus image) {
		if (GraphicsEnvironment.isHeadless()) {
			if (Interpreter.isBatchMode()) Interpreter.addBatchModeImage(image);
			WindowManager.setTempCurrentImage(image);
		}
		else {
			image.show();
		}
	}

	/**
	 * One clear message: a dialog when ImageJ has a window, the log (printed to
	 * the console in batch mode) otherwise. A macro that called the command stops
	 * here rather than going on without its result.
	 */
	private static void fail(String title, Exception e) {
		String message = e.getMessage() != null ? e.getMessage() : e.toString();
		if (IJ.getInstance() == null) {
			IJ.log(title + ": " + message);
			if (!(e instanceof IllegalArgumentException ||
				e instanceof IllegalStateException)) IJ.log(stackTrace(e));
		}
		else {
			IJ.error(title, message);
		}
		Interpreter.abort();
	}

	private static String stackTrace(Exception e) {
		java.io.StringWriter w = new java.io.StringWriter();
		e.printStackTrace(new java.io.PrintWriter(w));
		return w.toString();
	}
}
