package org.neuralstyle.imagej.ij1;

/**
 * Runs work with this plugin's class loader as the thread's context class loader. DJL looks for
 * its engine (a ServiceLoader) and for PyTorch's native library (a resource of the native jar)
 * through the context class loader; plain ImageJ 1.x loads plugins/ jars with its own loader,
 * which the threads it and SciJava start do not have as their context loader, so without this DJL
 * reports "No deep learning engine found" there.
 */
public final class OwnClassLoader {

	private OwnClassLoader() {
	}

	public static void run(Runnable work) {
		Thread thread = Thread.currentThread();
		ClassLoader before = thread.getContextClassLoader();
		thread.setContextClassLoader(OwnClassLoader.class.getClassLoader());
		try {
			work.run();
		} finally {
			thread.setContextClassLoader(before);
		}
	}
}
