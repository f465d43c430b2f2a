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

import ai.djl.util.ClassLoaderUtils;
import ai.djl.util.Platform;
import ai.djl.util.Utils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The CUDA build of the PyTorch this program bundles, for this computer: which
 * build it is, where it is installed, and whether it is installed whole.
 * <p>
 * How DJL 0.36 finds PyTorch ({@code ai.djl.pytorch.jni.LibUtils}) decides the
 * rest. With a native jar on the class path (here the CPU one) it unpacks that
 * jar and never looks for another build, unless {@code PYTORCH_LIBRARY_PATH}
 * names a folder of PyTorch libraries; then it loads those, with the glue
 * library of the flavor {@code PYTORCH_FLAVOR} names, which it takes from the
 * pytorch-jni jar. That jar carries glue for one CUDA version, 12.8
 * ({@value #FLAVOR}), on Linux and Windows x86-64. DJL publishes the matching
 * PyTorch libraries, one gzipped file each, under
 * {@code publish.djl.ai/pytorch/<version>/}, listed in {@code files.txt} as
 * {@code cu128/<platform>/native/lib/<name>.gz}. So the build is installed into
 * DJL's engine cache, in the folder DJL gives a CUDA build it downloads itself
 * ({@code <version>-cu128-<platform>}), and {@link CudaBuildChoice} points DJL
 * at it at the next start.
 * <p>
 * A folder counts as installed only with its {@value #MARKER}, written last,
 * which lists every file and its size: a download cut short never looks
 * complete.
 */
public final class CudaBuild {

	/** The CUDA flavor whose glue library pytorch-jni carries. */
	static final String FLAVOR = "cu128";
	/** CUDA 12.8 as the driver numbers CUDA versions. */
	static final int CUDA_VERSION = 12080;
	/** Written last into a complete installation. */
	static final String MARKER = "neural-style-cuda-build.properties";
	/** The platforms DJL publishes a CUDA build of PyTorch for. */
	static final List<String> PLATFORMS = List.of("linux-x86_64", "win-x86_64");

	private static final String FILE_KEY = "file.";

	/** What {@link #status()} found. */
	public enum State {
			NOT_INSTALLED, INSTALLED, INCOMPLETE
	}

	/**
	 * An installation: its state, and for an installed one its file count and
	 * size; {@code problem} says what is wrong with an incomplete one.
	 */
	public record Status(State state, int files, long bytes, String problem) {
	}

	private final String version;
	private final String platform;
	private final Path folder;

	/**
	 * @param version the PyTorch version, as DJL publishes it ("2.7.1")
	 * @param platform DJL's platform name ("linux-x86_64")
	 * @param engineCache DJL's engine cache for PyTorch
	 *          ({@code ~/.djl.ai/pytorch})
	 */
	CudaBuild(String version, String platform, Path engineCache) {
		this.version = version;
		this.platform = platform;
		this.folder = engineCache.toAbsolutePath().resolve(version + "-" + FLAVOR +
			"-" + platform);
	}

	/**
	 * The CUDA build of the bundled PyTorch for this computer, in DJL's engine
	 * cache (which {@code DJL_CACHE_DIR} and {@code ENGINE_CACHE_DIR} move).
	 *
	 * @throws CudaBuildException if there is none for this computer
	 */
	public static CudaBuild forThisComputer() throws CudaBuildException {
		String platform = EngineUnavailableException.platform(System.getProperty(
			"os.name", ""), System.getProperty("os.arch", ""));
		String version;
		try {
			version = Platform.fromSystem("pytorch").getVersion();
		}
		catch (AssertionError | RuntimeException e) {
			version = null;
		}
		if (version == null) throw new CudaBuildException(
			CudaBuildException.Problem.NO_BUILD_FOR_PLATFORM,
			"DJL's PyTorch engine is not on the class path, so there is no PyTorch version to install a CUDA build of.",
			null);
		if (platform.startsWith("osx")) throw new CudaBuildException(
			CudaBuildException.Problem.NO_BUILD_FOR_PLATFORM,
			"macOS has no CUDA (no NVIDIA driver for current Macs): PyTorch computes on the CPU there.",
			null);
		if (!PLATFORMS.contains(platform)) throw new CudaBuildException(
			CudaBuildException.Problem.NO_BUILD_FOR_PLATFORM,
			"There is no CUDA build of PyTorch " + version + " for " + platform +
				": DJL publishes one for " + String.join(" and ", PLATFORMS) + " only.",
			null);
		String glue = "jnilib/" + platform + "/" + FLAVOR + "/" + System
			.mapLibraryName("djl_torch");
		if (!onClassPath(glue)) throw new CudaBuildException(
			CudaBuildException.Problem.NO_BUILD_FOR_PLATFORM,
			"The PyTorch glue library bundled here (pytorch-jni) has no CUDA build (" +
				glue + "), so a CUDA build of PyTorch could not be loaded.", null);
		return new CudaBuild(version, platform, Utils.getEngineCacheDir("pytorch"));
	}

	/** Found as DJL looks for it: the context class loader's, then DJL's. */
	private static boolean onClassPath(String resource) {
		try {
			return ClassLoaderUtils.getResource(resource) != null;
		}
		catch (IOException e) {
			return false;
		}
	}

	/** The PyTorch version ("2.7.1"). */
	public String version() {
		return version;
	}

	/** DJL's name of the CUDA version ("cu128"). */
	public String flavor() {
		return FLAVOR;
	}

	/** "12.8". */
	public String cudaVersion() {
		return CudaDriver.format(CUDA_VERSION);
	}

	/** DJL's platform name ("linux-x86_64"). */
	public String platform() {
		return platform;
	}

	/** Where it is installed. */
	public Path folder() {
		return folder;
	}

	/** "PyTorch 2.7.1 for CUDA 12.8 (cu128, linux-x86_64)". */
	public String describe() {
		return "PyTorch " + version + " for CUDA " + cudaVersion() + " (" + FLAVOR +
			", " + platform + ")";
	}

	/** PyTorch's main library, by which DJL recognizes a library folder. */
	String torchLibrary() {
		return library("torch");
	}

	/** The library that makes the build a CUDA build. */
	String torchCudaLibrary() {
		return library("torch_cuda");
	}

	private String library(String name) {
		return platform.startsWith("win") ? name + ".dll" : "lib" + name + ".so";
	}

	/**
	 * Whether the folder holds a complete installation: its marker, and every
	 * file the marker lists, at the size it lists.
	 */
	public Status status() {
		Path marker = folder.resolve(MARKER);
		if (!Files.isDirectory(folder)) return new Status(State.NOT_INSTALLED, 0, 0,
			null);
		if (!Files.isRegularFile(marker)) return new Status(State.INCOMPLETE, 0, 0,
			"it has no " + MARKER + ", which is written last");
		Properties p = new Properties();
		try (InputStream in = Files.newInputStream(marker)) {
			p.load(in);
		}
		catch (IOException | IllegalArgumentException e) {
			return new Status(State.INCOMPLETE, 0, 0, MARKER + " cannot be read (" + e
				.getMessage() + ")");
		}
		List<String> missing = new ArrayList<>();
		int files = 0;
		long bytes = 0;
		for (String key : p.stringPropertyNames()) {
			if (!key.startsWith(FILE_KEY)) continue;
			String name = key.substring(FILE_KEY.length());
			files++;
			try {
				long size = Files.size(folder.resolve(name));
				bytes += size;
				if (size != Long.parseLong(p.getProperty(key))) missing.add(name +
					" (" + size + " bytes instead of " + p.getProperty(key) + ")");
			}
			catch (NoSuchFileException e) {
				missing.add(name);
			}
			catch (IOException | NumberFormatException e) {
				missing.add(name + " (" + e.getMessage() + ")");
			}
		}
		for (String needed : List.of(torchLibrary(), torchCudaLibrary()))
			if (p.getProperty(FILE_KEY + needed) == null) missing.add(needed);
		if (!missing.isEmpty()) return new Status(State.INCOMPLETE, files, bytes,
			"missing or damaged: " + String.join(", ", missing));
		return new Status(State.INSTALLED, files, bytes, null);
	}

	/**
	 * The marker of a complete installation of {@code files} (name to size),
	 * downloaded from {@code source}.
	 */
	static Properties marker(CudaBuild build, java.util.Map<String, Long> files,
		String source)
	{
		Properties p = new Properties();
		p.setProperty("pytorch_version", build.version);
		p.setProperty("flavor", FLAVOR);
		p.setProperty("platform", build.platform);
		p.setProperty("source", source);
		files.forEach((name, size) -> p.setProperty(FILE_KEY + name, Long.toString(
			size)));
		return p;
	}
}
