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
import org.neuralstyle.weights.KnownModel;
import org.neuralstyle.weights.ModelRegistry;
import org.neuralstyle.weights.WeightsCache;
import org.neuralstyle.weights.WeightsUnavailableException;
import org.neuralstyle.imagej.ij1.Gui;

/**
 * The fast style model file for a Fiji command: the file the user chose, else the model of that
 * name in the library, else — for a published style, and only when a person agrees — the
 * pytorch/examples archive downloaded and unpacked. Without someone to ask (headless, batch mode,
 * a running macro) a missing published model is one error that says how to supply it. An archive
 * already in the cache (copied there by hand, say) is unpacked without asking.
 */
public final class FastModelSource {

	/** The parameter names the advice refers to. */
	static final String MODEL_KEY = "model";
	static final String FILE_KEY = "model_file";

	private static final KnownModel ARCHIVE = ModelRegistry.FAST_MODELS;

	private final String menuCommand;
	private final FastModelLibrary library;
	private final WeightsCache cache;
	private final NetworkWeights.Consent consent;
	private final DownloadProgress progress;

	/**
	 * @param menuCommand the command's menu label, which the advice names
	 * @param consent who decides about downloads, or null when nobody can be asked
	 * @param progress told how far a download has come
	 */
	public FastModelSource(String menuCommand, FastModelLibrary library, WeightsCache cache, NetworkWeights.Consent consent,
		DownloadProgress progress)
	{
		this.menuCommand = menuCommand;
		this.library = library;
		this.cache = cache;
		this.consent = consent;
		this.progress = progress;
	}

	/** The standard library and cache, with the download offer when a person can be asked. */
	public static FastModelSource standard(String menuCommand) {
		DownloadOffer offer = Gui.canAsk() ? new DownloadOffer(menuCommand, FILE_KEY) : null;
		return new FastModelSource(menuCommand, FastModelLibrary.standard(), WeightsCache.standard(), offer,
			offer == null ? DownloadProgress.NONE : offer);
	}

	/**
	 * The file of the model: {@code file} if given, else the model called {@code name} (a file
	 * path is accepted there too).
	 *
	 * @throws CancellationException when the person asked declined the download (nothing to report)
	 * @throws IOException with a message for the user when the file or the model is missing
	 */
	public Path find(String name, File file) throws IOException {
		if (file != null) {
			if (!file.isFile()) throw new CheckpointException("The model file " + file + " does not exist. Check '" + FILE_KEY + "'.");
			return file.toPath();
		}
		String wanted = name == null ? "" : name.trim();
		if (wanted.isEmpty()) throw new IllegalArgumentException("Choose a model: " + choices() + ".");
		if (FastModelLibrary.isFileName(wanted)) return library.resolve(wanted);
		Optional<FastModelLibrary.Model> present = library.find(wanted);
		if (present.isPresent()) return present.get().file();
		String style = wanted.toLowerCase(Locale.ROOT);
		if (!FastModels.STYLES.contains(style)) throw new IllegalArgumentException(
			"There is no fast model called '" + wanted + "'. Use one of " + choices() + ", or give a model file as '" + FILE_KEY + "'.");
		return published(style);
	}

	/** A published style not unpacked yet: from the cached archive, or downloaded with consent. */
	private Path published(String style) throws IOException {
		if (cache.find(ARCHIVE).isPresent()) return library.obtain(style, DownloadProgress.NONE);
		if (consent == null) throw new IOException(missing(style));
		if (!consent.allowDownload(ARCHIVE, cache.directory())) throw new CancellationException("Download declined");
		try {
			return library.obtain(style, progress);
		} catch (WeightsUnavailableException e) {
			String message = e.getMessage();
			int advice = message.indexOf(" Without network access");
			String reason = advice > 0 ? message.substring(0, advice) : message;
			throw new IOException(reason + " Download " + ARCHIVE.fileName() + " on a computer with internet access, then copy it into " +
				cache.directory() + " (or unpack " + FastModels.fileName(style) + " from it and choose that as '" + FILE_KEY + "').", e);
		}
	}

	private String missing(String style) {
		return "The fast model " + style + " is not on this computer (looked in " + library.directory() + "). Run Plugins > Style Transfer > " +
			menuCommand + " once from the menu to download the published models (" + NetworkWeights.describe(ARCHIVE) +
			"), or download " + ARCHIVE.url() + " yourself and copy it into " + cache.directory() + " (or unpack " +
			FastModels.fileName(style) + " from it and give it as " + FILE_KEY + "=[/path/to/" + FastModels.fileName(style) + "]).";
	}

	/** "candy, mosaic, rain_princess, udnie (published), starry (trained here)". */
	String choices() throws IOException {
		List<String> trained = new ArrayList<>();
		for (FastModelLibrary.Model m : library.models()) if (!m.published()) trained.add(m.name());
		String published = String.join(", ", FastModels.STYLES) + " (published)";
		return trained.isEmpty() ? published : published + ", " + String.join(", ", trained) + " (trained here)";
	}
}
