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

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.fast.FastModels;
import org.neuralstyle.net.LossNetworks;
import org.neuralstyle.weights.KnownModel;
import org.neuralstyle.weights.ModelKind;
import org.neuralstyle.weights.ModelRegistry;
import org.neuralstyle.weights.PretrainedWeights;
import org.neuralstyle.weights.Verification;
import org.neuralstyle.weights.WeightsCache;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weights}: the known models, the cache, verified downloads and imports.
 * A fast-model archive has no published checksum, so its content is what is
 * checked: every published style in it must unpack as a transformation network
 * ({@link FastModels#check}). That check lives here, not in {@code weights},
 * which must not depend on {@code fast}.
 */
@Command(name = "weights", mixinStandardHelpOptions = true,
	description = "Manage pretrained weights.", subcommands = {
		WeightsCommand.ListModels.class, WeightsCommand.Fetch.class,
		WeightsCommand.Import.class, WeightsCommand.Verify.class })
final class WeightsCommand {

	@Command(name = "list", mixinStandardHelpOptions = true,
		description = "The known models and whether each is in the cache.")
	static final class ListModels implements Callable<Integer> {

		@Override
		public Integer call() throws Exception {
			WeightsCache cache = WeightsCache.standard();
			System.out.println("cache: " + cache.directory());
			List<KnownModel> models = ModelRegistry.standard().models();
			int width = models.stream().mapToInt(m -> m.id().length()).max().orElse(
				0);
			for (KnownModel m : models) {
				Optional<Path> file = cache.find(m);
				System.out.printf("%-" + width + "s %-8s %s%n%s %s%n", m.id(), file
					.isPresent() ? "cached" : "missing", m.title(), " ".repeat(width),
					file.map(Path::toString).orElse(m.url().toString()));
			}
			return ExitCodes.OK;
		}
	}

	@Command(name = "fetch", mixinStandardHelpOptions = true,
		description = "Download a model into the cache, verifying its checksum.")
	static final class Fetch implements Callable<Integer> {

		@Parameters(paramLabel = "NAME",
			description = "vgg19, vgg16, ... (see 'weights list').")
		String name;

		@Override
		public Integer call() throws Exception {
			KnownModel model = ModelRegistry.standard().get(name);
			Path file = PretrainedWeights.standard(PretrainedWeights.Consent.ALWAYS,
				new ConsoleProgress(model.fileName(), System.err)).obtain(model);
			if (model.kind() == ModelKind.FAST_MODEL_ARCHIVE) {
				try {
					FastModels.check(file);
				}
				catch (CheckpointException e) {
					throw new CheckpointException(e.getMessage() + " Delete " + file +
						" first, so that it is downloaded anew.", e);
				}
			}
			System.out.println(file);
			return ExitCodes.OK;
		}
	}

	@Command(name = "import", mixinStandardHelpOptions = true,
		description = "Verify a file obtained elsewhere (e.g. copied from another machine) and copy it into the cache.")
	static final class Import implements Callable<Integer> {

		@Parameters(paramLabel = "FILE")
		Path file;

		@Option(names = "--as", paramLabel = "NAME",
			description = "The model the file is (default: recognised by its SHA-256).")
		String name;

		@Override
		public Integer call() throws Exception {
			ModelRegistry registry = ModelRegistry.standard();
			KnownModel model;
			if (name != null) model = registry.get(name);
			else {
				Verification v = Verification.of(file, registry);
				model = v.model().orElseThrow(() -> new IllegalArgumentException(v
					.summary() +
					". Name the model with --as NAME if its checksum is not published."));
			}
			if (model.kind() == ModelKind.FAST_MODEL_ARCHIVE) FastModels.check(file);
			Path cached = WeightsCache.standard().importFile(file, model);
			System.out.println("Imported " + model.id() + " into " + cached);
			return ExitCodes.OK;
		}
	}

	@Command(name = "verify", mixinStandardHelpOptions = true,
		description = "Say which known model a file is, whether it opens as a checkpoint, and which loss network it holds.")
	static final class Verify implements Callable<Integer> {

		@Parameters(paramLabel = "FILE")
		Path file;

		@Override
		public Integer call() throws Exception {
			Verification v = Verification.of(file, ModelRegistry.standard());
			boolean archive = v.model().map(m -> m
				.kind() == ModelKind.FAST_MODEL_ARCHIVE).orElse(!v.usable() &&
					isPlainZip(file));
			if (!archive) {
				if (!v.usable() || v.format().isEmpty()) {
					System.out.println(v.summary());
					return v.usable() ? ExitCodes.OK : ExitCodes.ERROR;
				}
				// Which network it holds, and whether one can be built from it.
				try (StateDict sd = Checkpoints.open(file)) {
					Optional<String> network = LossNetworks.describe(sd);
					System.out.println(v.summary() + network.map(n -> " It holds " + n +
						".").orElse(""));
					return ExitCodes.OK;
				}
				catch (CheckpointException e) {
					System.out.println(new Verification(file, v.sha256(), v.model(),
						Optional.empty(), 0, e.getMessage()).summary());
					return ExitCodes.ERROR;
				}
			}
			String identity = v.model().map(m -> file + " is " + m).orElse(file +
				" matches no known model's checksum (SHA-256 " + v.sha256() + ")");
			try {
				List<String> styles = FastModels.check(file);
				System.out.println(identity + "; it is a valid " +
					ModelKind.FAST_MODEL_ARCHIVE + " holding the fast style models " +
					String.join(", ", styles) + ".");
				return ExitCodes.OK;
			}
			catch (CheckpointException e) {
				System.out.println(identity + ", and it cannot be used: " + e
					.getMessage());
				return ExitCodes.ERROR;
			}
		}

		/**
		 * A zip that is not a PyTorch checkpoint (which holds a {@code data.pkl}):
		 * possibly a fast-model archive.
		 */
		private static boolean isPlainZip(Path file) {
			try (ZipFile zip = new ZipFile(file.toFile())) {
				for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries
					.hasMoreElements();)
					if (entries.nextElement().getName().endsWith("data.pkl"))
						return false;
				return true;
			}
			catch (IOException e) {
				// not a zip, or one damaged beyond reading: Verification's problem
				// stands
				return false;
			}
		}
	}
}
