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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.CheckpointFormat;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.StateDict;

/**
 * What a file on disk is: which known model its SHA-256 identifies (if any),
 * and whether it opens as a checkpoint. Lets a user check a file they
 * downloaded by hand before using or importing it.
 */
public record Verification(Path file, String sha256, Optional<KnownModel> model,
		Optional<CheckpointFormat> format, int tensors, String problem) {

	/** Hashes and opens the file; throws only if it cannot be read at all. */
	public static Verification of(Path file, ModelRegistry registry)
		throws IOException
	{
		if (!Files.isRegularFile(file)) throw new CheckpointException(file +
			" does not exist or is not a file. Check the path.");
		String sha256 = Sha256.of(file);
		Optional<KnownModel> model = registry.identify(sha256);
		if (model.isPresent() && !model.get().kind().isCheckpoint())
			return new Verification(file, sha256, model, Optional.empty(), 0, null);
		try (StateDict sd = Checkpoints.open(file)) {
			return new Verification(file, sha256, model, Optional.of(Checkpoints
				.detect(file)), sd.names().size(), null);
		}
		catch (CheckpointException e) {
			return new Verification(file, sha256, model, Optional.empty(), 0, e
				.getMessage());
		}
	}

	/**
	 * Whether the file can be used: a checkpoint that opens, or a known
	 * non-checkpoint model file.
	 */
	public boolean usable() {
		return problem == null;
	}

	/** One line for a user. */
	public String summary() {
		String identity = model.map(m -> file + " is " + m + " (" + m.checksum() +
			" verified)").orElse(file + " matches no known model (SHA-256 " + sha256 +
				")");
		if (problem != null) return identity + ", but it cannot be used: " +
			problem;
		return format.map(f -> identity + "; it opens as a " + f +
			" checkpoint with " + tensors + " tensors.").orElse(identity + ".");
	}
}
