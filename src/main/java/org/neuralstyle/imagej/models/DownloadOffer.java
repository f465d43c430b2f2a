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

import ij.IJ;
import ij.gui.GenericDialog;
import java.nio.file.Path;
import org.neuralstyle.imagej.progress.Throttle;
import org.neuralstyle.weights.DownloadProgress;
import org.neuralstyle.weights.KnownModel;
import org.neuralstyle.weights.PretrainedWeights;

/**
 * The GUI side of a missing model: one dialog that says what is missing and
 * offers the download, then the download's progress in ImageJ's status and
 * progress bars. Escape cancels the download (the downloader stops when its
 * thread is interrupted and keeps nothing incomplete).
 */
final class DownloadOffer implements PretrainedWeights.Consent,
	DownloadProgress
{

	private final Throttle status = new Throttle(150);

	private final String title;
	private final String fileParameter;
	private String fileName = "";

	/**
	 * @param title the dialog's title, the command's name
	 * @param fileParameter the command's parameter that takes the file instead,
	 *          which the advice names
	 */
	DownloadOffer(String title, String fileParameter) {
		this.title = title;
		this.fileParameter = fileParameter;
	}

	@Override
	public boolean allowDownload(KnownModel model, Path cacheFolder) {
		GenericDialog gd = new GenericDialog(title);
		String check = model.checksum().isKnown()
			? "The file is checked (size and SHA-256) before it is used"
			: "Every model in the file is checked before it is used";
		gd.addMessage("This command needs the " + model.id() + " weights (" + model
			.describe() +
			"),\nwhich are not on this computer yet.\n \nDownload them now from\n" +
			model.url() + "\ninto " + cacheFolder + "?\n \n" + check +
			"; Esc cancels the download.\n" +
			"Without internet access, cancel, and choose the file as '" +
			fileParameter + "' instead.");
		gd.setOKLabel("Download");
		gd.showDialog();
		if (gd.wasCanceled()) return false;
		fileName = model.fileName();
		IJ.resetEscape();
		return true;
	}

	@Override
	public void update(long bytesDone, long bytesTotal) {
		if (IJ.escapePressed()) Thread.currentThread().interrupt();
		if (!status.due(bytesTotal > 0 && bytesDone >= bytesTotal)) return;
		String total = bytesTotal > 0 ? " of " + KnownModel.megabytes(bytesTotal) +
			" MB" : " MB";
		IJ.showStatus("Downloading " + fileName + ": " + KnownModel.megabytes(
			bytesDone) + total + " (Esc cancels)");
		if (bytesTotal > 0) IJ.showProgress((double) bytesDone / bytesTotal);
	}
}
