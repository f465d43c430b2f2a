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

package org.neuralstyle.cli;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.TiffEncoder;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.neuralstyle.image.RgbImage;
import org.neuralstyle.imagefile.ImageFileReader;
import org.neuralstyle.imagefile.RgbPixels;
import org.neuralstyle.io.AtomicFiles;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Reading and writing image files for the command line: read through ImageJ's
 * readers, written with ImageJ's TIFF encoder or the JDK's PNG and JPEG
 * writers. Outputs are written atomically (a temporary file in the same folder,
 * then a link or a move), so a reader never sees half a file, an interrupted
 * write leaves any earlier file intact, and a file is replaced only when asked.
 */
final class ImageFiles {

	private ImageFiles() {}

	/**
	 * Reads an image file as RGB; grayscale and 16/32-bit images are taken as
	 * ImageJ displays them.
	 */
	static RgbImage read(Path file) throws IOException {
		return toRgb(open(file).getProcessor());
	}

	/**
	 * Opens an image file, refusing before decoding one that would not fit in
	 * memory, and after it one whose slices {@link #toRgb} would turn into a flat
	 * colour (16/32-bit with an infinite or empty display range).
	 */
	static ImagePlus open(Path file) throws IOException {
		ImagePlus imp = ImageFileReader.open(file);
		ImageStack stack = imp.getStack();
		if (stack.getSize() == 1) ImageFileReader.requireDisplayRange(imp
			.getProcessor(), file.toString());
		else for (int i = 1; i <= stack.getSize(); i++) {
			// Each slice is converted with its own range (toRgb of
			// stack.getProcessor(i)).
			ImageFileReader.requireDisplayRange(stack.getProcessor(i), file +
				" (slice " + i + ")");
		}
		return imp;
	}

	static RgbImage toRgb(ImageProcessor ip) {
		return RgbPixels.toRgb(ip instanceof ColorProcessor c ? c : ip
			.convertToColorProcessor());
	}

	static ColorProcessor toProcessor(RgbImage img) {
		return RgbPixels.toProcessor(img);
	}

