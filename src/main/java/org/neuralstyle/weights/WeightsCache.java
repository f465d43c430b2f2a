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

package org.neuralstyle.weights;

import org.neuralstyle.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Optional;
import org.neuralstyle.checkpoint.CheckpointException;

/**
 * The folder where downloaded and imported model files live, shared by Fiji,
 * macros and the command line so a 548 MB file is fetched once. Chosen by the
 * system property {@value #DIRECTORY_PROPERTY}, else the environment variable
 * {@value #DIRECTORY_ENV}, else {@code ~/.cache/neural-style}. Files enter it
 * only complete and verified.
 */
public final class WeightsCache {

	public static final String DIRECTORY_PROPERTY = "neuralstyle.cache";
	public static final String DIRECTORY_ENV = "NEURAL_STYLE_CACHE";

	private final Path directory;

	public WeightsCache(Path directory) {
		this.directory = directory.toAbsolutePath();
	}

	/** The cache in the folder the property, environment or default name. */
	public static WeightsCache standard() {
		return new WeightsCache(defaultDirectory(System.getProperty(
			DIRECTORY_PROPERTY), System.getenv(DIRECTORY_ENV), System.getProperty(
				"user.home")));
	}

	static Path defaultDirectory(String property, String environment,
		String home)
	{
		if (property != null && !property.isBlank()) return Path.of(property);
		if (environment != null && !environment.isBlank()) return Path.of(
			environment);
		return Path.of(home, ".cache", "neural-style");
	}

	public Path directory() {
		return directory;
	}

	/** Where the model's file is (or would be) in the cache. */
	public Path pathFor(KnownModel model) {
		return directory.resolve(model.fileName());
	}

	/**
	 * The cached file of a model, if present and of the right size (when the size
	 * is known). The checksum was verified when the file entered the cache, so it
	 * is not recomputed here.
	 */
	public Optional<Path> find(KnownModel model) throws IOException {
		Path file = pathFor(model);
		if (!Files.isRegularFile(file)) return Optional.empty();
		return !model.sizeKnown() || Files.size(file) == model.size() ? Optional.of(
			file) : Optional.empty();
	}

	/**
	 * Checks that a file is the model (size and checksum) and copies it into the
	 * cache, replacing any earlier copy only once the new one is complete.
	 * Returns the cached file.
	 */
	public Path importFile(Path file, KnownModel model) throws IOException {
		if (!Files.isRegularFile(file)) throw new CheckpointException(file +
			" does not exist or is not a file. Check the path.");
		String advice =
			" Nothing was copied into the cache; get the file again from " + model
				.url() + ".";
		Path target = pathFor(model);
		if (Files.exists(target) && Files.isSameFile(file, target)) {
			checkContent(model, Files.size(file), Sha256.of(file), file.toString(),
				advice);
			return target;
		}
		AtomicFiles.write(target, temporary -> {
			MessageDigest digest = Sha256.newDigest();
			long bytes;
			try (InputStream in = new DigestInputStream(Files.newInputStream(file),
				digest); OutputStream out = Files.newOutputStream(temporary))
			{
				bytes = in.transferTo(out);
			}
			checkContent(model, bytes, Sha256.hex(digest), file.toString(), advice);
		});
		return target;
	}

	/**
	 * Throws unless {@code bytes} and {@code sha256} are the model's;
	 * {@code source} names the data for the message.
	 */
	static void checkContent(KnownModel model, long bytes, String sha256,
		String source, String advice) throws CheckpointException
	{
		if (model.sizeKnown() && bytes != model.size())
			throw new CheckpointException(source + " has " + bytes + " bytes, but " +
				model + " has " + model.size() +
				": it is incomplete or a different file." + advice);
		if (!model.checksum().matches(sha256)) throw new CheckpointException(
			source + " has SHA-256 " + sha256 + ", but " + model + " has " + model
				.checksum() + ": it is damaged or a different file." + advice);
	}
}
