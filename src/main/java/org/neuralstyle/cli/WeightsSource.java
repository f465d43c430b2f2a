package org.neuralstyle.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

import org.neuralstyle.weights.Checkpoints;
import org.neuralstyle.weights.DownloadProgress;
import org.neuralstyle.weights.Downloader;
import org.neuralstyle.weights.KnownModel;
import org.neuralstyle.weights.ModelKind;
import org.neuralstyle.weights.ModelRegistry;
import org.neuralstyle.weights.StateDict;
import org.neuralstyle.weights.WeightsCache;

/**
 * Where a command's network weights come from: the file given with {@code --weights}, else the
 * cached copy of the named model, else a verified download into the cache.
 */
final class WeightsSource {

	private WeightsSource() {}

	static StateDict vgg(String network, Path weightsFile, PrintStream log) throws IOException {
		if (weightsFile != null) return Checkpoints.open(weightsFile);
		KnownModel model = ModelRegistry.standard().get(network.toLowerCase(Locale.ROOT));
		if (model.kind() != ModelKind.VGG_FEATURES) throw new IllegalArgumentException(
			network + " is not a loss network: use vgg19 or vgg16");
		return Checkpoints.open(obtain(model, log));
	}

	/** The cached file of a model, downloading (with progress on {@code log}) if needed. */
	static Path obtain(KnownModel model, PrintStream log) throws IOException {
		return new Downloader(WeightsCache.standard()).obtain(model, progress(model, log));
	}

	static DownloadProgress progress(KnownModel model, PrintStream log) {
		return new DownloadProgress() {
			private long shown = -1;

			@Override
			public void update(long done, long total) {
				long step = total > 0 ? done * 100 / total : done >> 24;
				if (step == shown) return;
				shown = step;
				if (total > 0) log.printf(Locale.ROOT, "\rDownloading %s: %d%% (%d of %d MB)", model.fileName(), step, done >> 20, total >> 20);
				else log.printf(Locale.ROOT, "\rDownloading %s: %d MB", model.fileName(), done >> 20);
				if (total > 0 && done >= total) log.println();
				log.flush();
			}
		};
	}
}
