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

package org.neuralstyle.net;

import ai.djl.util.Utils;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Which PyTorch build this run loads: the installed {@link CudaBuild} when the
 * computer can run it, else the bundled CPU build. Made once, before PyTorch
 * starts, because DJL reads its settings only then: it sets the system
 * properties {@code PYTORCH_LIBRARY_PATH} (the build's folder) and
 * {@code PYTORCH_FLAVOR} ({@code cu128}, whose glue library pytorch-jni
 * carries). Without an NVIDIA driver for CUDA 12.8 or newer it sets nothing:
 * the CUDA libraries would not load, and the CPU build runs as before, with
 * {@link #notice()} saying why.
 */
public final class CudaBuildChoice {

	/** DJL's settings for where PyTorch comes from. */
	static final String LIBRARY_PATH = "PYTORCH_LIBRARY_PATH", FLAVOR =
		"PYTORCH_FLAVOR", VERSION = "PYTORCH_VERSION";

	/** What was chosen, and why. */
	public enum Outcome {
			/** The installed CUDA build is loaded. */
			USED,
			/** No CUDA build is installed: the CPU build. */
			NOT_INSTALLED,
			/**
			 * There is no CUDA build for this computer (macOS, ARM): the CPU build.
			 */
			NO_BUILD_FOR_PLATFORM,
			/** Its folder is incomplete: the CPU build. */
			INCOMPLETE,
			/** No NVIDIA driver: the CPU build. */
			NO_DRIVER,
			/** The NVIDIA driver is older than CUDA 12.8: the CPU build. */
			OLD_DRIVER,
			/** The user set DJL's PyTorch settings: theirs count. */
			SET_BY_USER
	}

	private static CudaBuildChoice atStart;

	private final Outcome outcome;
	private final CudaBuild build;
	private final String notice;
	private final String noBuild;

	private CudaBuildChoice(Outcome outcome, CudaBuild build, String notice) {
		this(outcome, build, notice, null);
	}

	private CudaBuildChoice(Outcome outcome, CudaBuild build, String notice,
		String noBuild)
	{
		this.outcome = outcome;
		this.build = build;
		this.notice = notice;
		this.noBuild = noBuild;
	}

	/**
	 * The choice of this run, made at the first call: call it before anything
	 * starts PyTorch. Later calls return the same choice, also after an install.
	 */
	public static synchronized CudaBuildChoice atStart() {
		if (atStart == null) {
			CudaBuild build;
			try {
				build = CudaBuild.forThisComputer();
			}
			catch (CudaBuildException e) {
				// Said by the engine report, not at every start: nothing is wrong.
				return atStart = new CudaBuildChoice(Outcome.NO_BUILD_FOR_PLATFORM,
					null, null, e.getMessage());
			}
			atStart = decide(build, build.status(), Utils::getEnvOrSystemProperty,
				CudaDriver::version);
			if (atStart.outcome == Outcome.USED) {
				System.setProperty(LIBRARY_PATH, build.folder().toString());
				System.setProperty(FLAVOR, build.flavor());
			}
		}
		return atStart;
	}

	/**
	 * The choice for {@code build} in state {@code status}, given DJL's settings
	 * (environment or system properties) and the NVIDIA driver's CUDA version
	 * (asked only when it matters).
	 */
	static CudaBuildChoice decide(CudaBuild build, CudaBuild.Status status,
		UnaryOperator<String> settings, Supplier<OptionalInt> driver)
	{
		String where = "The CUDA build of PyTorch installed in " + build.folder();
		switch (status.state()) {
			case NOT_INSTALLED:
				return new CudaBuildChoice(Outcome.NOT_INSTALLED, build, null);
			case INCOMPLETE:
				return new CudaBuildChoice(Outcome.INCOMPLETE, build,
					"The CUDA build of PyTorch in " + build.folder() +
						" is incomplete (" + status.problem() +
						"), so PyTorch runs on the CPU.");
			default:
				break;
		}
		for (String name : List.of(LIBRARY_PATH, FLAVOR, VERSION)) {
			String set = settings.apply(name);
			if (set != null && !set.isEmpty()) return new CudaBuildChoice(
				Outcome.SET_BY_USER, build, where + " is not used: " + name +
					" is set (to '" + set + "'), and DJL follows that.");
		}
		OptionalInt version = driver.get();
		if (version.isEmpty()) return new CudaBuildChoice(Outcome.NO_DRIVER, build,
			where +
				" is not used: no NVIDIA driver was found, so PyTorch runs on the CPU.");
		if (version.getAsInt() < CudaBuild.CUDA_VERSION) return new CudaBuildChoice(
			Outcome.OLD_DRIVER, build, where + " is not used: it needs CUDA " + build
				.cudaVersion() + ", but the NVIDIA driver supports CUDA up to " +
				CudaDriver.format(version.getAsInt()) +
				", so PyTorch runs on the CPU. Update the NVIDIA driver to use the GPU.");
		return new CudaBuildChoice(Outcome.USED, build, null);
	}

	public Outcome outcome() {
		return outcome;
	}

	/** The folder of the CUDA build when it was chosen; empty otherwise. */
	public Optional<Path> usedFolder() {
		return outcome == Outcome.USED ? Optional.of(build.folder()) : Optional
			.empty();
	}

	/** The CUDA build for this computer; empty on one that has none. */
	public Optional<CudaBuild> build() {
		return Optional.ofNullable(build);
	}

	/**
	 * One line for the user when a CUDA build is installed but the CPU build runs
	 * instead; empty otherwise.
	 */
	public Optional<String> notice() {
		return Optional.ofNullable(notice);
	}

	/**
	 * The state of the CUDA build, for the engine report, given the folder
	 * PyTorch was loaded from (empty: it did not start).
	 */
	public String describe(Optional<Path> loaded) {
		if (build == null) return "none for this computer. " + noBuild;
		CudaBuild.Status now = build.status();
		String installed = build.describe() + ", installed in " + build.folder() +
			(now.state() == CudaBuild.State.INSTALLED ? " (" + now.files() +
				" files, " + String.format(java.util.Locale.ROOT, "%,d MB", now
					.bytes() >> 20) + ")" : "");
		boolean loadedHere = loaded.map(p -> p.toAbsolutePath().equals(build
			.folder())).orElse(false);
		return switch (outcome) {
			case USED -> loadedHere ? installed + "; in use" : loaded.isEmpty()
				? installed + "; chosen, but PyTorch did not start from it"
				: installed + "; chosen, but PyTorch was loaded from elsewhere (" +
					loaded.get() + ") before the choice was made";
			case NOT_INSTALLED -> now.state() == CudaBuild.State.NOT_INSTALLED
				? "not installed (" + build.describe() + " would go to " + build
					.folder() + ")" : installed + "; used from the next start on";
			default -> notice;
		};
	}
}
