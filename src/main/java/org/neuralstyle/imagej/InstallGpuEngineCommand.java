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

package org.neuralstyle.imagej;

import ij.IJ;

import java.awt.GraphicsEnvironment;
import java.util.concurrent.CancellationException;

import org.neuralstyle.imagej.progress.Throttle;
import org.neuralstyle.net.CudaBuild;
import org.neuralstyle.net.CudaBuildException;
import org.neuralstyle.net.CudaBuildInstaller;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/**
 * Install GPU engine: downloads the CUDA build of the bundled PyTorch from
 * DJL's site into DJL's cache, with progress in ImageJ's status and progress
 * bars; Esc cancels and keeps nothing. Fiji uses it after a restart, when an
 * NVIDIA driver can run it.
 */
@Plugin(type = Command.class,
	menuPath = "Plugins>Style Transfer>Install GPU engine", headless = true)
public class InstallGpuEngineCommand extends StyleTransferCommand {

	static final String TITLE = "Install GPU engine";

	private final Throttle status = new Throttle(150);
	private String result;

	@Override
	protected String title() {
		return TITLE;
	}

	@Override
	protected void execute() throws Exception {
		CudaBuild build;
		try {
			build = CudaBuild.forThisComputer();
		}
		catch (CudaBuildException e) {
			throw new IllegalStateException(e.getMessage() +
				" Neural Style computes on the CPU here (device=cpu).", e);
		}
		if (build.status().state() == CudaBuild.State.INSTALLED) {
			done(build.describe() + " is already installed in " + build.folder() +
				". To install it again, delete that folder first.");
			return;
		}
		CudaBuildInstaller installer = new CudaBuildInstaller(build);
		boolean dialogs = !GraphicsEnvironment.isHeadless() && !IJ.isMacro();
		if (dialogs && !IJ.showMessageWithCancel(TITLE, "Download " + build
			.describe() + " from " + installer.index().resolve(".") +
			"?\nIt is several GB, and goes to " + build.folder() +
			".\nFiji uses it after a restart, when an NVIDIA driver for CUDA " + build
				.cudaVersion() + " or newer is present."))
			throw new CancellationException();
		IJ.resetEscape();
		IJ.log("Neural Style: downloading " + build.describe() + " from " +
			installer.index().resolve(".") + " into " + build.folder());
		try {
			installer.install((file, files, name, done, total) -> {
				if (IJ.escapePressed()) Thread.currentThread().interrupt();
				if (!status.due(total > 0 && done >= total && file == files)) return;
				IJ.showStatus("Downloading the GPU engine, file " + file + " of " +
					files + " (" + name + "): " + (done >> 20) + (total > 0 ? " of " +
						(total >> 20) : "") + " MB (Esc cancels)");
				IJ.showProgress((file - 1 + (total > 0 ? (double) done / total : 0)) /
					files);
			});
		}
		catch (CudaBuildException e) {
			throw new IllegalStateException(e.getMessage() + " " + advice(e, build),
				e);
		}
		finally {
			IJ.showProgress(1.0);
		}
		done("Installed " + build.describe() + " in " + build.folder() +
			".\nRestart Fiji to use it: from then on it runs when an NVIDIA driver for CUDA " +
			build.cudaVersion() + " or newer is present, and the CPU build " +
			"otherwise. Plugins > Style Transfer > Engine information shows which build runs.");
		if (dialogs) IJ.showMessage(TITLE, result);
	}

	private void done(String message) {
		result = message;
		IJ.log("Neural Style: " + message);
		IJ.showStatus(TITLE + ": done");
	}

	/** What to do about a failed install, in Fiji's terms. */
	static String advice(CudaBuildException e, CudaBuild build) {
		return switch (e.problem()) {
			case OFFLINE, UNREACHABLE ->
				"Without network access, run Plugins > Style Transfer > Install GPU engine on a computer that has it " +
					"(same system, same Neural Style), then copy the folder " + build
						.folder() + " to the same place here.";
			case DOWNLOAD_FAILED ->
				"Run Install GPU engine again later; until then PyTorch runs on the CPU.";
			case NO_BUILD_FOR_PLATFORM -> "Neural Style computes on the CPU here.";
		};
	}

	/** The message of the last run, for tests; null before a run. */
	String result() {
		return result;
	}
}
