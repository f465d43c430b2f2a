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

package org.neuralstyle.weights;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SHA-256 a file must have: all 64 hex digits, only a prefix (torchvision
 * names its files after the first 8 digits, which is all that is published for
 * some), or nothing when no checksum is published.
 */
public record Checksum(String sha256Prefix) {

	private static final Pattern HEX = Pattern.compile("[0-9a-f]{0,64}");

	public Checksum {
		sha256Prefix = sha256Prefix.toLowerCase(Locale.ROOT);
		if (!HEX.matcher(sha256Prefix).matches())
			throw new IllegalArgumentException("not a SHA-256 or a prefix of one: " +
				sha256Prefix);
	}

	public static Checksum sha256(String hex) {
		if (hex.length() != 64) throw new IllegalArgumentException(
			"a SHA-256 has 64 hex digits: " + hex);
		return new Checksum(hex);
	}

	public static Checksum sha256Prefix(String hexPrefix) {
		return new Checksum(hexPrefix);
	}

	public static Checksum none() {
		return new Checksum("");
	}

	public boolean isKnown() {
		return !sha256Prefix.isEmpty();
	}

	public boolean isComplete() {
		return sha256Prefix.length() == 64;
	}

	/**
	 * Whether a file with this SHA-256 (64 hex digits) passes; always true when
	 * none is known.
	 */
	public boolean matches(String sha256) {
		return sha256.toLowerCase(Locale.ROOT).startsWith(sha256Prefix);
	}

	@Override
	public String toString() {
		if (!isKnown()) return "no published checksum";
		return isComplete() ? "SHA-256 " + sha256Prefix : "SHA-256 beginning " +
			sha256Prefix;
	}
}
