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

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.neuralstyle.io.AtomicFiles;

/**
 * An RGB TIFF stack that grows one slice at a time, in the layout ImageJ writes
 * (slices contiguous after the header, one IFD whose description says
 * {@code images=N}, slice labels in ImageJ's metadata tags), so ImageJ opens it
 * as a labelled stack and other readers see the first slice. ImageJ's own
 * {@code TiffEncoder} writes a whole stack from memory and cannot append, which
 * meant rewriting the whole file and holding every slice in the heap at each
 * snapshot.
 * <p>
 * Each append costs one slice plus the IFD, and a crash at any moment leaves a
 * readable file: the IFD always sits at least one slice past the end of the
 * pixel data, so the next slice is written where nothing refers to it, the new
 * IFD after that, and only then does the 4-byte pointer in the header switch to
 * the new IFD. The slack is given back on {@link #close}.
 */
final class TiffStackWriter implements Closeable {

	private static final long MAX_OFFSET = 0xffffffffL;
	private static final int HEADER = 8;

	private final Path target;
	private final Path temporary;
	private final FileChannel channel;
	private final int width;
	private final int height;
	private final long sliceBytes;
	private final List<String> labels = new ArrayList<>();
	private long dataEnd = HEADER;
	private long ifd;
	private int ifdLength;
	private boolean published;

