package org.neuralstyle.imagej;

import ij.IJ;
import ij.ImagePlus;
import java.io.File;
import java.lang.reflect.Type;
import org.scijava.Priority;
import org.scijava.convert.AbstractConverter;
import org.scijava.convert.Converter;
import org.scijava.plugin.Plugin;

/**
 * Lets an image parameter be given as the path of an image file, for headless runs where no
 * image is open: {@code Fiji --headless --run "Stylize (optimize)" "content='/data/cell.tif',..."}.
 * Fiji's own converter (image titles and IDs of open images) has a higher priority, so a title
 * still means the open image; only a string that names no open image but an existing file is
 * opened here.
 */
@Plugin(type = Converter.class, priority = Priority.LOW)
public class ImageFileConverter extends AbstractConverter<String, ImagePlus> {

	@Override
	public boolean canConvert(Object src, Type dest) {
		return super.canConvert(src, dest) && isFile(src);
	}

	@Override
	public boolean canConvert(Object src, Class<?> dest) {
		return super.canConvert(src, dest) && isFile(src);
	}

	private static boolean isFile(Object src) {
		return src instanceof String path && !path.isBlank() && new File(path.trim()).isFile();
	}

	@Override
	public <T> T convert(Object src, Class<T> dest) {
		if (!isFile(src) || !dest.isAssignableFrom(ImagePlus.class)) return null;
		ImagePlus image = IJ.openImage(((String) src).trim());
		return dest.cast(image);
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
