package org.neuralstyle.net;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * The NVIDIA driver as the operating system has it, asked directly: DJL tells only that it sees
 * no GPU, not whether the driver is missing or too old for the CUDA that PyTorch was built for.
 * The driver's library ({@code libcuda.so.1}, {@code nvcuda.dll}) comes with the driver, not
 * with CUDA, so finding it means a driver is installed.
 */
final class CudaDriver {

	/** The one driver call needed: it answers without initializing a device. */
	interface Api extends Library {
		int cuDriverGetVersion(int[] version);
	}

	private CudaDriver() {}

	/**
	 * The highest CUDA version the installed driver supports, as CUDA numbers it (12040 is 12.4);
	 * empty when there is no NVIDIA driver (or it cannot be asked).
	 */
	static OptionalInt version() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		if (os.contains("mac")) return OptionalInt.empty(); // no CUDA on macOS for years
		try {
			Api api = Native.load(os.contains("win") ? "nvcuda" : "cuda", Api.class);
			int[] version = new int[1];
			return api.cuDriverGetVersion(version) == 0 ? OptionalInt.of(version[0]) : OptionalInt.empty();
		}
		catch (LinkageError | SecurityException e) {
			return OptionalInt.empty();
		}
	}

	/** 12040 as "12.4". */
	static String format(int version) {
		return version / 1000 + "." + version % 1000 / 10;
	}
}
