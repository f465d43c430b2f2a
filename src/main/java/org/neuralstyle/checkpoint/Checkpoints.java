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

package org.neuralstyle.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens checkpoint files of any supported format. The format is told by
 * content, not by file name: PyTorch writes both of its formats as
 * {@code .pth}/{@code .pt}, and users rename files.
 */
public final class Checkpoints {

	private Checkpoints() {}

	/**
	 * Opens a state dict, reading only its index. Throws
	 * {@link CheckpointException} naming the file if it is missing, not a
	 * checkpoint, truncated, or refused as unsafe.
	 */
	public static StateDict open(Path file) throws IOException {
		return switch (detect(file)) {
			case PYTORCH_LEGACY -> LegacyCheckpoint.open(file);
			case PYTORCH_ZIP -> ZipCheckpoint.open(file);
			case SAFETENSORS -> SafetensorsFile.open(file);
			case KERAS_HDF5 -> KerasWeights.open(file);
		};
	}

	/**
	 * The format of a file, from its first bytes; throws if it is none of them.
	 */
	public static CheckpointFormat detect(Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new CheckpointException(
			"Checkpoint file " + file + " does not exist" + (Files.isDirectory(file)
				? " (it is a folder)" : "") + ". Check the path or pass another file.");
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(9);
		}
		catch (NoSuchFileException e) {
			throw new CheckpointException("Checkpoint file " + file +
				" does not exist. Check the path.", e);
		}
		if (head.length >= 8 && java.util.Arrays.equals(head, 0, 8,
			KerasWeights.SIGNATURE, 0, 8)) return CheckpointFormat.KERAS_HDF5;
		if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 &&
			head[3] == 4) return CheckpointFormat.PYTORCH_ZIP;
		// A pickle of protocol 2 to 5 starts with PROTO n; legacy files begin with
		// the pickled magic number, which the legacy reader checks.
		if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 &&
			head[1] <= 5) return CheckpointFormat.PYTORCH_LEGACY;
		if (head.length == 9 && head[8] == '{') {
			long headerLength = ByteBuffer.wrap(head, 0, 8).order(
				ByteOrder.LITTLE_ENDIAN).getLong();
			if (headerLength > 0 && headerLength <= Files.size(file) - 8)
				return CheckpointFormat.SAFETENSORS;
			throw damaged(file, "its safetensors header is cut off", null);
		}
		throw damaged(file, head.length == 0 ? "it is empty" : "unknown content",
			null);
	}

	/** The one message for files that cannot be read as a checkpoint at all. */
	static CheckpointException damaged(Path file, String detail,
		Throwable cause)
	{
		return new CheckpointException(file +
			" is truncated or is not a PyTorch or safetensors checkpoint, nor Keras weights (" +
			detail + "). Re-download it or pass another file.", cause);
	}

	/** How a reader makes a checkpoint from the file it opened. */
	interface Reader<R, T> {

		T read(Path file, R resource) throws IOException;
	}

	/**
	 * The checkpoint {@code reader} makes from {@code resource}, opened on
	 * {@code file}; closed again when reading fails, since no one else holds it
	 * then (a Windows file stays locked).
	 */
	static <R extends Closeable, T> T readOrClose(Path file, R resource,
		Reader<R, T> reader) throws IOException
	{
		try {
			return reader.read(file, resource);
		}
		catch (IOException | RuntimeException e) {
			resource.close();
			throw e;
		}
	}
}
