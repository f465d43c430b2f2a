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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.weights.ModelRegistry;
import org.neuralstyle.weights.WeightsCache;

/**
 * The engine report on this computer (CPU-only PyTorch, no GPU), and its
 * reasons for having no GPU.
 */
class EngineReportTest {

	@Test
	void reportsTheLoadedEngineTheCpuAndWhyThereIsNoGpu(@TempDir Path cache)
		throws Exception
	{
		// vgg16's size is not published, so any file of its name counts as present.
		Files.writeString(cache.resolve(ModelRegistry.VGG16.fileName()), "x");
		EngineReport r = EngineReport.gather(new WeightsCache(cache), ModelRegistry
			.standard());

		assertTrue(r.started(), r.startFailure().orElse(""));
		assertEquals("2.7.1", r.pytorchVersion().orElseThrow());
		assertEquals("0.36.0", r.djlVersion());
		assertEquals("cpu", r.flavor());
		Path library = r.nativeFolder().orElseThrow().resolve(System.mapLibraryName(
			"torch"));
		assertTrue(Files.isRegularFile(library), "the library loaded exists: " +
			library);
		assertEquals(List.of("cpu"), r.devices());
		assertEquals(0, r.gpus());
		assertTrue(r.noGpuReason().orElseThrow().startsWith(
			"The CPU-only build of PyTorch is loaded"), r.noGpuReason().get());

		Map<String, String> facts = r.facts().stream().collect(Collectors.toMap(
			EngineReport.Fact::label, EngineReport.Fact::value));
		assertEquals("2.7.1", facts.get("PyTorch"));
		assertEquals(library.toString(), facts.get("Native library"));
		assertTrue(facts.get("GPU").startsWith("none. The CPU-only build"), facts
			.get("GPU"));
		assertTrue(facts.get("Threads").matches(
			"\\d+ for PyTorch operations, \\d+ between them, \\d+ processors"), facts
				.get("Threads"));
		assertTrue(facts.get("Memory").matches(
			"[\\d,]+ MB of [\\d,]+ MB free in the system, [\\d,]+ MB of [\\d,]+ MB free for Java"),
			facts.get("Memory"));
		assertEquals(cache.toAbsolutePath().toString(), facts.get("Weights cache"));
		assertTrue(facts.get("vgg16").startsWith("present (vgg16-397923af.pth)"),
			facts.get("vgg16"));
		assertTrue(facts.get("vgg19").startsWith("missing"), facts.get("vgg19"));
		assertTrue(facts.get("fast-models").startsWith("missing"), facts.get(
			"fast-models"));
	}

	@Test
	void theBuildIsReadFromTheFolderDjlLoadedItFrom() {
		assertEquals("cu124", EngineReport.flavorOf(Path.of(
			"/home/u/.djl.ai/pytorch/2.7.1-20250812-cu124-linux-x86_64")));
		assertEquals("cpu", EngineReport.flavorOf(Path.of(
			"/home/u/.djl.ai/pytorch/2.7.1-20250812-cpu-precxx11-linux-x86_64")));
		// The installed CUDA build, in the folder DJL would give it.
		assertEquals("cu128", EngineReport.flavorOf(Path.of(
			"/home/u/.djl.ai/pytorch/2.7.1-cu128-linux-x86_64")));
		// A folder given to DJL is loaded with the flavor given with it. PyTorch
		// has started before this test (the report tests above), so these settings
		// change nothing but what is read here.
		Devices.engine();
		System.setProperty("PYTORCH_LIBRARY_PATH", "/opt/libtorch");
		System.setProperty("PYTORCH_FLAVOR", "cu128-precxx11");
		try {
			assertEquals("cu128", EngineReport.flavorOf(Path.of("/opt/libtorch")));
		}
		finally {
			System.clearProperty("PYTORCH_LIBRARY_PATH");
			System.clearProperty("PYTORCH_FLAVOR");
		}
		assertEquals("12.4", EngineReport.cudaVersionOf("cu124").orElseThrow());
		assertEquals("11.8", EngineReport.cudaVersionOf("cu118").orElseThrow());
		assertFalse(EngineReport.cudaVersionOf("cpu").isPresent());
	}

	@Test
	void eachReasonForNoGpuIsTold() {
		OptionalInt noDriver = OptionalInt.empty();
		assertEquals(
			"The CPU-only build of PyTorch is loaded: it has no CUDA libraries. This computer has 2 CUDA devices, which a " +
				"CUDA build of PyTorch could use.", EngineReport.noGpuReason("cpu",
					false, 2, OptionalInt.of(12040), "Linux", null));
		assertEquals(
			"The CPU-only build of PyTorch is loaded: it has no CUDA libraries. An NVIDIA driver (for CUDA up to 12.2) is " +
				"installed, which a CUDA build of PyTorch could use.", EngineReport
					.noGpuReason("cpu", false, 0, OptionalInt.of(12020), "Linux", null));
		assertEquals(
			"The CPU-only build of PyTorch is loaded: it has no CUDA libraries. No NVIDIA driver was found either.",
			EngineReport.noGpuReason("cpu", false, 0, noDriver, "Windows 11", null));
		assertEquals(
			"The CUDA 12.4 build of PyTorch is loaded, but no NVIDIA driver was found: install the driver of the GPU.",
			EngineReport.noGpuReason("cu124", false, 0, noDriver, "Linux", null));
		assertEquals(
			"The NVIDIA driver supports CUDA up to 11.8, but the PyTorch loaded needs CUDA 12.4: update the NVIDIA driver.",
			EngineReport.noGpuReason("cu124", false, 0, OptionalInt.of(11080),
				"Linux", null));
		assertEquals(
			"The NVIDIA driver (CUDA 12.6) is installed, but it reports no usable CUDA device (CUDA_VISIBLE_DEVICES is '').",
			EngineReport.noGpuReason("cu124", false, 0, OptionalInt.of(12060),
				"Linux", ""));
		assertTrue(EngineReport.noGpuReason("cu124", false, 1, OptionalInt.of(
			12060), "Linux", null).startsWith(
				"The CUDA runtime counts 1 device, but PyTorch could not initialize CUDA"));
		assertEquals("PyTorch has no CUDA on macOS, so it computes on the CPU.",
			EngineReport.noGpuReason("cpu", false, 0, noDriver, "Mac OS X", null));
	}
}
