package org.neuralstyle.imagej.ij1;

import org.scijava.Context;
import org.scijava.plugin.DefaultPluginFinder;
import org.scijava.plugin.PluginIndex;

/**
 * The one SciJava context the ImageJ 1.x wrapper runs commands in, made on first use and kept for
 * the life of ImageJ. Plain ImageJ 1.x loads our jar and scijava-common through its own plugin
 * class loader, which the thread's context class loader does not see; the plugins (services) are
 * therefore looked up through the loader that loaded this class.
 */
public final class SciJavaContext {

	private static Context context;

	private SciJavaContext() {
	}

	public static synchronized Context get() {
		if (context == null) {
			context = new Context(new PluginIndex(new DefaultPluginFinder(SciJavaContext.class.getClassLoader())));
		}
		return context;
	}
}
