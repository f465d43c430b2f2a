package org.neuralstyle.net;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** The compute device a run uses: {@code auto} takes a GPU when PyTorch sees one, else the CPU. */
public final class Devices {

	private Devices() {}

	public static Device parse(String choice) {
		String c = choice == null ? "auto" : choice.trim().toLowerCase(java.util.Locale.ROOT);
		int gpus = Engine.getInstance().getGpuCount();
		return switch (c) {
			case "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
			case "cpu" -> Device.cpu();
			case "gpu" -> {
				if (gpus == 0) throw new IllegalArgumentException("No GPU is visible to PyTorch (the CPU build of " +
					"PyTorch is loaded, or no CUDA device is present). Use device 'cpu' or 'auto'.");
				yield Device.gpu();
			}
			default -> throw new IllegalArgumentException("Unknown device '" + choice + "': use auto, cpu or gpu");
		};
	}
}
