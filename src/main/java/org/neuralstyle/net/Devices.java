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

import org.neuralstyle.tensor.NativeMemory;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.engine.StandardCapabilities;

/**
 * The compute device a run uses: {@code auto} takes a GPU when PyTorch sees
 * one, else the CPU.
 */
public final class Devices {

	/**
	 * The choices, as constants that annotations (choice lists, option defaults)
	 * can use.
	 */
	public static final String AUTO = "auto", CPU = "cpu", GPU = "gpu";

	private Devices() {}

	public static Device parse(String choice) {
		// Every run names its device before its first array: the moment to set up
		// how libtorch gets memory (it reads that once).
		NativeMemory.prepare();
		String c = choice == null ? AUTO : choice.trim().toLowerCase(
			java.util.Locale.ROOT);
		int gpus = visibleGpus(engine());
		return switch (c) {
			case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
			case CPU -> Device.cpu();
			case GPU -> {
				if (gpus == 0) throw new IllegalArgumentException(
					"No GPU is visible to PyTorch. " + EngineReport.gather().noGpuReason()
						.orElse("") + " Use device 'cpu' or 'auto'.");
				yield Device.gpu();
			}
			default -> throw new IllegalArgumentException("Unknown device '" +
				choice + "': use auto, cpu or gpu");
		};
	}

	/**
	 * Memory a computation on {@code device} may take: half of the free physical
	 * memory for the CPU (the rest stays for the Java heap, ImageJ and the
	 * system), half of the free device memory for a GPU.
	 */
	public static long availableMemory(Device device) {
		if (device.isGpu()) {
			java.lang.management.MemoryUsage usage = ai.djl.util.cuda.CudaUtils
				.getGpuMemory(device);
			return (usage.getMax() - usage.getUsed()) / 2;
		}
		java.lang.management.OperatingSystemMXBean os =
			java.lang.management.ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.OperatingSystemMXBean memory)
			return memory.getFreeMemorySize() / 2;
		return Runtime.getRuntime().maxMemory() / 2;
	}

	/**
	 * PyTorch, started if it was not. Every command asks for its device first, so
	 * this is where a missing or broken native library shows: as one
	 * {@link EngineUnavailableException} that names the platform, instead of
	 * DJL's exception or a linkage error that names neither.
	 */
	public static Engine engine() {
		try {
			// DJL reads where PyTorch comes from only when it starts it.
			CudaBuildChoice.atStart();
			return Engine.getInstance();
		}
		catch (EngineException | UnsatisfiedLinkError | NoClassDefFoundError
				| ExceptionInInitializerError e)
		{
			throw EngineUnavailableException.of(e);
		}
	}

	/**
	 * The GPUs PyTorch can compute on. DJL counts them with the CUDA runtime,
	 * which knows nothing of the PyTorch build: with the CPU-only build on a
	 * computer with a GPU, {@code auto} would pick a GPU that PyTorch cannot use.
	 */
	public static int visibleGpus(Engine engine) {
		return engine.hasCapability(StandardCapabilities.CUDA) ? engine
			.getGpuCount() : 0;
	}
}
