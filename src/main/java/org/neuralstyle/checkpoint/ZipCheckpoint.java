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

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * PyTorch's serialization since 1.6: a zip archive holding
 * {@code <archive>/data.pkl} (the state dict, storages referenced by key) and
 * one uncompressed entry {@code <archive>/data/<key>} per storage. The archive
 * folder is named after the file it was first saved as, so it is found, not
 * assumed. Reading a tensor opens only its storage's entry and skips to the
 * tensor's bytes.
 */
final class ZipCheckpoint extends PickledStateDict {

	private final ZipFile zip;
	private final String prefix;

	private ZipCheckpoint(Path file, Map<String, StoredTensor> tensors,
		ZipFile zip, String prefix)
	{
		super(file, tensors);
		this.zip = zip;
		this.prefix = prefix;
	}

	static ZipCheckpoint open(Path file) throws IOException {
		ZipFile zip;
		try {
			zip = new ZipFile(file.toFile());
		}
		catch (ZipException e) {
			throw Checkpoints.damaged(file, "its zip directory is missing or damaged",
				e);
		}
		return Checkpoints.readOrClose(file, zip, ZipCheckpoint::read);
	}

	private static ZipCheckpoint read(Path file, ZipFile zip) throws IOException {
		String prefix = null;
		for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries
			.hasMoreElements() && prefix == null;)
		{
			String name = entries.nextElement().getName();
			if (name.endsWith("data.pkl") && name.indexOf('/') == name.length() -
				"/data.pkl".length()) prefix = name.substring(0, name.length() -
					"data.pkl".length());
		}
		if (prefix == null) throw Checkpoints.damaged(file,
			"a zip file without data.pkl", null);
		ZipEntry byteOrder = zip.getEntry(prefix + "byteorder");
		if (byteOrder != null && new String(zip.getInputStream(byteOrder)
			.readAllBytes(), StandardCharsets.US_ASCII).equals("big"))
			throw new CheckpointException(file +
				" was saved on a big-endian machine, which is not supported. " +
				"Load it in PyTorch and save it again on a PC.");

		RestrictedUnpickler.Result pickle;
		ZipEntry index = zip.getEntry(prefix + "data.pkl");
		try (InputStream in = new BufferedInputStream(zip.getInputStream(index))) {
			pickle = RestrictedUnpickler.load(in, file, index.getSize());
		}
		Map<String, StoredTensor> tensors = tensorsOf(file, pickle);
		for (StorageRef storage : pickle.storages().values()) {
			ZipEntry entry = zip.getEntry(prefix + "data/" + storage.key());
			if (entry == null || entry.getSize() < Math.multiplyExact(storage.numel(),
				storage.dtype().size)) throw Checkpoints.damaged(file,
					"a tensor's storage is missing or too short", null);
		}
		return new ZipCheckpoint(file, tensors, zip, prefix);
	}

	@Override
	ByteBuffer readStorage(String key, long byteOffset, int byteCount)
		throws IOException
	{
		// Entries are stored uncompressed, so skipping moves a position instead of
		// reading.
		try (InputStream in = zip.getInputStream(zip.getEntry(prefix + "data/" +
			key)))
		{
			in.skipNBytes(byteOffset);
			byte[] bytes = in.readNBytes(byteCount);
			if (bytes.length < byteCount) throw Checkpoints.damaged(file,
				"a storage ends early", null);
			return ByteBuffer.wrap(bytes);
		}
		catch (EOFException | ZipException e) {
			throw Checkpoints.damaged(file, "a storage cannot be read", e);
		}
	}

	@Override
	public void close() throws IOException {
		zip.close();
	}
}
