package org.neuralstyle.imagej;

import org.scijava.Context;
import org.scijava.plugin.DefaultPluginFinder;
import org.scijava.plugin.PluginIndex;

/**
 * The one SciJava context the ImageJ 1.x wrapper runs commands in, made on first use and kept for
 * the life of ImageJ. Plain ImageJ 1.x loads our jar and scijava-common through its own plugin
 * class loader, which the thread's context class loader does not see; the plugins (services) are
 * therefore looked up through the loader that loaded this class.
 */
final class SciJavaContext {

	private static Context context;

	private SciJavaContext() {
	}

	static synchronized Context get() {
		if (context == null) {
			context = new Context(new PluginIndex(new DefaultPluginFinder(SciJavaContext.class.getClassLoader())));
		}
		return context;
	}
}
