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

package org.neuralstyle.imagefile;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.TiffDecoder;
import ij.process.ImageProcessor;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Opens image files with ImageJ 1.x after reading only their headers. A file's
 * header can declare far more pixels than its bytes hold (a 1 MB PNG of
 * 20000×20000 pixels): decoding it first would end in an OutOfMemoryError after
 * a long wait, so the declared size is compared with the free Java heap before
 * any pixel is decoded. CMYK JPEGs, which Java's decoders cannot convert, are
 * named as such instead of failing inside the decoder.
 */
public final class ImageFileReader {

	/**
	 * Java heap per pixel of one plane beyond the decoded image itself: the
	 * decoder's own copy (a BufferedImage of up to 4 bytes), the RGB floats the
	 * engine works on (12) and the copies a conversion and a result need (16).
	 */
	static final long WORKING_BYTES_PER_PIXEL = 32;

	private ImageFileReader() {}

	/**
	 * What a file's header declares: the size of one plane, the number of planes
	 * and bytes per stored pixel.
	 */
	record Header(int width, int height, long planes, int bytesPerPixel,
			boolean cmyk) {

		long bytesNeeded() {
			long pixels = (long) width * height;
			return pixels * planes * bytesPerPixel + pixels * WORKING_BYTES_PER_PIXEL;
		}
	}

	/**
	 * The file as ImageJ opens it.
	 *
	 * @throws IOException with one message for the user when the file is missing,
	 *           cannot be read as an image, is a CMYK JPEG, or declares more
	 *           pixels than the Java heap can hold
	 */
	public static ImagePlus open(Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new IOException(
			"Image file not found: " + file);
		Header header = header(file);
		if (header != null) check(file, header, Runtime.getRuntime());
		ImagePlus imp = IJ.openImage(file.toString());
		if (imp == null || imp.getProcessor() == null) throw new IOException(
			"Cannot read " + file +
				" as an image: use a TIFF, PNG, JPEG, GIF or BMP file.");
		return imp;
	}

	/**
	 * Refuses a CMYK JPEG, and an image whose pixels would not fit in the heap of
	 * {@code runtime}.
	 */
	static void check(Path file, Header header, Runtime runtime)
		throws IOException
	{
		if (header.cmyk()) throw new IOException(file +
			" is a CMYK JPEG, which Java cannot decode: save it as an RGB " +
			"JPEG, PNG or TIFF first.");
		long needed = header.bytesNeeded();
		long free = free(runtime);
		if (needed > free) {
			// Garbage counts as used until a collection; one collection tells what is
			// really free.
			System.gc();
			free = free(runtime);
		}
		if (needed <= free) return;
		long perPixel = Math.max(1, needed / ((long) header.width() * header
			.height()));
		String planes = header.planes() > 1 ? " in " + header.planes() + " planes"
			: "";
		throw new IOException(String.format(Locale.ROOT,
			"%s is %d×%d pixels%s: reading it needs about %s of Java memory, " +
				"and %s is free, enough for about %s pixels. Use a smaller copy of the image, or give Java more memory " +
				"(java -Xmx; in Fiji, Edit > Options > Memory & Threads).", file, header
					.width(), header.height(), planes, bytes(needed), bytes(free),
			megapixels(free / perPixel)));
	}

	private static long free(Runtime runtime) {
		return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
	}

	private static String bytes(long n) {
		if (n >= 1L << 30) return String.format(Locale.ROOT, "%.1f GB", n /
			(double) (1L << 30));
		return String.format(Locale.ROOT, "%d MB", Math.max(1, n >> 20));
	}

	private static String megapixels(long pixels) {
		long side = (long) Math.sqrt((double) pixels);
		return String.format(Locale.ROOT, "%.1f million (%d×%d)", pixels / 1e6,
			side, side);
	}

	/**
	 * The header of a TIFF, JPEG or any format Java's ImageIO knows (PNG, GIF,
	 * BMP), or null for one it does not know, which ImageJ may still open (ZIP,
	 * DICOM, PGM...).
	 */
	static Header header(Path file) throws IOException {
		byte[] magic = new byte[4];
		int n;
		try (InputStream in = Files.newInputStream(file)) {
			n = in.readNBytes(magic, 0, 4);
		}
		if (n == 4 && (magic[0] == 'I' && magic[1] == 'I' && magic[2] == 42 &&
			magic[3] == 0 || magic[0] == 'M' && magic[1] == 'M' && magic[2] == 0 &&
				magic[3] == 42)) return tiffHeader(file);
		if (n >= 2 && (magic[0] & 0xff) == 0xff && (magic[1] & 0xff) == 0xd8)
			return jpegHeader(file);
		return imageIoHeader(file);
	}

