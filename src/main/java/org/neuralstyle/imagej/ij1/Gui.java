package org.neuralstyle.imagej.ij1;

import ij.IJ;
import ij.macro.Interpreter;
import java.awt.GraphicsEnvironment;

/**
 * Whether a command may touch the screen. Headless Fiji, {@code ImageJ -batch} and macros in
 * batch mode get no windows and no questions; a running macro gets windows but no questions,
 * since nobody may be there to answer them.
 */
public final class Gui {

	private Gui() {
	}

	/** Windows may open: there is a display, ImageJ's own window, and no batch mode. */
	public static boolean canShowWindows() {
		return !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null && !Interpreter.isBatchMode();
	}

	/** A person can be asked: windows may open and no macro is running. */
	public static boolean canAsk() {
		return canShowWindows() && !IJ.isMacro();
	}
}
