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

package org.neuralstyle.testing;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Image files a hostile user would give: valid by their format, ruinous to
 * decode or unusual to convert.
 */
public final class HostileImages {

	private HostileImages() {}

	/**
	 * A valid RGB PNG of {@code side}×{@code side} black pixels: its zeros
	 * compress about 1000 to 1, so 20000×20000 (1.2 GB decoded) is a 1.2 MB file.
	 */
	public static Path decompressionBomb(Path file, int side) throws IOException {
		try (OutputStream out = Files.newOutputStream(file);
				DataOutputStream png = new DataOutputStream(out))
		{
			png.write(new byte[] { (byte) 137, 'P', 'N', 'G', 13, 10, 26, 10 });
			ByteArrayOutputStream header = new ByteArrayOutputStream();
			DataOutputStream h = new DataOutputStream(header);
			h.writeInt(side);
			h.writeInt(side);
			// 8 bits per sample, RGB, deflate, no filter, no interlace.
			h.write(new byte[] { 8, 2, 0, 0, 0 });
			chunk(png, "IHDR", header.toByteArray());
			ByteArrayOutputStream pixels = new ByteArrayOutputStream();
			Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
			try (DeflaterOutputStream z = new DeflaterOutputStream(pixels, deflater,
				1 << 16))
			{
				// Each row: filter byte 0, then 3 bytes a pixel.
				byte[] row = new byte[1 + 3 * side];
				for (int y = 0; y < side; y++)
					z.write(row);
			}
			deflater.end();
			chunk(png, "IDAT", pixels.toByteArray());
			chunk(png, "IEND", new byte[0]);
		}
		return file;
	}

	private static void chunk(DataOutputStream png, String type, byte[] data)
		throws IOException
	{
		byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data);
		png.writeInt(data.length);
		png.write(name);
		png.write(data);
		png.writeInt((int) crc.getValue());
	}

	/**
	 * A JPEG with four components (CMYK), as print workflows write them; Java's
	 * decoders cannot convert it.
	 */
	public static Path cmykJpeg(Path file) throws IOException {
		WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE,
			32, 24, 4, null);
		for (int y = 0; y < 24; y++)
			for (int x = 0; x < 32; x++) {
				raster.setSample(x, y, 0, x * 8);
				raster.setSample(x, y, 1, y * 10);
				raster.setSample(x, y, 2, 100);
				raster.setSample(x, y, 3, 20);
			}
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(file
			.toFile()))
		{
			writer.setOutput(out);
			// A Raster, not a BufferedImage: the writer stores its four bands as they
			// are.
			writer.write(null, new IIOImage(raster, null, null), null);
		}
		finally {
			writer.dispose();
		}
		return file;
	}
}