	/**
	 * The format named by a file's extension; the message lists the formats that
	 * can be written.
	 */
	static String format(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".png")) return "png";
		if (name.endsWith(".tif") || name.endsWith(".tiff")) return "tiff";
		if (name.endsWith(".jpg") || name.endsWith(".jpeg")) return "jpeg";
		throw new IllegalArgumentException("Cannot tell the output format of " +
			file + ": end the file name with .png, .tif, .tiff, .jpg or .jpeg");
	}

	/**
	 * Fails before any work is done if {@code file} could not be written as
	 * asked.
	 */
	static void checkWritable(Path file, boolean overwrite, boolean stack) {
		if (stack) {
			String f = format(file);
			if (!f.equals("tiff")) throw new IllegalArgumentException(
				"A progress stack is a TIFF stack: name it *.tif (got " + file + ")");
		}
		else format(file);
		if (Files.exists(file) && !overwrite) throw new IllegalArgumentException(
			file + " already exists: choose another " +
				"name or add --overwrite to replace it");
		Path dir = file.toAbsolutePath().getParent();
		if (dir == null || !Files.isDirectory(dir))
			throw new IllegalArgumentException("The folder of " + file +
				" does not exist");
		if (!Files.isWritable(dir)) throw new IllegalArgumentException(
			"Cannot write into " + dir);
	}

	/**
	 * Refuses an output that is one of the run's own files: the progress stack
	 * over the result, or a result over an input, would destroy one of them even
	 * with {@code --overwrite}.
	 */
	static void checkDistinct(Path output, String outputOption, Path other,
		String otherOption)
	{
		if (sameFile(output, other)) throw new IllegalArgumentException(
			outputOption + " and " + otherOption + " name the same file, " + output +
				": give " + outputOption + " a name of its own");
	}

	/**
	 * Whether two paths name the same file or folder: the same name once
	 * normalized, or (both existing) the same file by links.
	 */
	static boolean sameFile(Path a, Path b) {
		if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize()))
			return true;
		try {
			return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
		}
		catch (IOException e) {
			return false;
		}
	}

	/**
	 * Writes a run's result at {@code file}, or, if a file appeared there during
	 * the run and {@code overwrite} is false, beside it as {@code NAME-2.EXT} (or
	 * -3, ...): the file that appeared is kept and so is the result. Returns
	 * where the result is.
	 */
	static Path writeResult(RgbImage img, Path file, boolean overwrite)
		throws IOException
	{
		int[] rgb = packed(img);
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		for (int n = 1; n <= 100; n++) {
			Path target = n == 1 ? file : file.resolveSibling(name.substring(0, dot) +
				"-" + n + name.substring(dot));
			try {
				write(rgb, img.width(), img.height(), target, overwrite);
				if (n > 1) System.err.println("error: " + file +
					" appeared during the run and was left as it is; the result is in " +
					target);
				return target;
			}
			catch (FileAlreadyExistsException e) {
				// taken: try the next name
			}
		}
		throw new IOException(file +
			" and the 99 names after it appeared during the run: the result was not written");
	}

	/**
	 * Writes a new file: refuses to replace one, even one that appeared while the
	 * result was being made.
	 */
	static void write(RgbImage img, Path file) throws IOException {
		write(img, file, false);
	}

	/**
	 * Writes {@code img} at {@code file}, in the format its extension names,
	 * atomically.
	 *
	 * @param overwrite replace a file that is there; else a file there when the
	 *          image is complete is kept and
	 *          {@link java.nio.file.FileAlreadyExistsException} thrown
	 */
	static void write(RgbImage img, Path file, boolean overwrite)
		throws IOException
	{
		write(packed(img), img.width(), img.height(), file, overwrite);
	}

	/**
	 * As {@link #write(RgbImage, Path, boolean)}, from pixels packed as
	 * {@code 0xRRGGBB}, without a copy of them.
	 */
	static void write(int[] rgb, int width, int height, Path file,
		boolean overwrite) throws IOException
	{
		String format = format(file);
		AtomicFiles.Writer writer = temporary -> {
			// Encoded here rather than by ImageJ's FileSaver, which reports a failed
			// write (a full disk) in a dialog or on the console and returns false,
			// losing the reason.
			try {
				Files.createFile(temporary);
				encode(rgb, width, height, format, temporary);
			}
			catch (FileSystemException e) {
				throw e;
			}
			catch (IOException e) {
				// A stream says only "No space left on device" or "File too large"
				// (ImageIO: "I/O error writing PNG file!", with that as the cause):
				// name the file and the reason.
				Throwable reason = e;
				while (reason.getCause() instanceof IOException cause)
					reason = cause;
				throw new IOException("Could not write " + file + ": " + reason
					.getMessage(), e);
			}
		};
		if (overwrite) AtomicFiles.replace(file.toAbsolutePath(), writer);
		else AtomicFiles.create(file.toAbsolutePath(), writer);
	}

	private static void encode(int[] rgb, int width, int height, String format,
		Path file) throws IOException
	{
		if (format.equals("tiff")) {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(
				file), 1 << 16))
			{
				ImagePlus imp = new ImagePlus("", new ColorProcessor(width, height,
					rgb));
				new TiffEncoder(imp.getFileInfo()).write(out);
			}
			return;
		}
		// A BufferedImage over the pixels themselves, not a copy: large results
		// stay at 4 bytes a pixel.
		DirectColorModel model = new DirectColorModel(24, 0xff0000, 0xff00, 0xff);
		WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(rgb,
			rgb.length), width, height, width, model.getMasks(), null);
		BufferedImage image = new BufferedImage(model, raster, false, null);
		// Straight to the file: ImageIO on an OutputStream caches in a temporary
		// file and adds a shutdown hook for it, which fails when the result is
		// written during a shutdown (SIGTERM).
		try (ImageOutputStream stream = new FileImageOutputStream(file.toFile())) {
			if (format.equals("png")) {
				if (!ImageIO.write(image, "png", stream)) throw new IOException(
					"No PNG writer in this Java");
				return;
			}
			ImageWriter jpeg = ImageIO.getImageWritersByFormatName("jpeg").next();
			try {
				jpeg.setOutput(stream);
				ImageWriteParam param = jpeg.getDefaultWriteParam();
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				// ImageJ's JPEG quality setting, 85 unless the user changed it, as
				// FileSaver would use.
				param.setCompressionQuality(FileSaver.getJpegQuality() / 100f);
				jpeg.write(null, new IIOImage(image, null, null), param);
			}
			finally {
				jpeg.dispose();
			}
		}
	}

	static int[] packed(RgbImage img) {
		return RgbPixels.pack(img);
	}

	/**
	 * Writes the slices as one TIFF stack, each slice labelled, appearing only
	 * once complete.
	 */
	static void writeStack(List<RgbImage> slices, List<String> labels, Path file,
		boolean overwrite) throws IOException
	{
		RgbImage first = slices.get(0);
		try (TiffStackWriter stack = new TiffStackWriter(file.toAbsolutePath(),
			first.width(), first.height()))
		{
			for (int i = 0; i < slices.size(); i++)
				stack.append(packed(slices.get(i)), labels.get(i));
			stack.publish(overwrite);
		}
	}
}