	/**
	 * Starts the stack in a temporary file beside {@code target}; nothing appears
	 * at {@code target} before {@link #publish}.
	 */
	TiffStackWriter(Path target, int width, int height) throws IOException {
		this.target = target;
		this.width = width;
		this.height = height;
		this.sliceBytes = 3L * width * height;
		this.temporary = AtomicFiles.temporaryFor(target);
		this.channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
			StandardOpenOption.WRITE, StandardOpenOption.READ);
		ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.BIG_ENDIAN);
		header.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(0)
			.flip();
		writeFully(header, 0);
	}

	int slices() {
		return labels.size();
	}

	/** Appends a slice of packed RGB pixels ({@code 0xRRGGBB}) with its label. */
	void append(int[] rgb, String label) throws IOException {
		if (rgb.length != width * height) throw new IllegalArgumentException(
			"A slice of " + rgb.length + " pixels in a " + width + "×" + height +
				" stack");
		if (dataEnd + 2 * sliceBytes > MAX_OFFSET) throw new IOException(
			"The stack " + target +
				" has reached the 4 GB a TIFF file can address; no more slices are written to it");
		writeSlice(rgb, dataEnd);
		dataEnd += sliceBytes;
		labels.add(label);
		// Past the room for the next slice and past the IFD in use, which must stay
		// intact until the switch.
		long at = Math.max(dataEnd + sliceBytes, ifd == 0 ? 0 : ifd + ifdLength);
		ByteBuffer block = ifd(at);
		if (at + block.remaining() > MAX_OFFSET) throw new IOException(
			"The stack " + target +
				" has reached the 4 GB a TIFF file can address; no more slices are written to it");
		ifdLength = block.remaining();
		writeFully(block, at);
		pointHeaderAt(at);
		ifd = at;
	}

	/**
	 * Makes the stack visible under its name: only if no file is there
	 * ({@code overwrite} false), else replacing it. Appends after this go on into
	 * the published file.
	 *
	 * @throws java.nio.file.FileAlreadyExistsException if a file is there and
	 *           {@code overwrite} is false
	 */
	void publish(boolean overwrite) throws IOException {
		if (labels.isEmpty()) throw new IllegalStateException(
			"An empty stack is not a TIFF file");
		// Both keep the file's identity, so the open channel goes on writing into
		// the published file.
		if (overwrite) AtomicFiles.moveOver(temporary, target);
		else AtomicFiles.publishNew(temporary, target);
		published = true;
	}

	/**
	 * Gives back the room kept for a next slice, and deletes the file unless it
	 * was published.
	 */
	@Override
	public void close() throws IOException {
		try (channel) {
			if (!published) return;
			if (ifd > 0 && dataEnd + ifdLength <= ifd) {
				writeFully(ifd(dataEnd), dataEnd);
				pointHeaderAt(dataEnd);
				channel.truncate(dataEnd + ifdLength);
			}
		}
		finally {
			if (!published) Files.deleteIfExists(temporary);
		}
	}

	private void writeSlice(int[] rgb, long at) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(sliceBytes,
			3 << 16));
		long position = at;
		for (int pixel : rgb) {
			if (buffer.remaining() < 3) {
				buffer.flip();
				position += writeFully(buffer, position);
				buffer.clear();
			}
			buffer.put((byte) (pixel >> 16)).put((byte) (pixel >> 8)).put(
				(byte) pixel);
		}
		buffer.flip();
		writeFully(buffer, position);
	}

	private void pointHeaderAt(long offset) throws IOException {
		ByteBuffer pointer = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN)
			.putInt((int) offset).flip();
		writeFully(pointer, 4);
	}

	private int writeFully(ByteBuffer buffer, long position) throws IOException {
		int n = buffer.remaining();
		for (long p = position; buffer.hasRemaining();)
			p += channel.write(buffer, p);
		return n;
	}

	/**
	 * The IFD and the values it points to, laid out to be written at {@code at},
	 * for the slices so far.
	 */
	private ByteBuffer ifd(long at) {
		int n = labels.size();
		byte[] description = ("ImageJ=1.54p\nimages=" + n + "\nslices=" + n +
			"\nloop=false\n\0").getBytes(StandardCharsets.US_ASCII);
		// ImageJ's metadata: a header ("IJIJ", then type and count of each kind),
		// then each label in UTF-16.
		int metaHeader = 4 + 8;
		List<byte[]> labelBytes = new ArrayList<>();
		int metaBytes = metaHeader;
		for (String label : labels) {
			byte[] b = label.getBytes(StandardCharsets.UTF_16BE);
			labelBytes.add(b);
			metaBytes += b.length;
		}
		int entries = 13;
		int tableBytes = 2 + 12 * entries + 4;
		long bitsAt = at + tableBytes;
		long descriptionAt = bitsAt + 6;
		long countsAt = descriptionAt + description.length;
		long metaAt = countsAt + 4L * (n + 1);
		int total = (int) (metaAt + metaBytes - at);
		ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
		b.putShort((short) entries);
		entry(b, 254, 4, 1, 0);
		entry(b, 256, 4, 1, width);
		entry(b, 257, 4, 1, height);
		entry(b, 258, 3, 3, bitsAt);
		shortEntry(b, 259, 1);
		shortEntry(b, 262, 2);
		entry(b, 270, 2, description.length, descriptionAt);
		entry(b, 273, 4, 1, HEADER);
		shortEntry(b, 277, 3);
		entry(b, 278, 4, 1, height);
		entry(b, 279, 4, 1, sliceBytes);
		entry(b, 50838, 4, n + 1, countsAt);
		entry(b, 50839, 1, metaBytes, metaAt);
		b.putInt(0);
		b.putShort((short) 8).putShort((short) 8).putShort((short) 8);
		b.put(description);
		b.putInt(metaHeader);
		for (byte[] label : labelBytes)
			b.putInt(label.length);
		b.putInt(0x494a494a).putInt(0x6c61626c).putInt(n);
		for (byte[] label : labelBytes)
			b.put(label);
		return b.flip();
	}

	private static void entry(ByteBuffer b, int tag, int type, long count,
		long value)
	{
		b.putShort((short) tag).putShort((short) type).putInt((int) count).putInt(
			(int) value);
	}

	/** A single SHORT sits in the first two bytes of the value field. */
	private static void shortEntry(ByteBuffer b, int tag, int value) {
		b.putShort((short) tag).putShort((short) 3).putInt(1).putShort(
			(short) value).putShort((short) 0);
	}
}
