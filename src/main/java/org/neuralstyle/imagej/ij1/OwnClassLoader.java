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

/**
 * Runs work with this plugin's class loader as the thread's context class
 * loader. DJL looks for its engine (a ServiceLoader) and for PyTorch's native
 * library (a resource of the native jar) through the context class loader;
 * plain ImageJ 1.x loads plugins/ jars with its own loader, which the threads
 * it and SciJava start do not have as their context loader, so without this DJL
 * reports "No deep learning engine found" there.
 */
public final class OwnClassLoader {

	private OwnClassLoader() {}

	public static void run(Runnable work) {
		Thread thread = Thread.currentThread();
		ClassLoader before = thread.getContextClassLoader();
		thread.setContextClassLoader(OwnClassLoader.class.getClassLoader());
		try {
			work.run();
		}
		finally {
			thread.setContextClassLoader(before);
		}
	}
}
