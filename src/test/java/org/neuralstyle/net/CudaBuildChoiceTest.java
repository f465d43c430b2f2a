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

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which build a start chooses: the installed CUDA build only when the
 * computer's NVIDIA driver can run it and the user has not set DJL's settings
 * themselves.
 */
class CudaBuildChoiceTest {

	@TempDir
	Path cache;

	private CudaBuild build;
	private final AtomicInteger driverAsked = new AtomicInteger();

	@BeforeEach
	void make() {
		build = new CudaBuild("2.7.1", "linux-x86_64", cache);
	}

	/** A complete installation, as the installer leaves it. */
	private void install() throws IOException {
		Files.createDirectories(build.folder());
		Map<String, Long> files = new LinkedHashMap<>();
		for (String name : new String[] { "libc10.so", "libtorch.so",
			"libtorch_cuda.so" })
		{
			Files.write(build.folder().resolve(name), new byte[name.length()]);
			files.put(name, (long) name.length());
		}
		try (OutputStream out = Files.newOutputStream(build.folder().resolve(
			CudaBuild.MARKER)))
		{
			CudaBuild.marker(build, files, "https://publish.djl.ai/pytorch/2.7.1/")
				.store(out, null);
		}
	}

	private Supplier<OptionalInt> driver(OptionalInt version) {
		return () -> {
			driverAsked.incrementAndGet();
			return version;
		};
	}

	private CudaBuildChoice choose(OptionalInt driver) {
		return CudaBuildChoice.decide(build, build.status(), name -> null, driver(
			driver));
	}

	@Test
	void nothingInstalledKeepsTheCpuBuildSilently() {
		CudaBuildChoice c = choose(OptionalInt.of(13000));
		assertEquals(CudaBuildChoice.Outcome.NOT_INSTALLED, c.outcome());
		assertEquals(Optional.empty(), c.notice());
		assertEquals(0, driverAsked.get(), "no driver probe without an install");
		assertEquals(
			"not installed (PyTorch 2.7.1 for CUDA 12.8 (cu128, linux-x86_64) would go to " +
				build.folder() + ")", c.describe(Optional.of(cache.resolve(
					"2.7.1-20250812-cpu-linux-x86_64"))));
	}

	@Test
	void aDriverForCuda128OrNewerChoosesTheCudaBuild() throws IOException {
		install();
		for (int version : new int[] { 12080, 13000 }) {
			CudaBuildChoice c = choose(OptionalInt.of(version));
			assertEquals(CudaBuildChoice.Outcome.USED, c.outcome());
			assertEquals(Optional.empty(), c.notice());
			assertEquals(
				"PyTorch 2.7.1 for CUDA 12.8 (cu128, linux-x86_64), installed in " +
					build.folder() + " (3 files, 0 MB); in use", c.describe(Optional.of(
						build.folder())));
			assertEquals(Optional.of(build.folder()), c.usedFolder());
			assertTrue(c.describe(Optional.empty()).endsWith(
				"; chosen, but PyTorch did not start from it"));
			// Another plugin had started PyTorch from its own library first.
			assertTrue(c.describe(Optional.of(cache.resolve("elsewhere"))).endsWith(
				"; chosen, but PyTorch was loaded from elsewhere (" + cache.resolve(
					"elsewhere") + ") before the choice was made"));
		}
	}

	@Test
	void withoutADriverTheCpuBuildRunsAndOneLineSaysWhy() throws IOException {
		install();
		CudaBuildChoice c = choose(OptionalInt.empty());
		assertEquals(CudaBuildChoice.Outcome.NO_DRIVER, c.outcome());
		assertEquals(Optional.of("The CUDA build of PyTorch installed in " + build
			.folder() +
			" is not used: no NVIDIA driver was found, so PyTorch runs on the CPU."),
			c.notice());
		assertEquals(c.notice().get(), c.describe(Optional.empty()));
		assertEquals(Optional.empty(), c.usedFolder());
	}

	@Test
	void anOldDriverKeepsTheCpuBuildAndSaysWhichCudaIsNeeded()
		throws IOException
	{
		install();
		CudaBuildChoice c = choose(OptionalInt.of(12040));
		assertEquals(CudaBuildChoice.Outcome.OLD_DRIVER, c.outcome());
		assertTrue(c.notice().get().contains(
			"it needs CUDA 12.8, but the NVIDIA driver supports CUDA up to 12.4, so PyTorch runs on the CPU."),
			c.notice().get());
	}

	@Test
	void theUsersOwnSettingsWin() throws IOException {
		install();
		for (String setting : new String[] { "PYTORCH_LIBRARY_PATH",
			"PYTORCH_FLAVOR", "PYTORCH_VERSION" })
		{
			CudaBuildChoice c = CudaBuildChoice.decide(build, build.status(),
				name -> name.equals(setting) ? "cpu" : null, driver(OptionalInt.of(
					12080)));
			assertEquals(CudaBuildChoice.Outcome.SET_BY_USER, c.outcome());
			assertTrue(c.notice().get().endsWith(" is not used: " + setting +
				" is set (to 'cpu'), and DJL follows that."), c.notice().get());
		}
		assertEquals(0, driverAsked.get());
	}

	@Test
	void anIncompleteFolderIsNeverLoaded() throws IOException {
		install();
		Files.delete(build.folder().resolve("libtorch_cuda.so"));
		CudaBuildChoice c = choose(OptionalInt.of(12080));
		assertEquals(CudaBuildChoice.Outcome.INCOMPLETE, c.outcome());
		assertEquals("The CUDA build of PyTorch in " + build.folder() +
			" is incomplete (missing or damaged: libtorch_cuda.so), so PyTorch runs on the CPU.",
			c.notice().get());
		// A folder without the marker (a copy cut short, or DJL's own download)
		// neither.
		Files.delete(build.folder().resolve(CudaBuild.MARKER));
		c = choose(OptionalInt.of(12080));
		assertEquals(CudaBuildChoice.Outcome.INCOMPLETE, c.outcome());
		assertTrue(c.notice().get().contains("it has no " + CudaBuild.MARKER +
			", which is written last"), c.notice().get());
	}

	@Test
	void anInstallDuringTheRunIsUsedFromTheNextStart() throws IOException {
		CudaBuildChoice c = choose(OptionalInt.of(12080));
		install();
		assertTrue(c.describe(Optional.empty()).endsWith(
			"; used from the next start on"), c.describe(Optional.empty()));
	}

	@Test
	void thisComputersBuildIsTheBundledPytorchsForCuda128() throws Exception {
		CudaBuild here = CudaBuild.forThisComputer();
		assertEquals("2.7.1", here.version());
		assertEquals("cu128", here.flavor());
		assertEquals("linux-x86_64", here.platform());
		assertTrue(here.folder().endsWith("pytorch/2.7.1-cu128-linux-x86_64"), here
			.folder().toString());
		// The test JVM has no CUDA build installed: nothing was set for DJL.
		if (CudaBuildChoice.atStart().outcome() != CudaBuildChoice.Outcome.USED)
			assertFalse(System.getProperties().containsKey("PYTORCH_LIBRARY_PATH"));
	}
}
