package org.neuralstyle.weights;

import java.io.IOException;

/**
 * A model file is not in the cache and cannot be downloaded (offline, host unreachable, server
 * error). The message says how to supply the file by hand.
 */
public class WeightsUnavailableException extends IOException {

	private final KnownModel model;

	public WeightsUnavailableException(KnownModel model, WeightsCache cache, String reason, Throwable cause) {
		super("Cannot download " + model + " from " + model.url() + ": " + reason + ". Without network access, " +
			"download " + model.fileName() + " on another computer, then either pass it with --weights FILE, or " +
			"run 'weights import FILE' to check it and copy it into the cache folder " + cache.directory() + ".", cause);
		this.model = model;
	}

	public KnownModel model() {
		return model;
	}
}
