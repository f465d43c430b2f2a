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
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.lang.reflect.Type;
import org.neuralstyle.imagefile.ImageFileReader;
import org.scijava.Priority;
import org.scijava.convert.AbstractConverter;
import org.scijava.convert.Converter;
import org.scijava.plugin.Plugin;

/**
 * Lets an image parameter be given as the path of an image file, for headless
 * runs where no image is open:
 * {@code Fiji --headless --run "Stylize (optimize)" "content='/data/cell.tif',..."}.
 * Fiji's own converter (image titles and IDs of open images) has a higher
 * priority, so a title still means the open image; only a string that names no
 * open image but an existing file is opened here, after
 * {@link ImageFileReader}'s checks (a file too large for memory, a CMYK JPEG).
 */
@Plugin(type = Converter.class, priority = Priority.LOW)
public class ImageFileConverter extends AbstractConverter<String, ImagePlus> {

	private static final String UNREADABLE = "neuralstyle.unreadable";

	@Override
	public boolean canConvert(Object src, Type dest) {
		return super.canConvert(src, dest) && isFile(src);
	}

	@Override
	public boolean canConvert(Object src, Class<?> dest) {
		return super.canConvert(src, dest) && isFile(src);
	}

	private static boolean isFile(Object src) {
		return src instanceof String path && !path.isBlank() && new File(path
			.trim()).isFile();
	}

	@Override
	public <T> T convert(Object src, Class<T> dest) {
		if (!isFile(src) || !dest.isAssignableFrom(ImagePlus.class)) return null;
		String path = ((String) src).trim();
		try {
			return dest.cast(ImageFileReader.open(Path.of(path)));
		}
		catch (IOException | RuntimeException refused) {
			// A converter cannot fail with a message: the command finds the reason on
			// an image without pixels.
			ImagePlus none = new ImagePlus();
			none.setTitle(new File(path).getName());
			none.setProperty(UNREADABLE, refused.getMessage() != null ? refused
				.getMessage() : refused.toString());
			return dest.cast(none);
		}
	}

	/**
	 * Why a file could not be opened, for
	 * {@link StyleTransferCommand#requirePixels}.
	 */
	static String unreadableReason(ImagePlus image) {
		return image.getProperty(UNREADABLE) instanceof String reason ? reason
			: null;
	}

	@Override
	public Class<ImagePlus> getOutputType() {
		return ImagePlus.class;
	}

	@Override
	public Class<String> getInputType() {
		return String.class;
	}
}
