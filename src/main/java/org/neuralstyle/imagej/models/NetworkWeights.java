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

import java.nio.file.Path;

import org.neuralstyle.checkpoint.Checkpoints;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.CancellationException;

import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.imagej.ij1.Gui;
import org.neuralstyle.weights.DownloadProgress;
import org.neuralstyle.weights.KnownModel;
import org.neuralstyle.weights.PretrainedWeights;
import org.neuralstyle.weights.WeightsUnavailableException;

/**
 * The loss network's weights for a Fiji command, by the engine's one rule
 * ({@link PretrainedWeights}): the file the user chose, else the cached model,
 * else — only when a person agrees — a verified download into the cache.
 * Without someone to ask (headless, batch mode, a running macro) a missing
 * model is one error that says, in Fiji's terms, how to supply it, rather than
 * a 548 MB download nobody asked for.
 */
public final class NetworkWeights {

	/**
	 * The command parameter that takes a weights file, which the advice names.
	 */
	static final String FILE_KEY = "weights";

	private final String menuCommand;
	private final PretrainedWeights weights;

	/** @param menuCommand the command's menu label, which the advice names */
	public NetworkWeights(String menuCommand, PretrainedWeights weights) {
		this.menuCommand = menuCommand;
		this.weights = weights;
	}

	/**
	 * The standard models and cache, with the download offer when a person can be
	 * asked.
	 */
	public static NetworkWeights standard(String menuCommand) throws IOException {
		DownloadOffer offer = Gui.canAsk() ? new DownloadOffer(menuCommand,
			FILE_KEY) : null;
		return new NetworkWeights(menuCommand, PretrainedWeights.standard(offer,
			offer == null ? DownloadProgress.NONE : offer));
	}

	/**
	 * Opens {@code file} if given, else the model named {@code network}.
	 *
	 * @throws CancellationException when the person asked declined the download
	 *           (nothing to report)
	 * @throws IOException with a message for the user when the file is unusable
	 *           or the model missing
	 */
	public StateDict open(String network, File file) throws IOException {
		return Checkpoints.open(file(network, file));
	}

	/**
	 * The file {@link #open} opens: {@code file} if given, else the cached (or
	 * downloaded) file of {@code network}.
	 */
	public Path file(String network, File file) throws IOException {
		try {
			return weights.vggFile(network, file == null ? null : file.toPath());
		}
		catch (WeightsUnavailableException e) {
			throw new IOException(e.getMessage() + " " + advice(e, menuCommand,
				"give it as " + FILE_KEY + "=[/path/to/" + e.model().fileName() +
					"] (or copy it into " + e.cacheFolder() + ")"), e);
		}
	}

	/**
	 * What to do about a missing model in Fiji: run the command from the menu
	 * (where a person is asked about the download), or download it elsewhere and
	 * give it to the command.
	 *
	 * @param then what to do with the file, e.g. "give it as
	 *          weights=[/path/to/vgg19-dcbb9e9d.pth]"
	 */
	static String advice(WeightsUnavailableException e, String menuCommand,
		String then)
	{
		KnownModel model = e.model();
		if (e.reason() == WeightsUnavailableException.Reason.DOWNLOAD_FAILED)
			return "Download " + model.fileName() +
				" on a computer with internet access, then " + then + ".";
		return "Run Plugins > Style Transfer > " + menuCommand +
			" once from the menu to download them, or download " + model.url() +
			" yourself and " + then + ".";
	}
}
