package org.neuralstyle.weights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.StateDict;

/**
 * Where a run's network weights come from: a file the user names, else the cached copy of the
 * named model, else a verified download into the cache (which fails within seconds, naming the URL
 * and the remedies, when there is no network).
 */
public final class PretrainedWeights {

	private PretrainedWeights() {}

	/** A VGG loss network: {@code file} if given, else the model {@code network} (vgg19, vgg16). */
	public static StateDict vgg(String network, Path file, DownloadProgress progress) throws IOException {
		if (file != null) return Checkpoints.open(file);
		KnownModel model = ModelRegistry.standard().get(network.toLowerCase(Locale.ROOT));
		if (model.kind() != ModelKind.VGG_FEATURES) throw new IllegalArgumentException(
			network + " is not a loss network: use vgg19 or vgg16");
		return Checkpoints.open(obtain(model, progress));
	}

	/** The cached file of a model, downloading it (verified) if it is not there yet. */
	public static Path obtain(KnownModel model, DownloadProgress progress) throws IOException {
		return new Downloader(WeightsCache.standard()).obtain(model, progress);
	}

	/** Whether the model is already in the cache (so no download would be needed). */
	public static boolean cached(KnownModel model) throws IOException {
		return WeightsCache.standard().find(model).isPresent();
	}
}
