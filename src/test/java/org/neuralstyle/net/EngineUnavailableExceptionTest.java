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

import java.util.List;

import ai.djl.engine.EngineException;

import org.junit.jupiter.api.Test;

/**
 * The message for a PyTorch that does not start names the platform and what is
 * known of its library.
 */
class EngineUnavailableExceptionTest {

	private static final EngineException DJL = new EngineException(
		"Failed to load PyTorch native library", new IllegalStateException(
			"No matching native library found for osx-x86_64."));

	@Test
	void anIntelMacIsToldThereIsNoLibraryForIt() {
		EngineUnavailableException e = EngineUnavailableException.of(DJL,
			"Mac OS X", "x86_64", List.of("linux-x86_64"));
		assertEquals("osx-x86_64", e.platform());
		assertFalse(e.supported());
		assertEquals(
			"PyTorch could not start on an Intel Mac (osx-x86_64): No matching native library found for osx-x86_64. " +
				"PyTorch 2.7.1 has no native library for this platform. Native libraries found: linux-x86_64.",
			e.getMessage());
	}

	@Test
	void aSupportedPlatformWithoutItsJarIsToldItIsNotInstalled() {
		EngineUnavailableException e = EngineUnavailableException.of(DJL,
			"Windows 11", "amd64", List.of());
		assertEquals("win-x86_64", e.platform());
		assertTrue(e.supported());
		assertFalse(e.installed());
		assertTrue(e.getMessage().contains("Windows x86-64 (win-x86_64)"), e
			.getMessage());
		assertTrue(e.getMessage().endsWith(
			"Its native library for this platform is not installed. Native libraries found: none."),
			e.getMessage());
	}

	@Test
	void anInstalledLibraryThatFailsToLoadIsToldApart() {
		UnsatisfiedLinkError link = new UnsatisfiedLinkError(
			"/home/u/.djl.ai/pytorch/libtorch_cpu.so: file too short");
		EngineUnavailableException e = EngineUnavailableException.of(link, "Linux",
			"aarch64", List.of("linux-aarch64"));
		assertTrue(e.installed());
		assertTrue(e.getMessage().startsWith(
			"PyTorch could not start on Linux arm64 (linux-aarch64): /home/u/.djl.ai/pytorch/" +
				"libtorch_cpu.so: file too short. Its native library for this platform is installed but did not load."),
			e.getMessage());
	}

	@Test
	void theTestClassPathHasTheLinuxLibraryDjlWouldFind() {
		// The same lookup DJL makes (native/lib/pytorch.properties): the pom's
		// runtime native jar.
		assertTrue(EngineUnavailableException.nativesOnClassPath().contains(
			"linux-x86_64"), EngineUnavailableException
				.nativesOnClassPath()::toString);
	}
}
