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

package org.neuralstyle.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Keeps the engine off DJL's arithmetic overloads that take a Java number
 * ({@code mul(Number)}, {@code div(Number)}, {@code add(Number)},
 * {@code sub(Number)}, their in-place forms and the like): on the CPU they hand
 * autograd a tensor over Java memory that the garbage collector may free before
 * backward reads it. {@link Scalars} is the safe way. The check reads the
 * compiled classes' call sites with the JDK's own {@code javap}, so no spelling
 * of the call escapes it.
 */
class ScalarUseTest {

	/**
	 * A call of an NDArray (or NDArrays) method whose parameters include a
	 * java.lang.Number.
	 */
	private static final Pattern NUMBER_CALL = Pattern.compile(
		"Method (ai/djl/ndarray/\\w*NDArrays?)\\.(\\w+):\\(([^)]*Ljava/lang/Number;[^)]*)\\)");
	/**
	 * Number overloads that produce no tensor autograd keeps: comparisons
	 * (boolean results) and clip (passes doubles to libtorch).
	 */
	private static final List<String> HARMLESS = List.of("eq", "neq", "gt", "gte",
		"lt", "lte", "contentEquals", "clip", "percentile");

	@Test
	void noClassCallsDjlsNumberArithmetic() throws Exception {
		// The tests too: an objective a test differentiates is as exposed as the
		// engine's.
		Path classes = Path.of(Scalars.class.getProtectionDomain().getCodeSource()
			.getLocation().toURI());
		Path testClasses = Path.of(ScalarUseTest.class.getProtectionDomain()
			.getCodeSource().getLocation().toURI());
		List<String> files = new ArrayList<>();
		for (Path root : List.of(classes, testClasses)) {
			try (Stream<Path> walk = Files.walk(root)) {
				walk.filter(p -> p.toString().endsWith(".class")).filter(p -> !p
					.endsWith(Path.of("tensor", "Scalars.class"))).filter(p -> !p
						.getFileName().toString().startsWith("ScalarUseTest$Offender"))
					.forEach(p -> files.add(p.toString()));
			}
		}
		assertTrue(files.size() > 100, "found the compiled classes in " + classes +
			" and " + testClasses);
		List<String> offences = new ArrayList<>();
		String current = "?";
		for (String line : javap(files).split("\n")) {
			if (line.startsWith("Compiled from") || line.isBlank()) continue;
			if (!line.startsWith(" ")) current = line;
			Matcher m = NUMBER_CALL.matcher(line);
			if (m.find() && !HARMLESS.contains(m.group(2))) offences.add(current
				.trim() + ": " + m.group(1) + "." + m.group(2));
		}
		assertEquals(List.of(), offences,
			"use org.neuralstyle.tensor.Scalars instead of DJL's Number overloads");
	}

	@Test
	void theCheckSeesACallOfMulWithANumber() throws Exception {
		// The test's own class files hold such a call (below): the pattern must
		// find it.
		Path self = Path.of(Offender.class.getProtectionDomain().getCodeSource()
			.getLocation().toURI()).resolve(Offender.class.getName().replace('.',
				'/') + ".class");
		Matcher m = NUMBER_CALL.matcher(javap(List.of(self.toString())));
		assertTrue(m.find(), "javap shows the call");
		assertEquals("mul", m.group(2));
	}

	private static String javap(List<String> classFiles) {
		ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow(
			() -> new IllegalStateException(
				"This check needs a JDK (javap), not a JRE"));
		StringWriter out = new StringWriter();
		List<String> args = new ArrayList<>(List.of("-c", "-p"));
		args.addAll(classFiles);
		int rc = javap.run(new PrintWriter(out), new PrintWriter(out), args.toArray(
			new String[0]));
		assertEquals(0, rc, out.toString());
		return out.toString();
	}

	/** What the check must catch. */
	static final class Offender {

		static ai.djl.ndarray.NDArray scale(ai.djl.ndarray.NDArray a) {
			return a.mul(2f);
		}
	}
}
