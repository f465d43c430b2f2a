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

import ai.djl.engine.EngineException;
import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.scijava.command.ContextCommand;
import org.neuralstyle.imagej.ij1.OwnClassLoader;
import org.neuralstyle.tensor.MainArena;
import org.neuralstyle.tensor.NativeMemory;
import org.neuralstyle.net.CudaBuildChoice;
import org.neuralstyle.net.EngineUnavailableException;

/**
 * What the style-transfer commands share around their work: the plugin's class
 * loader as the thread's context loader (DJL finds its engine through it; plain
 * ImageJ 1.x needs ours set), and one way of ending — a problem the user can
 * fix cancels the command with one message, a declined download or an interrupt
 * cancels it quietly.
 */
abstract class StyleTransferCommand extends ContextCommand {

	/** The command's name, as its menu item and dialogs show it. */
	protected abstract String title();

	/**
	 * The command's work; the exceptions it throws are turned into messages by
	 * {@link #run()}.
	 */
	protected abstract void execute() throws Exception;

	/**
	 * Refuses an image given as a path that could not be read: it arrives without
	 * pixels, with the reason {@link ImageFileConverter} found, if any.
	 */
	protected static void requirePixels(ImagePlus image, String key) {
		if (image.getProcessor() != null && image.getWidth() > 0) return;
		String reason = ImageFileConverter.unreadableReason(image);
		String what = key.equals("image") ? "The image" : "The " + key + " image";
		if (reason != null) throw new IllegalArgumentException(what + ": " +
			reason);
		throw new IllegalArgumentException(what + " '" + image.getTitle() +
			"' has no pixels (a file that could " +
			"not be read?): give the title of an open image or the path of an image file as '" +
			key + "'.");
	}

	/**
	 * What to do about a PyTorch that does not start, in Fiji's and ImageJ 1.x's
	 * terms.
	 */
	static String advice(EngineUnavailableException e) {
		Optional<Path> cuda = CudaBuildChoice.atStart().usedFolder();
		if (cuda.isPresent()) return "The CUDA build of PyTorch installed in " +
			cuda.get() +
			" was chosen and did not load: delete that folder and restart Fiji to use the CPU build; " +
			"Plugins > Style Transfer > Install GPU engine reinstalls it.";
		if (!e.supported()) return "Neural Style runs on " +
			EngineUnavailableException.supportedInWords() +
			": use it on such a computer.";
		if (!e.installed())
			return "In Fiji, install Neural Style from its update site (Help > Update..., Manage Update Sites): it " +
				"adds the PyTorch library of each platform under jars/<platform>/. In ImageJ 1.x, Neural_Style.jar carries the " +
				"library for Linux x86-64 only: use Fiji on other platforms.";
		return "Restart Fiji or ImageJ; if that does not help, delete the folder .djl.ai/pytorch in your home folder (PyTorch " +
			"unpacks its library there, and a copy cut short does not load) and run the command again.";
	}

	/** Whether this session has said why an installed CUDA build is not used. */
	private static final AtomicBoolean buildNoticeLogged = new AtomicBoolean();

	/**
	 * Chooses the PyTorch build before any command starts PyTorch (DJL reads its
	 * settings only then), and says once per session why an installed CUDA build
	 * is not used.
	 */
	private static void chooseBuild() {
		CudaBuildChoice.atStart().notice().ifPresent(notice -> {
			if (buildNoticeLogged.compareAndSet(false, true)) IJ.log(
				"Neural Style: " + notice);
		});
	}

	@Override
	public final void run() {
		OwnClassLoader.run(this::runHere);
	}

	private void runHere() {
		try {
			chooseBuild();
			// On the thread whose large blocks glibc reuses instead of mapping them
			// anew (MainArena).
			MainArena.call(() -> {
				execute();
				return null;
			});
		}
		catch (CancellationException declined) {
			// The user said no (e.g. to a download): nothing to report.
			cancel(null);
		}
		catch (InterruptedIOException | ClosedByInterruptException stopped) {
			// Escape during a download or while reading: the user knows; the status
			// bar confirms it.
			if (stopped.getMessage() != null) IJ.showStatus(title() + ": " + stopped
				.getMessage());
			cancel(null);
		}
		catch (IOException | IllegalArgumentException | IllegalStateException e) {
			cancel(MessageText.forUser(e.getMessage() != null ? e.getMessage() : e
				.toString()));
		}
		catch (EngineUnavailableException e) {
			cancel(MessageText.forUser(e.getMessage() + " " + advice(e)));
		}
		catch (EngineException | UnsatisfiedLinkError e) {
			// The engine failed somewhere other than Devices.engine(): the same
			// message all the same.
			EngineUnavailableException unavailable = EngineUnavailableException.of(e);
			cancel(MessageText.forUser(unavailable.getMessage() + " " + advice(
				unavailable)));
		}
		catch (RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException(title() + " failed: " + e, e);
		}
		finally {
			// Fiji lives on after the command: the run's peak goes back to the
			// system.
			NativeMemory.trim();
		}
	}
}
