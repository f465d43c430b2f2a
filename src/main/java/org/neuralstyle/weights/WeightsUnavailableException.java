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

/**
 * A model's file is not on this computer and was not downloaded: nobody allowed
 * the download, or it failed (offline, host unreachable, server error, broken
 * transfer). It carries what a front end needs to word its own advice (the
 * model, its URL and the cache folder); the message states only what happened,
 * since "pass --weights" means nothing in Fiji and "choose weights" nothing on
 * the command line.
 */
public class WeightsUnavailableException extends IOException {

	/** Why the file is missing. */
	public enum Reason {
			/**
			 * Not in the cache, and no download was allowed (nobody could be asked).
			 */
			NOT_DOWNLOADED,
			/** A download was tried and failed. */
			DOWNLOAD_FAILED
	}

	private final KnownModel model;
	private final Path cacheFolder;
	private final Reason reason;

	private WeightsUnavailableException(KnownModel model, Path cacheFolder,
		Reason reason, String message, Throwable cause)
	{
		super(message, cause);
		this.model = model;
		this.cacheFolder = cacheFolder;
		this.reason = reason;
	}

	/**
	 * The download of {@code model} failed for {@code why} ("the server answered
	 * HTTP 404").
	 */
	public static WeightsUnavailableException downloadFailed(KnownModel model,
		Path cacheFolder, String why, Throwable cause)
	{
		return new WeightsUnavailableException(model, cacheFolder,
			Reason.DOWNLOAD_FAILED, "Cannot download " + model + " from " + model
				.url() + ": " + why + ".", cause);
	}

	/**
	 * {@code model} is not in {@code cacheFolder} and no download was allowed.
	 */
	public static WeightsUnavailableException notDownloaded(KnownModel model,
		Path cacheFolder)
	{
		return new WeightsUnavailableException(model, cacheFolder,
			Reason.NOT_DOWNLOADED, "The " + model.id() + (model.kind().isLossNetwork()
				? " network weights" : " " + model.kind()) + " (" + model.describe() +
				") are not on this computer (looked in " + cacheFolder + ").", null);
	}

	public KnownModel model() {
		return model;
	}

	/** The folder where the file would have to be. */
	public Path cacheFolder() {
		return cacheFolder;
	}

	public Reason reason() {
		return reason;
	}
}
