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

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Platform;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neuralstyle.weights.KnownModel;
import org.neuralstyle.weights.ModelRegistry;
import org.neuralstyle.weights.WeightsCache;

/**
 * What a user (or whoever helps them) needs to know about the engine on this
 * computer: the PyTorch and DJL versions, the native library actually loaded,
 * the devices PyTorch sees and, when it sees no GPU, why; threads, memory, the
 * weights cache and which known weights it holds. Both front ends show
 * {@link #facts()}; the wording of any advice beyond the facts is theirs.
 */
public final class EngineReport {

	/** One line of the report: "PyTorch", "2.7.1". */
	public record Fact(String label, String value) {
	}

	/** A known model and its file in the cache, if there. */
	public record CachedModel(KnownModel model, Optional<Path> file) {
	}

	private static final Pattern CUDA_FLAVOR = Pattern.compile("cu(\\d+)(\\d)");
	/**
	 * DJL names the folder of the libraries it loads
	 * VERSION-BUILD-FLAVOR-CLASSIFIER.
	 */
	private static final Pattern FLAVOR_IN_FOLDER = Pattern.compile(
		".*-(cpu|cu\\d+)(?:-precxx11)?-[a-z0-9_]+-[a-z0-9_]+");

	private final String djlVersion;
	private final String startFailure;
	private final String pytorchVersion;
	private final Path nativeFolder;
	private final String flavor;
	private final String cudaBuild;
	private final List<String> features = new ArrayList<>();
	private final List<String> devices = new ArrayList<>();
	private int gpus;
	private String noGpuReason;
	private int threads = -1, interopThreads = -1;
	private final int processors = Runtime.getRuntime().availableProcessors();
	private final long heapMax = Runtime.getRuntime().maxMemory();
	private final long heapFree;
	private long systemFree = -1, systemTotal = -1;
	private final Path cacheFolder;
	private final List<CachedModel> weights = new ArrayList<>();

