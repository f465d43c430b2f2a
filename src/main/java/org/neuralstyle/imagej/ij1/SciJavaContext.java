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

import org.scijava.Context;
import org.scijava.plugin.DefaultPluginFinder;
import org.scijava.plugin.PluginIndex;

/**
 * The one SciJava context the ImageJ 1.x wrapper runs commands in, made on
 * first use and kept for the life of ImageJ. Plain ImageJ 1.x loads our jar and
 * scijava-common through its own plugin class loader, which the thread's
 * context class loader does not see; the plugins (services) are therefore
 * looked up through the loader that loaded this class.
 */
public final class SciJavaContext {

	private static Context context;

	private SciJavaContext() {}

	public static synchronized Context get() {
		if (context == null) {
			context = new Context(new PluginIndex(new DefaultPluginFinder(
				SciJavaContext.class.getClassLoader())));
		}
		return context;
	}
}
