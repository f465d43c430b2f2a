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

package org.neuralstyle.optimize;

import ai.djl.engine.Engine;

import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neuralstyle.image.RgbImage;
import org.neuralstyle.io.AtomicFiles;
import org.neuralstyle.net.EngineReport;

/**
 * What is needed to reproduce a run, as JSON: the settings, the inputs, the
 * versions of this tool, DJL, PyTorch and Java, the weights file's SHA-256, the
 * outcome, and the loss curve (every iteration's losses). The front end adds
 * what only it knows (file names, its own arguments) with {@link #put}.
 */
public final class RunTrace {

	private final Map<String, Object> fields = new LinkedHashMap<>();
	private final List<Map<String, Object>> losses = new ArrayList<>();

	public RunTrace() {
		fields.put("tool", "neural-style " + version());
		Map<String, Object> versions = new LinkedHashMap<>();
		versions.put("neural-style", version());
		versions.put("djl", EngineReport.readDjlVersion());
		try {
			versions.put("pytorch", Engine.getEngine("PyTorch").getVersion());
		}
		catch (RuntimeException e) {
			versions.put("pytorch", "not started: " + e.getMessage());
		}
		versions.put("java", System.getProperty("java.version"));
		versions.put("os", System.getProperty("os.name") + " " + System.getProperty(
			"os.arch"));
		fields.put("versions", versions);
	}

	/** Adds or replaces a top-level entry (strings, numbers, lists, maps). */
	public RunTrace put(String key, Object value) {
		fields.put(key, value);
		return this;
	}

	/**
	 * The settings' public fields by name, as a user reads them (enums in lower
	 * case, images by size).
	 */
	public RunTrace settings(StyleTransferSettings s) {
		Map<String, Object> out = new LinkedHashMap<>();
		for (Field f : StyleTransferSettings.class.getFields()) {
			if (Modifier.isStatic(f.getModifiers())) continue;
			try {
				Object v = f.get(s);
				if (v instanceof Enum<?> e) v = e.toString().toLowerCase(
					java.util.Locale.ROOT);
				if (v instanceof RgbImage img) v = img.width() + "x" + img.height();
				if (v instanceof Double d && !Double.isFinite(d)) v = d.toString();
				out.put(f.getName(), v);
			}
			catch (IllegalAccessException e) {
				throw new IllegalStateException(e);
			}
		}
		out.put("effectiveStyleWeight", s.effectiveStyleWeight());
		out.put("effectiveLearningRate", s.effectiveLearningRate());
		return put("settings", out);
	}

	/** A file by path, size and SHA-256. */
	public static Map<String, Object> file(Path file) throws IOException {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("path", file.toAbsolutePath().toString());
		out.put("bytes", Files.size(file));
		out.put("sha256", org.neuralstyle.weights.Sha256.of(file));
		return out;
	}

	/**
	 * Records an iteration's losses; a repeated iteration (the final report of
	 * the last one) replaces the earlier record.
	 */
	public void iteration(int iteration, LossValues l) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("iteration", iteration);
		row.put("content", finite(l.content()));
		row.put("style", finite(l.style()));
		row.put("tv", finite(l.tv()));
		row.put("total", finite(l.total()));
		if (!losses.isEmpty() && losses.get(losses.size() - 1).get("iteration")
			.equals(iteration)) losses.set(losses.size() - 1, row);
		else losses.add(row);
	}

	/** The run's end: outcome, message, iterations. */
	public void result(StylizationResult r) {
		put("outcome", r.outcome().toString().toLowerCase(java.util.Locale.ROOT));
		put("message", r.message());
		put("iterations", r.iterations());
	}

	public int iterations() {
		return losses.size();
	}

	public String json() {
		Map<String, Object> all = new LinkedHashMap<>(fields);
		all.put("losses", losses);
		return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
			.serializeSpecialFloatingPointValues().create().toJson(all);
	}

	/** Writes the JSON atomically: a reader never sees a partial trace. */
	public void write(Path file, boolean overwrite) throws IOException {
		byte[] bytes = json().getBytes(StandardCharsets.UTF_8);
		AtomicFiles.Writer w = temporary -> Files.write(temporary, bytes);
		if (overwrite) AtomicFiles.replace(file, w);
		else AtomicFiles.create(file, w);
	}

	private static Object finite(double v) {
		return Double.isFinite(v) ? (Object) v : Double.toString(v);
	}

	private static String version() {
		String v = RunTrace.class.getPackage().getImplementationVersion();
		return v == null ? "development" : v;
	}
}
