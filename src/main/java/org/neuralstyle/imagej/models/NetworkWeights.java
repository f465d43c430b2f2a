package org.neuralstyle.imagej.models;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.weights.DownloadProgress;
import org.neuralstyle.weights.Downloader;
import org.neuralstyle.weights.KnownModel;
import org.neuralstyle.weights.ModelKind;
import org.neuralstyle.weights.ModelRegistry;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.weights.WeightsCache;
import org.neuralstyle.weights.WeightsUnavailableException;
import org.neuralstyle.imagej.ij1.Gui;

/**
 * The loss network's weights for a Fiji command: the file the user chose, else the cached model,
 * else — only when a person agrees — a verified download into the cache. Without someone to ask
 * (headless, batch mode, a running macro) a missing model is one error that says how to supply
 * it, rather than a 548 MB download nobody asked for.
 */
public final class NetworkWeights {

	/** Asks whether to download a model that is not on this computer. */
	@FunctionalInterface
	public interface Consent {

		boolean allowDownload(KnownModel model, Path cacheFolder);
	}

	private final String menuCommand;
	private final ModelRegistry registry;
	private final WeightsCache cache;
	private final Consent consent;
	private final DownloadProgress progress;

	/**
	 * @param menuCommand the command's menu label, which the advice names
	 * @param consent who decides about downloads, or null when nobody can be asked
	 * @param progress told how far a download has come
	 */
	public NetworkWeights(String menuCommand, ModelRegistry registry, WeightsCache cache, Consent consent, DownloadProgress progress) {
		this.menuCommand = menuCommand;
		this.registry = registry;
		this.cache = cache;
		this.consent = consent;
		this.progress = progress;
	}

	/** The standard models and cache, with the download offer when a person can be asked. */
	public static NetworkWeights standard(String menuCommand) {
		DownloadOffer offer = Gui.canAsk() ? new DownloadOffer(menuCommand, "weights") : null;
		return new NetworkWeights(menuCommand, ModelRegistry.standard(), WeightsCache.standard(), offer,
			offer == null ? DownloadProgress.NONE : offer);
	}

	/**
	 * Opens {@code file} if given, else the model named {@code network}.
	 *
	 * @throws CancellationException when the person asked declined the download (nothing to report)
	 * @throws IOException with a message for the user when the file is unusable or the model missing
	 */
	public StateDict open(String network, File file) throws IOException {
		if (file != null) return Checkpoints.open(file.toPath());
		KnownModel model = registry.get(network.toLowerCase(Locale.ROOT));
		if (model.kind() != ModelKind.VGG_FEATURES) throw new IllegalArgumentException(
			network + " is not a loss network: use vgg19 or vgg16.");
		Optional<Path> cached = cache.find(model);
		if (cached.isPresent()) return Checkpoints.open(cached.get());
		if (consent == null) throw new IOException(missing(model));
		if (!consent.allowDownload(model, cache.directory())) throw new CancellationException("Download declined");
		Path downloaded;
		try {
			downloaded = new Downloader(cache).obtain(model, progress);
		} catch (WeightsUnavailableException e) {
			throw new IOException(failedDownload(model, e), e);
		}
		return Checkpoints.open(downloaded);
	}

	private String missing(KnownModel model) {
		return "The " + model.id() + " network weights (" + describe(model) + ") are not on this computer (looked in " +
			cache.directory() + "). Run Plugins > Style Transfer > " + menuCommand + " once from the menu to download " +
			"them, or download " + model.url() + " yourself and give it as weights=[/path/to/" + model.fileName() +
			"] (or copy it into " + cache.directory() + ").";
	}

	/** The downloader's reason, with what to do in Fiji instead of the command line's advice. */
	private String failedDownload(KnownModel model, WeightsUnavailableException e) {
		String message = e.getMessage();
		int advice = message.indexOf(" Without network access");
		String reason = advice > 0 ? message.substring(0, advice) : message;
		return reason + " Download " + model.fileName() + " on a computer with internet access, then choose it as " +
			"'weights' (or copy it into " + cache.directory() + ").";
	}

	/** "torchvision VGG19, vgg19-dcbb9e9d.pth, 548 MB". */
	static String describe(KnownModel model) {
		return model.title() + ", " + model.fileName() + (model.sizeKnown() ? ", " + megabytes(model.size()) + " MB" : "");
	}

	static long megabytes(long bytes) {
		return Math.round(bytes / (1024.0 * 1024.0));
	}
}