	/**
	 * ImageJ's own TIFF decoder reads only the directories: every plane's size,
	 * without pixels.
	 */
	private static Header tiffHeader(Path file) {
		FileInfo[] info;
		try {
			Path dir = file.toAbsolutePath().getParent();
			info = new TiffDecoder(dir.toString() + java.io.File.separator, file
				.getFileName().toString()).getTiffInfo();
		}
		catch (IOException | RuntimeException unreadable) {
			// ImageJ will fail on it as well, with its own message.
			return null;
		}
		if (info == null || info.length == 0) return null;
		FileInfo first = info[0];
		long planes = info.length == 1 ? Math.max(1, first.nImages) : info.length;
		return new Header(first.width, first.height, planes, Math.max(1, first
			.getBytesPerPixel()), false);
	}

	/**
	 * The frame header (SOFn) of a JPEG: its size, and four components for CMYK
	 * or YCCK.
	 */
	private static Header jpegHeader(Path file) throws IOException {
		try (DataInputStream in = new DataInputStream(
			new java.io.BufferedInputStream(Files.newInputStream(file))))
		{
			in.readUnsignedShort();
			while (true) {
				int b = in.readUnsignedByte();
				if (b != 0xff) return null;
				int marker = in.readUnsignedByte();
				while (marker == 0xff)
					marker = in.readUnsignedByte();
				if (marker == 0xd8 || marker >= 0xd0 && marker <= 0xd7 ||
					marker == 0x01) continue;
				if (marker == 0xd9 || marker == 0xda) return null;
				int length = in.readUnsignedShort();
				boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 &&
					marker != 0xc8 && marker != 0xcc;
				if (frame) {
					in.readUnsignedByte();
					int height = in.readUnsignedShort(), width = in.readUnsignedShort(),
							components = in.readUnsignedByte();
					// ImageJ holds a JPEG as RGB (4 bytes a pixel) or, for a gray one,
					// 8-bit.
					return new Header(width, height, 1, components == 1 ? 1 : 4,
						components == 4);
				}
				in.skipNBytes(length - 2);
			}
		}
		catch (EOFException truncated) {
			return null;
		}
	}

	private static Header imageIoHeader(Path file) throws IOException {
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			if (in == null) return null;
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) return null;
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				// ImageJ holds what ImageIO decodes as RGB or 8-bit: 4 bytes a pixel at
				// most.
				return new Header(reader.getWidth(0), reader.getHeight(0), 1, 4, false);
			}
			catch (IOException | RuntimeException unreadable) {
				return null;
			}
			finally {
				reader.dispose();
			}
		}
	}

	/**
	 * Refuses a 16- or 32-bit plane whose display range cannot show it: an
	 * infinite bound (from one ±Inf pixel) or an empty range (a constant image)
	 * would turn every pixel into one colour, and the stylized result would be
	 * black.
	 *
	 * @param what the image as the message names it, e.g. its file
	 */
	public static void requireDisplayRange(ImageProcessor plane, String what)
		throws IOException
	{
		if (plane.getBitDepth() != 16 && plane.getBitDepth() != 32) return;
		double min = plane.getMin(), max = plane.getMax();
		if (Double.isFinite(min) && Double.isFinite(max) && max > min) return;
		String range = what + " is a " + plane.getBitDepth() +
			"-bit image whose display range is " + number(min) + " to " + number(max);
		if (Double.isFinite(min) && Double.isFinite(max)) throw new IOException(
			range + " (its ends are equal, as in a " +
				"constant image), so it would be stylized as one flat colour: if it is not constant, set a display range with " +
				"different ends (Image > Adjust > Brightness/Contrast > Set) and save it again.");
		throw new IOException(range +
			" (it holds an infinite value), so it would be stylized as one flat colour: replace " +
			"the infinite values (Process > Math > Set...) or set a finite display range (Image > Adjust > " +
			"Brightness/Contrast > Set), and save it again.");
	}

	private static String number(double v) {
		return Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e15 ? Long
			.toString((long) v) : Float.toString((float) v);
	}
}
