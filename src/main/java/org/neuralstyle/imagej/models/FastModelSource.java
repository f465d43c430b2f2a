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

package org.neuralstyle.imagej.models;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.neuralstyle.fast.FastModelLibrary;
import org.neuralstyle.fast.FastModels;
import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.weights.DownloadProgress;
import org.neuralstyle.weights.PretrainedWeights;
import org.neuralstyle.weights.WeightsUnavailableException;
import org.neuralstyle.imagej.ij1.Gui;

/**
 * The fast style model file for a Fiji command: the file the user chose, else
 * the model of that name in the library, else — for a published style — the
 * pytorch/examples archive from the cache, or downloaded only when a person
 * agrees ({@link PretrainedWeights}), and unpacked. Without someone to ask
 * (headless, batch mode, a running macro) a missing published model is one
 * error that says how to supply it.
 */
public final class FastModelSource {

	/** The parameter that takes a model file, which the advice names. */
	static final String FILE_KEY = "model_file";

	private final String menuCommand;
	private final FastModelLibrary library;
	private final PretrainedWeights weights;

	/** @param menuCommand the command's menu label, which the advice names */
	public FastModelSource(String menuCommand, FastModelLibrary library,
		PretrainedWeights weights)
	{
		this.menuCommand = menuCommand;
		this.library = library;
		this.weights = weights;
	}

	/**
	 * The standard library and cache, with the download offer when a person can
	 * be asked.
	 */
	public static FastModelSource standard(String menuCommand)
		throws IOException
	{
		DownloadOffer offer = Gui.canAsk() ? new DownloadOffer(menuCommand,
			FILE_KEY) : null;
		return new FastModelSource(menuCommand, FastModelLibrary.standard(),
			PretrainedWeights.standard(offer, offer == null ? DownloadProgress.NONE
				: offer));
	}

	/**
	 * The file of the model: {@code file} if given, else the model called
	 * {@code name} (a file path is accepted there too).
	 *
	 * @throws CancellationException when the person asked declined the download
	 *           (nothing to report)
	 * @throws IOException with a message for the user when the file or the model
	 *           is missing
	 */
	public Path find(String name, File file) throws IOException {
		if (file != null) {
			if (!file.isFile()) throw new CheckpointException("The model file " +
				file + " does not exist. Check '" + FILE_KEY + "'.");
			return file.toPath();
		}
		String wanted = name == null ? "" : name.trim();
		if (wanted.isEmpty()) throw new IllegalArgumentException(
			"Choose a model: " + choices() + ".");
		if (FastModelLibrary.isFileName(wanted)) return library.resolve(wanted);
		Optional<FastModelLibrary.Model> present = library.find(wanted);
		if (present.isPresent()) return present.get().file();
		String style = wanted.toLowerCase(Locale.ROOT);
		if (!FastModels.STYLES.contains(style)) throw new IllegalArgumentException(
			"There is no fast model called '" + wanted + "'. Use one of " +
				choices() + ", or give a model file as '" + FILE_KEY + "'.");
		return published(style);
	}

	/**
	 * A published style not unpacked yet: from the cached archive, or downloaded
	 * with consent.
	 */
	private Path published(String style) throws IOException {
		try {
			return library.obtain(style, weights);
		}
		catch (WeightsUnavailableException e) {
			String file = FastModels.fileName(style);
			String what = e
				.reason() == WeightsUnavailableException.Reason.NOT_DOWNLOADED
					? "The fast model " + style + " is not on this computer (looked in " +
						library.directory() + ")." : e.getMessage();
			throw new IOException(what + " " + NetworkWeights.advice(e, menuCommand,
				"copy it into " + e.cacheFolder() + " (or unpack " + file +
					" from it and give it as " + FILE_KEY + "=[/path/to/" + file + "])"),
				e);
		}
	}

	/**
	 * "candy, mosaic, rain_princess, udnie (published), starry (trained here)".
	 */
	String choices() throws IOException {
		List<String> trained = new ArrayList<>();
		for (FastModelLibrary.Model m : library.models())
			if (!m.published()) trained.add(m.name());
		String published = String.join(", ", FastModels.STYLES) + " (published)";
		return trained.isEmpty() ? published : published + ", " + String.join(", ",
			trained) + " (trained here)";
	}
}
