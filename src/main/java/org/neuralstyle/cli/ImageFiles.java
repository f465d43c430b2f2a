package org.neuralstyle.cli;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.neuralstyle.image.RgbImage;
import org.neuralstyle.imagefile.ImageFileReader;
import org.neuralstyle.io.AtomicFiles;

/**
 * Reading and writing image files for the command line, through ImageJ's readers and writers.
 * Outputs are written atomically (a temporary file in the same folder, then a move), so a reader
 * never sees half a file and an interrupted write leaves any earlier file intact.
 */
final class ImageFiles {

	private ImageFiles() {}

	/** Reads an image file as RGB; grayscale and 16/32-bit images are taken as ImageJ displays them. */
	static RgbImage read(Path file) throws IOException {
		return toRgb(open(file).getProcessor());
	}

	/**
	 * Opens an image file, refusing before decoding one that would not fit in memory, and after it
	 * one whose slices {@link #toRgb} would turn into a flat colour (16/32-bit with an infinite or
	 * empty display range).
	 */
	static ImagePlus open(Path file) throws IOException {
		ImagePlus imp = ImageFileReader.open(file);
		ImageStack stack = imp.getStack();
		if (stack.getSize() == 1) ImageFileReader.requireDisplayRange(imp.getProcessor(), file.toString());
		else for (int i = 1; i <= stack.getSize(); i++) {
			// Each slice is converted with its own range (toRgb of stack.getProcessor(i)).
			ImageFileReader.requireDisplayRange(stack.getProcessor(i), file + " (slice " + i + ")");
		}
		return imp;
	}

	static RgbImage toRgb(ImageProcessor ip) {
		ColorProcessor cp = ip instanceof ColorProcessor c ? c : ip.convertToColorProcessor();
		int w = cp.getWidth(), h = cp.getHeight(), n = w * h;
		float[] planes = new float[3 * n];
		int[] px = (int[]) cp.getPixels();
		for (int i = 0; i < n; i++) {
			planes[i] = ((px[i] >> 16) & 0xff) / 255f;
			planes[n + i] = ((px[i] >> 8) & 0xff) / 255f;
			planes[2 * n + i] = (px[i] & 0xff) / 255f;
		}
		return new RgbImage(w, h, planes);
	}

	static ColorProcessor toProcessor(RgbImage img) {
		int w = img.width(), h = img.height(), n = w * h;
		float[] p = img.planes();
		int[] px = new int[n];
		for (int i = 0; i < n; i++) px[i] = (byte8(p[i]) << 16) | (byte8(p[n + i]) << 8) | byte8(p[2 * n + i]);
		return new ColorProcessor(w, h, px);
	}

	private static int byte8(float v) {
		return Math.max(0, Math.min(255, Math.round(v * 255f)));
	}

	/** The format named by a file's extension; the message lists the formats that can be written. */
	static String format(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".png")) return "png";
		if (name.endsWith(".tif") || name.endsWith(".tiff")) return "tiff";
		if (name.endsWith(".jpg") || name.endsWith(".jpeg")) return "jpeg";
		throw new IllegalArgumentException("Cannot tell the output format of " + file +
			": end the file name with .png, .tif, .tiff, .jpg or .jpeg");
	}

	/** Fails before any work is done if {@code file} could not be written as asked. */
	static void checkWritable(Path file, boolean overwrite, boolean stack) {
		if (stack) {
			String f = format(file);
			if (!f.equals("tiff")) throw new IllegalArgumentException("A progress stack is a TIFF stack: name it *.tif (got " + file + ")");
		}
		else format(file);
		if (Files.exists(file) && !overwrite) throw new IllegalArgumentException(file + " already exists: choose another " +
			"name or add --overwrite to replace it");
		Path dir = file.toAbsolutePath().getParent();
		if (dir == null || !Files.isDirectory(dir)) throw new IllegalArgumentException("The folder of " + file + " does not exist");
		if (!Files.isWritable(dir)) throw new IllegalArgumentException("Cannot write into " + dir);
	}

	static void write(RgbImage img, Path file) throws IOException {
		writeAtomically(new ImagePlus(file.getFileName().toString(), toProcessor(img)), file, format(file));
	}

	/** Writes the slices as one TIFF stack, each slice labelled. */
	static void writeStack(List<RgbImage> slices, List<String> labels, Path file) throws IOException {
		RgbImage first = slices.get(0);
		ImageStack stack = new ImageStack(first.width(), first.height());
		for (int i = 0; i < slices.size(); i++) stack.addSlice(labels.get(i), toProcessor(slices.get(i)));
		writeAtomically(new ImagePlus(file.getFileName().toString(), stack), file, "tiff");
	}

	private static void writeAtomically(ImagePlus imp, Path file, String format) throws IOException {
		AtomicFiles.write(file.toAbsolutePath(), temporary -> {
			FileSaver saver = new FileSaver(imp);
			String path = temporary.toString();
			boolean ok = switch (format) {
				case "png" -> saver.saveAsPng(path);
				case "jpeg" -> saver.saveAsJpeg(path);
				default -> imp.getStackSize() > 1 ? saver.saveAsTiffStack(path) : saver.saveAsTiff(path);
			};
			if (!ok) throw new IOException("Could not write " + file);
		});
	}
}
