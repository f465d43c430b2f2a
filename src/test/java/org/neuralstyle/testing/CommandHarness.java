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

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.util.HashMap;
import java.util.Map;

import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;

/**
 * One SciJava command run the way Fiji runs it, in a context of its own, for
 * the command tests: a result is asserted to be there, a failure to be a cancel
 * with a reason and no result, so each test says only what it gives and what it
 * expects.
 */
public final class CommandHarness implements AutoCloseable {

	private final Context context = new Context(CommandService.class,
		ModuleService.class);
	private final Class<? extends Command> command;

	public CommandHarness(Class<? extends Command> command) {
		this.command = command;
	}

	/**
	 * The context the command runs in, for tests that drive its modules
	 * themselves.
	 */
	public Context context() {
		return context;
	}

	/**
	 * {@code defaults} with the keys and values that follow them, in pairs, put
	 * over them.
	 */
	public static Map<String, Object> inputs(Map<String, Object> defaults,
		Object... keyValues)
	{
		Map<String, Object> inputs = new HashMap<>(defaults);
		for (int i = 0; i < keyValues.length; i += 2)
			inputs.put((String) keyValues[i], keyValues[i + 1]);
		return inputs;
	}

	/**
	 * Runs the command to its end, with no pre- or post-processing (no dialog),
	 * and returns its module.
	 */
	public CommandModule run(Map<String, Object> inputs) throws Exception {
		return (CommandModule) context.service(CommandService.class).run(command,
			false, inputs).get();
	}

	/**
	 * Runs the command and returns its result, failing with the command's reason
	 * if it cancelled itself.
	 */
	public ImagePlus result(Map<String, Object> inputs) throws Exception {
		CommandModule module = run(inputs);
		assertFalse(module.isCanceled(), module.getCancelReason());
		ImagePlus result = (ImagePlus) module.getOutput("result");
		assertNotNull(result);
		return result;
	}

	/**
	 * Runs the command, expecting it to stop with a message and no result;
	 * returns the message.
	 */
	public String failure(Map<String, Object> inputs) throws Exception {
		CommandModule module = run(inputs);
		assertTrue(module.isCanceled(),
			"expected the command to stop with a message");
		assertNull(module.getOutput("result"));
		return module.getCancelReason();
	}

	/**
	 * Copies of the pixels of each plane, to compare an image with itself after a
	 * run.
	 */
	public static Object[] pixels(ImagePlus image) {
		Object[] planes = new Object[image.getStackSize()];
		for (int s = 1; s <= planes.length; s++)
			planes[s - 1] = image.getStack().getProcessor(s).duplicate().getPixels();
		return planes;
	}

	@Override
	public void close() {
		context.dispose();
	}
}
