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
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.StateDict;

/**
 * Where a run's pretrained files come from, the one rule both front ends
 * follow: the file the user names, else the cached copy of the model, else a
 * verified download into the cache, if the {@link Consent} allows it. The
 * command line downloads unasked (the user typed the command); Fiji asks a
 * person first and, when nobody can be asked (headless, batch mode, a macro),
 * does not download at all.
 */
public final class PretrainedWeights {

	/** Decides whether a model that is not on this computer may be downloaded. */
	@FunctionalInterface
	public interface Consent {

		/** Downloads without asking. */
		Consent ALWAYS = (model, cacheFolder) -> true;

		/**
		 * @return whether to download; {@code false} cancels the run
		 *         ({@link CancellationException}), since someone chose not to
		 */
		boolean allowDownload(KnownModel model, Path cacheFolder);
	}

	private final ModelRegistry registry;
	private final WeightsCache cache;
	private final Consent consent;
	private final DownloadProgress progress;

	/**
	 * @param consent who decides about downloads, or null when nobody can be
	 *          asked: then a model missing from the cache is a
	 *          {@link WeightsUnavailableException}
	 * @param progress told how far a download has come
	 */
	public PretrainedWeights(ModelRegistry registry, WeightsCache cache,
		Consent consent, DownloadProgress progress)
	{
		this.registry = registry;
		this.cache = cache;
		this.consent = consent;
		this.progress = progress;
	}

	/** The standard registry and cache. */
	public static PretrainedWeights standard(Consent consent,
		DownloadProgress progress) throws IOException
	{
		return new PretrainedWeights(ModelRegistry.standard(), WeightsCache
			.standard(), consent, progress);
	}

	public WeightsCache cache() {
		return cache;
	}

	/**
	 * A loss network: {@code file} if given, else the model called
	 * {@code network} (vgg19, vgg16, keras-vgg16, squeezenet1_1) from the cache
	 * or downloaded.
	 *
	 * @throws WeightsUnavailableException when the model is missing and was not
	 *           downloaded
	 * @throws CancellationException when the person asked declined the download
	 */
	public StateDict vgg(String network, Path file) throws IOException {
		return Checkpoints.open(vggFile(network, file));
	}

	/**
	 * The file {@link #vgg} opens: {@code file} if given, else the cached (or
	 * downloaded) file of {@code network}.
	 */
	public Path vggFile(String network, Path file) throws IOException {
		if (file != null) return file;
		KnownModel model = registry.get(network.toLowerCase(Locale.ROOT));
		if (!model.kind().isLossNetwork()) throw new IllegalArgumentException(
			network + " is not a loss network: use one of " + registry.models()
				.stream().filter(m -> m.kind().isLossNetwork()).map(KnownModel::id)
				.collect(java.util.stream.Collectors.joining(", ")) + ".");
		return obtain(model);
	}

	/**
	 * The cached file of {@code model}; when it is not there, downloaded
	 * (verified) if the consent allows. A file already in the cache is used
	 * without asking.
	 *
	 * @throws WeightsUnavailableException when it is missing and was not
	 *           downloaded
	 * @throws CancellationException when the person asked declined the download
	 */
	public Path obtain(KnownModel model) throws IOException {
		Optional<Path> cached = cache.find(model);
		if (cached.isPresent()) return cached.get();
		if (consent == null) throw WeightsUnavailableException.notDownloaded(model,
			cache.directory());
		if (!consent.allowDownload(model, cache.directory()))
			throw new CancellationException("Download declined");
		return new Downloader(cache).obtain(model, progress);
	}
}
