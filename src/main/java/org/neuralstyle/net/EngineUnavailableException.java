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

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * PyTorch could not start: its native library for this computer is missing or
 * does not load. DJL reports that as an {@code EngineException} or an
 * {@code UnsatisfiedLinkError} whose text names neither the platform nor a way
 * out; this carries the facts a front end needs to say both, and leaves the
 * advice (which file, which menu, which option) to the front end.
 */
public final class EngineUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * DJL's {@code os-arch} names of the platforms the Fiji update site carries a
	 * PyTorch native library for ({@code mvn -Pupdate-site package};
	 * UpdateSiteLayoutTest holds the two together). PyTorch 2.7.1 has none for
	 * Intel macOS ({@code osx-x86_64}).
	 */
	public static final List<String> SUPPORTED = List.of("linux-x86_64",
		"linux-aarch64", "osx-aarch64", "win-x86_64");

	private final String platform;
	private final List<String> present;

	private EngineUnavailableException(String message, String platform,
		List<String> present, Throwable cause)
	{
		super(message, cause);
		this.platform = platform;
		this.present = present;
	}

	/** For what DJL threw when the engine would not start, on this computer. */
	public static EngineUnavailableException of(Throwable cause) {
		return of(cause, System.getProperty("os.name", ""), System.getProperty(
			"os.arch", ""), nativesOnClassPath());
	}

	static EngineUnavailableException of(Throwable cause, String osName,
		String osArch, List<String> present)
	{
		String platform = platform(osName, osArch);
		StringBuilder m = new StringBuilder("PyTorch could not start on ").append(
			describe(platform)).append(" (").append(platform).append("): ").append(
				rootMessage(cause)).append('.');
		if (!SUPPORTED.contains(platform)) m.append(" PyTorch ").append(
			pytorchVersion()).append(" has no native library for this platform.");
		else if (!present.contains(platform)) m.append(
			" Its native library for this platform is not installed.");
		else m.append(
			" Its native library for this platform is installed but did not load.");
		m.append(" Native libraries found: ").append(present.isEmpty() ? "none"
			: String.join(", ", present)).append('.');
		return new EngineUnavailableException(m.toString(), platform, present,
			cause);
	}

	/**
	 * DJL's {@code os-arch} name of this computer, as in its native jars'
	 * classifiers.
	 */
	public String platform() {
		return platform;
	}

	/**
	 * Whether a PyTorch native library exists for this platform (the update site
	 * has it).
	 */
	public boolean supported() {
		return SUPPORTED.contains(platform);
	}

	/**
	 * Whether the native library for this platform is on the class path (then it
	 * failed to load).
	 */
	public boolean installed() {
		return present.contains(platform);
	}

	/** The platforms whose native library is on the class path. */
	public List<String> present() {
		return present;
	}

	/** The platforms a native library exists for, in words, for messages. */
	public static String supportedInWords() {
		return "Linux (x86-64 and arm64), macOS on Apple silicon and Windows (x86-64)";
	}

	static String platform(String osName, String osArch) {
		String os = osName.startsWith("Win") ? "win" : osName.startsWith("Mac")
			? "osx" : osName.startsWith("Linux") ? "linux" : osName.toLowerCase(
				Locale.ROOT).replace(' ', '_');
		String arch = "amd64".equals(osArch) ? "x86_64" : osArch;
		return os + "-" + arch;
	}

	static String describe(String platform) {
		return switch (platform) {
			case "osx-x86_64" -> "an Intel Mac";
			case "osx-aarch64" -> "a Mac with Apple silicon";
			case "linux-x86_64" -> "Linux x86-64";
			case "linux-aarch64" -> "Linux arm64";
			case "win-x86_64" -> "Windows x86-64";
			case "win-aarch64" -> "Windows arm64";
			default -> "this platform";
		};
	}

	/**
	 * The classifiers of the PyTorch native jars DJL can see: each has
	 * {@code native/lib/pytorch.properties} naming its platform, which is how DJL
	 * itself picks the one for this computer.
	 */
	static List<String> nativesOnClassPath() {
		List<String> found = new ArrayList<>();
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		if (loader == null) loader = EngineUnavailableException.class
			.getClassLoader();
		try {
			Enumeration<URL> urls = loader.getResources(
				"native/lib/pytorch.properties");
			while (urls.hasMoreElements()) {
				Properties p = new Properties();
				try (InputStream in = urls.nextElement().openStream()) {
					p.load(in);
				}
				String classifier = p.getProperty("classifier");
				if (classifier != null && !found.contains(classifier)) found.add(
					classifier);
			}
		}
		catch (IOException | IllegalArgumentException e) {
			// Unreadable: the message then says "none", which is as good as we know.
		}
		Collections.sort(found);
		return List.copyOf(found);
	}

	/** The PyTorch version DJL's engine is built for, as its jar says. */
	public static String pytorchVersion() {
		try (InputStream in = EngineUnavailableException.class.getResourceAsStream(
			"/pytorch-engine.properties"))
		{
			if (in != null) {
				Properties p = new Properties();
				p.load(in);
				String v = p.getProperty("pytorch_version");
				if (v != null) return v;
			}
		}
		catch (IOException e) {
			// The version is only for the message.
		}
		return "(the bundled version)";
	}

	private static String rootMessage(Throwable t) {
		Throwable root = t;
		while (root.getCause() != null && root.getCause() != root)
			root = root.getCause();
		String text = root.getMessage() != null ? root.getMessage() : root
			.getClass().getSimpleName();
		// DJL's own text may end in a full stop; the sentence adds its own.
		return text.strip().replaceAll("[.]+$", "");
	}
}
