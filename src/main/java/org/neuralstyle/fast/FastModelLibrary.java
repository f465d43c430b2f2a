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

package org.neuralstyle.fast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.weights.ModelRegistry;
import org.neuralstyle.weights.PretrainedWeights;
import org.neuralstyle.weights.WeightsCache;

/**
 * The fast style models on this computer, by name: one folder in the weights
 * cache ({@code <cache>/fast-models}) holds the published models once unpacked
 * ({@code candy.pth}, …, see {@link FastModels}) and every model trained here
 * ({@code <name>.safetensors}), so a model is offered by the fast command as
 * soon as its training has saved it.
 */
public final class FastModelLibrary {

	/** The folder's name inside the weights cache. */
	public static final String FOLDER = "fast-models";

	private static final String TRAINED_SUFFIX = ".safetensors";
	private static final Pattern NAME = Pattern.compile(
		"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

	/**
	 * One model: its name, its file, and whether it is one of pytorch/examples'
	 * published styles.
	 */
	public record Model(String name, Path file, boolean published) {
	}

	private final Path directory;

	public FastModelLibrary(Path directory) {
		this.directory = directory.toAbsolutePath();
	}

	/** The library in the standard weights cache. */
	public static FastModelLibrary standard() {
		return new FastModelLibrary(WeightsCache.standard().directory().resolve(
			FOLDER));
	}

	public Path directory() {
		return directory;
	}

	/**
	 * The models present: the published ones in their usual order, then the
	 * trained ones by name.
	 */
	public List<Model> models() throws IOException {
		List<Model> models = new ArrayList<>();
		for (String style : FastModels.STYLES) {
			Path file = directory.resolve(FastModels.fileName(style));
			if (Files.isRegularFile(file)) models.add(new Model(style, file, true));
		}
		if (!Files.isDirectory(directory)) return models;
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.sorted().toList()) {
				String fileName = file.getFileName().toString();
				if (!fileName.endsWith(TRAINED_SUFFIX) || !Files.isRegularFile(file))
					continue;
				String name = fileName.substring(0, fileName.length() - TRAINED_SUFFIX
					.length());
				// A half-written file (AtomicFiles' ".name.part") or a published name
				// is not a model to offer.
				if (!NAME.matcher(name).matches() || FastModels.STYLES.contains(name))
					continue;
				models.add(new Model(name, file, false));
			}
		}
		return models;
	}

	/** The names of {@link #models()}. */
	public List<String> names() throws IOException {
		return models().stream().map(Model::name).toList();
	}

	public Optional<Model> find(String name) throws IOException {
		return models().stream().filter(m -> m.name().equals(name)).findFirst();
	}

	/**
	 * Where a model trained under {@code name} is saved.
	 *
	 * @throws IllegalArgumentException if the name cannot be a file name
	 *           everywhere, or is a published model's
	 */
	public Path pathFor(String name) {
		if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("'" +
			name + "' cannot name a model: use up to 100" +
			" letters, digits, '_', '-' and '.', starting with a letter or digit (e.g. starry_night).");
		if (FastModels.STYLES.contains(name.toLowerCase(Locale.ROOT)))
			throw new IllegalArgumentException("'" + name +
				"' is the name of a published model: choose another name for your own.");
		String file = name.endsWith(TRAINED_SUFFIX) ? name : name + TRAINED_SUFFIX;
		return directory.resolve(file);
	}

	/**
	 * The model file a user means: a path to a file, or the name of a model of
	 * this library.
	 *
	 * @throws CheckpointException if it is neither, naming the models there are
	 */
	public Path resolve(String nameOrFile) throws IOException {
		if (isFileName(nameOrFile)) {
			Path file = Path.of(nameOrFile);
			if (!Files.isRegularFile(file)) throw new CheckpointException(
				"The model file " + file + " does not exist.");
			return file;
		}
		Optional<Model> model = find(nameOrFile);
		if (model.isPresent()) return model.get().file();
		List<String> names = names();
		throw new CheckpointException("No fast model named '" + nameOrFile +
			"' in " + directory + ". " + (names.isEmpty()
				? "There is none yet: unpack the published models or train one."
				: "Available: " + String.join(", ", names) + "."));
	}

	/**
	 * Like {@link #resolve}, but a published style that is not here yet is
	 * fetched first: the pytorch/examples archive is taken from the weights
	 * cache, or downloaded there as {@code source}'s consent allows, and
	 * unpacked, every model checked.
	 */
	public Path obtain(String nameOrFile, PretrainedWeights source)
		throws IOException
	{
		String style = nameOrFile.toLowerCase(Locale.ROOT);
		if (!isFileName(nameOrFile) && FastModels.STYLES.contains(style) && find(
			style).isEmpty())
		{
			installPublished(source.obtain(ModelRegistry.FAST_MODELS));
		}
		return resolve(nameOrFile);
	}

	/**
	 * Whether a name given for a model is meant as a file: it has a folder or a
	 * model file ending.
	 */
	public static boolean isFileName(String nameOrFile) {
		String lower = nameOrFile.toLowerCase(Locale.ROOT);
		return nameOrFile.contains("/") || nameOrFile.contains("\\") || lower
			.endsWith(".pth") || lower.endsWith(".pt") || lower.endsWith(
				TRAINED_SUFFIX);
	}

	/**
	 * Unpacks pytorch/examples' {@code saved_models.zip} into this library (see
	 * {@link FastModels#extract}).
	 */
	public Map<String, Path> installPublished(Path archive) throws IOException {
		return FastModels.extract(archive, directory);
	}
}
