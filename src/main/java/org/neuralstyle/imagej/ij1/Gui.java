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
import ij.macro.Interpreter;
import java.awt.GraphicsEnvironment;

/**
 * Whether a command may touch the screen. Headless Fiji, {@code ImageJ -batch}
 * and macros in batch mode get no windows and no questions; a running macro
 * gets windows but no questions, since nobody may be there to answer them.
 */
public final class Gui {

	private Gui() {}

	/**
	 * Windows may open: there is a display, ImageJ's own window, and no batch
	 * mode.
	 */
	public static boolean canShowWindows() {
		return !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null &&
			!Interpreter.isBatchMode();
	}

	/** A person can be asked: windows may open and no macro is running. */
	public static boolean canAsk() {
		return canShowWindows() && !IJ.isMacro();
	}
}