	private EngineReport(WeightsCache cache, ModelRegistry registry) {
		djlVersion = readDjlVersion();
		Runtime rt = Runtime.getRuntime();
		heapFree = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
		// Tensors live outside the Java heap: the memory the system has left is
		// what limits them.
		if (ManagementFactory
			.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
		{
			systemFree = os.getFreeMemorySize();
			systemTotal = os.getTotalMemorySize();
		}
		cacheFolder = cache.directory();
		for (KnownModel m : registry.models()) {
			Optional<Path> file;
			try {
				file = cache.find(m);
			}
			catch (IOException e) {
				file = Optional.empty();
			}
			weights.add(new CachedModel(m, file));
		}

		Engine engine;
		String failure = null;
		try {
			engine = Devices.engine();
		}
		catch (EngineUnavailableException e) {
			// The report is most needed exactly when the engine does not start.
			engine = null;
			failure = e.getMessage();
		}
		startFailure = failure;
		if (engine == null) {
			pytorchVersion = null;
			nativeFolder = null;
			CudaBuildChoice choice = CudaBuildChoice.atStart();
			// The build that failed to start: the CUDA one when it was chosen.
			flavor = choice.outcome() == CudaBuildChoice.Outcome.USED
				? CudaBuild.FLAVOR : Platform.detectPlatform("pytorch").getFlavor();
			cudaBuild = choice.describe(Optional.empty());
			noGpuReason = "PyTorch did not start.";
			return;
		}
		pytorchVersion = engine.getVersion();
		nativeFolder = Path.of(LibUtils.getLibtorchPath());
		flavor = flavorOf(nativeFolder);
		cudaBuild = CudaBuildChoice.atStart().describe(Optional.of(nativeFolder));
		features.addAll(new TreeSet<>(JniUtils.getFeatures()));
		threads = JniUtils.getNumThreads();
		interopThreads = JniUtils.getNumInteropThreads();
		gpus = Devices.visibleGpus(engine);
		devices.add("cpu");
		for (int i = 0; i < gpus; i++)
			devices.add(describeGpu(i));
		if (gpus == 0) noGpuReason = noGpuReason(flavor, engine.hasCapability(
			StandardCapabilities.CUDA), CudaUtils.getGpuCount(), CudaDriver.version(),
			System.getProperty("os.name", ""), System.getenv("CUDA_VISIBLE_DEVICES"));
	}

	/**
	 * DJL's own record of its version. Engine.getDjlVersion prefers the
	 * manifest's, which in the command line's single jar is this product's.
	 */
	public static String readDjlVersion() {
		try (InputStream in = Engine.class.getResourceAsStream("api.properties")) {
			Properties p = new Properties();
			if (in != null) p.load(in);
			String v = p.getProperty("djl_version");
			return v != null ? v : Engine.getDjlVersion();
		}
		catch (IOException e) {
			return Engine.getDjlVersion();
		}
	}

	/**
	 * The engine on this computer, started if it was not; the standard cache and
	 * models.
	 */
	public static EngineReport gather() {
		return gather(WeightsCache.standard(), ModelRegistry.standard());
	}

	public static EngineReport gather(WeightsCache cache,
		ModelRegistry registry)
	{
		return new EngineReport(cache, registry);
	}

	/** Whether PyTorch started; when not, {@link #startFailure()} says why. */
	public boolean started() {
		return startFailure == null;
	}

	public Optional<String> startFailure() {
		return Optional.ofNullable(startFailure);
	}

	public Optional<String> pytorchVersion() {
		return Optional.ofNullable(pytorchVersion);
	}

	public String djlVersion() {
		return djlVersion;
	}

	/**
	 * The folder of the native libraries loaded; empty when PyTorch did not
	 * start.
	 */
	public Optional<Path> nativeFolder() {
		return Optional.ofNullable(nativeFolder);
	}

	/** "cpu", "cu124", ...: the build of PyTorch loaded. */
	public String flavor() {
		return flavor;
	}

	/** "cpu", then "gpu(0): ...", one per GPU PyTorch can use. */
	public List<String> devices() {
		return List.copyOf(devices);
	}

	public int gpus() {
		return gpus;
	}

	/** Why PyTorch has no GPU; empty when it has one. */
	public Optional<String> noGpuReason() {
		return Optional.ofNullable(noGpuReason);
	}

	/**
	 * The installed CUDA build of PyTorch: none, where it is, and whether it is
	 * in use and if not, why.
	 */
	public String cudaBuild() {
		return cudaBuild;
	}

	public Path cacheFolder() {
		return cacheFolder;
	}

	public List<CachedModel> weights() {
		return List.copyOf(weights);
	}

	/** The report, line by line, as both front ends show it. */
	public List<Fact> facts() {
		List<Fact> f = new ArrayList<>();
		f.add(new Fact("PyTorch", pytorchVersion != null ? pytorchVersion
			: "did not start: " + startFailure));
		f.add(new Fact("DJL", djlVersion));
		f.add(new Fact("Build", flavor.startsWith("cu") ? "CUDA " + cudaVersionOf(
			flavor).orElse(flavor) + " (" + flavor + ")" : flavor.equals("cpu")
				? "CPU only (cpu)" : flavor));
		if (nativeFolder != null) f.add(new Fact("Native library", nativeFolder
			.resolve(System.mapLibraryName("torch")).toString()));
		f.add(new Fact("CUDA build", cudaBuild));
		if (!features.isEmpty()) f.add(new Fact("Features", String.join(", ",
			features)));
		f.add(new Fact("Devices", devices.isEmpty() ? "none" : String.join("; ",
			devices)));
		f.add(new Fact("GPU", noGpuReason == null ? gpus + (gpus == 1 ? " device"
			: " devices") : "none. " + noGpuReason));
		f.add(new Fact("Threads", (threads > 0 ? threads +
			" for PyTorch operations, " + interopThreads + " between them, " : "") +
			processors + " processors"));
		f.add(new Fact("Memory", (systemFree >= 0 ? megabytes(systemFree) + " of " +
			megabytes(systemTotal) + " free in the system, " : "") + megabytes(
				heapFree) + " of " + megabytes(heapMax) + " free for Java"));
		f.add(new Fact("Weights cache", cacheFolder.toString()));
		for (CachedModel w : weights)
			f.add(new Fact(w.model().id(), w.file().map(p -> "present (" + p
				.getFileName() + ")").orElse("missing") + ": " + w.model().title()));
		return f;
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%,d MB", bytes >> 20);
	}

	private static String describeGpu(int index) {
		StringBuilder s = new StringBuilder("gpu(" + index + ")");
		try {
			String capability = CudaUtils.getComputeCapability(index);
			s.append(": compute capability ").append(capability.charAt(0)).append('.')
				.append(capability.substring(1));
			MemoryUsage memory = CudaUtils.getGpuMemory(Device.gpu(index));
			s.append(", ").append(megabytes(memory.getMax() - memory.getCommitted()))
				.append(" of ").append(megabytes(memory.getMax())).append(" free");
		}
		catch (RuntimeException e) {
			// PyTorch sees the device; only its details are missing, which is not
			// worth failing for.
		}
		return s.toString();
	}

	/**
	 * "cpu" or "cu124": the flavor given to DJL with a library folder, else from
	 * DJL's folder name, else from the native jar's properties.
	 */
	static String flavorOf(Path nativeFolder) {
		// A folder given to DJL is loaded with the glue of the flavor given with
		// it.
		String given = Utils.getEnvOrSystemProperty(CudaBuildChoice.FLAVOR);
		if (Utils.getEnvOrSystemProperty(CudaBuildChoice.LIBRARY_PATH) != null &&
			given != null && !given.isEmpty()) return given.replace("-precxx11", "");
		Matcher m = FLAVOR_IN_FOLDER.matcher(nativeFolder.getFileName().toString());
		return m.matches() ? m.group(1) : Platform.detectPlatform("pytorch")
			.getFlavor();
	}

	/** "cu124" as "12.4"; empty for a CPU build. */
	static Optional<String> cudaVersionOf(String flavor) {
		Matcher m = CUDA_FLAVOR.matcher(flavor);
		return m.matches() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional
			.empty();
	}

	/**
	 * Why PyTorch sees no GPU, as exactly as can be told from outside it: the
	 * build loaded, the CUDA devices the CUDA runtime counts, and the NVIDIA
	 * driver's CUDA version (empty: no driver).
	 */
	static String noGpuReason(String flavor, boolean cudaBuildWorks,
		int cudaDevices, OptionalInt driver, String os, String visibleDevices)
	{
		if (os.toLowerCase(Locale.ROOT).contains("mac"))
			return "PyTorch has no CUDA on macOS, so it computes on the CPU.";
		Optional<String> needed = cudaVersionOf(flavor);
		if (needed.isEmpty()) {
			String why =
				"The CPU-only build of PyTorch is loaded: it has no CUDA libraries.";
			if (cudaDevices > 0) return why + " This computer has " + cudaDevices +
				" CUDA device" + (cudaDevices == 1 ? "" : "s") +
				", which a CUDA build of PyTorch could use.";
			if (driver.isPresent()) return why +
				" An NVIDIA driver (for CUDA up to " + CudaDriver.format(driver
					.getAsInt()) +
				") is installed, which a CUDA build of PyTorch could use.";
			return why + " No NVIDIA driver was found either.";
		}
		if (driver.isEmpty()) return "The CUDA " + needed.get() +
			" build of PyTorch is loaded, but no NVIDIA driver was found: " +
			"install the driver of the GPU.";
		int[] parts = { Integer.parseInt(needed.get().split("\\.")[0]), Integer
			.parseInt(needed.get().split("\\.")[1]) };
		int neededVersion = parts[0] * 1000 + parts[1] * 10;
		if (driver.getAsInt() < neededVersion)
			return "The NVIDIA driver supports CUDA up to " + CudaDriver.format(driver
				.getAsInt()) + ", but the PyTorch loaded needs CUDA " + needed.get() +
				": update the NVIDIA driver.";
		String hidden = visibleDevices != null ? " (CUDA_VISIBLE_DEVICES is '" +
			visibleDevices + "')" : "";
		if (cudaDevices == 0) return "The NVIDIA driver (CUDA " + CudaDriver.format(
			driver.getAsInt()) + ") is installed, but it " +
			"reports no usable CUDA device" + hidden + ".";
		return "The CUDA runtime counts " + cudaDevices + " device" +
			(cudaDevices == 1 ? "" : "s") + hidden + ", but PyTorch " +
			(cudaBuildWorks ? "cannot use them" : "could not initialize CUDA") +
			": the GPU may be too old or too new for the CUDA " + needed.get() +
			" build.";
	}
}
