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

package org.neuralstyle.imagej;

import ij.ImagePlus;
import ij.io.FileSaver;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import org.neuralstyle.io.AtomicFiles;

/**
 * The file a result is saved to when the command is given one, which headless
 * runs need (nothing is shown there to save by hand). TIFF only: it keeps every
 * type, stack dimensions, calibration and display range. An existing file is
 * never replaced, and the file appears only once complete.
 */
final class ResultFile {

	private ResultFile() {}

	/** Checks, before any work, that the result can be saved there. */
	static void check(File file) {
		check(file, "output");
	}

	/**
	 * As {@link #check(File)}, for the file given as {@code key} (e.g.
	 * "progress"), which the messages name.
	 */
	static void check(File file, String key) {
		String name = file.getName().toLowerCase(Locale.ROOT);
		if (!name.endsWith(".tif") && !name.endsWith(".tiff"))
			throw new IllegalArgumentException("The " + key +
				" file must be a TIFF (.tif): " + file +
				". TIFF keeps the image's type, dimensions and calibration.");
		checkNew(file, key);
	}

	/**
	 * Refuses a file of any kind ({@code key} names it) that exists already or
	 * whose folder does not.
	 */
	static void checkNew(File file, String key) {
		if (file.exists()) throw new IllegalArgumentException("The " + key +
			" file " + file +
			" exists already: choose another name, or delete it first.");
		File folder = file.getAbsoluteFile().getParentFile();
		if (folder == null || !folder.isDirectory())
			throw new IllegalArgumentException("The folder of the " + key + " file " +
				file + " does not exist: create it first.");
	}

	static void save(ImagePlus image, File file) throws IOException {
		save(image, file, "output");
	}

	static void save(ImagePlus image, File file, String key) throws IOException {
		check(file, key);
		String title = image.getTitle();
		// create, not write: a file that appeared at the path during the run is
		// kept, never replaced.
		AtomicFiles.create(file.toPath(), temporary -> {
			FileSaver saver = new FileSaver(image);
			boolean saved = image.getStackSize() > 1 ? saver.saveAsTiffStack(temporary
				.toString()) : saver.saveAsTiff(temporary.toString());
			if (!saved || !Files.isRegularFile(temporary)) throw new IOException(
				"Could not write " + file + ".");
		});
		// FileSaver names the image after the file it wrote, here the temporary
		// one.
		image.setTitle(title);
	}
}
