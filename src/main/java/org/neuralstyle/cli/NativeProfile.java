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

package org.neuralstyle.cli;

import ai.djl.pytorch.jni.JniUtils;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the time of one iteration (or image, or step) goes, by libtorch's own
 * autograd profiler, which DJL starts and stops ({@code JniUtils.startProfile}
 * and {@code stopProfile}, writing a Chrome trace). PyTorch's Python profiler
 * is out of reach from Java; this is the same recorder underneath. Every
 * libtorch operator the engine calls is recorded on the calling thread with its
 * start and length (on the CPU, operators are synchronous, so that is their
 * real time, OpenMP workers included); the backward pass runs on the calling
 * thread too, as {@code autograd::engine::evaluate_function: XBackward0}. Only
 * outermost operators count (a convolution's inner
 * {@code aten::mkldnn_convolution} is inside its {@code aten::conv2d}); the
 * wall time they leave uncovered is Java, JNI and the optimizer's bookkeeping.
 */
final class NativeProfile {

	/** The phases the profile is reported in. */
	enum Phase {

			CONV_FORWARD("forward convolutions"), CONV_BACKWARD(
				"backward convolutions"), RELU_POOL("ReLU and pooling (both ways)"),
			GRAM("Gram matrices and other products (both ways)"), ELEMENTWISE(
				"normalization, padding, upsampling, losses (both ways)"), COPIES(
					"copies, creation and other");

		final String label;

		Phase(String label) {
			this.label = label;
		}
	}

	private final long startNanos;

	private NativeProfile(long startNanos) {
		this.startNanos = startNanos;
	}

	/** Starts recording (CPU events, with the memory each operator holds). */
	static NativeProfile start() {
		JniUtils.startProfile(false, false, true);
		return new NativeProfile(System.nanoTime());
	}

	/** Stops recording and reads the trace. */
	Report stop() throws IOException {
		double wall = (System.nanoTime() - startNanos) / 1e9;
		Path trace = Files.createTempFile("neural-style-profile", ".json");
		try {
			JniUtils.stopProfile(trace.toString());
			try (Reader r = Files.newBufferedReader(trace)) {
				return Report.of(JsonParser.parseReader(r).getAsJsonArray(), wall);
			}
		}
		finally {
			Files.deleteIfExists(trace);
		}
	}

	/** The phase of an outermost operator, by its name. */
	static Phase phaseOf(String name) {
		String n = name.toLowerCase(Locale.ROOT);
		boolean backward = n.contains("backward");
		if (n.contains("conv")) return backward ? Phase.CONV_BACKWARD
			: Phase.CONV_FORWARD;
		if (n.contains("relu") || n.contains("threshold") || n.contains("pool"))
			return Phase.RELU_POOL;
		String op = n.substring(n.lastIndexOf(':') + 1).trim();
		if (op.matches(
			"(mm|bmm|matmul|addmm|baddbmm|dot|mv)|(mm|bmm|dot)backward\\d*"))
			return Phase.GRAM;
		if (op.matches(
			"(reflection_pad|constant_pad|pad|upsample|instance_norm|batch_norm|native_batch_norm|var|std|mean|sum|sub|rsub|div|mul|add|square|pow|sqrt|rsqrt|neg|abs|clamp|clip|sigmoid|tanh|exp|log|where|lerp|norm).*"))
			return Phase.ELEMENTWISE;
		return Phase.COPIES;
	}

	/** One recorded interval. */
	private record Event(String name, long tid, double start, double duration,
			long bytes) {
	}

	/**
	 * Seconds per phase, the operators behind them and the memory their results
	 * hold, over one recorded window of {@code wallSeconds}.
	 */
	record Report(double wallSeconds, Map<Phase, Double> seconds,
			Map<String, Double> topOperators, int operators, long bytesHeld) {

		static Report of(JsonArray trace, double wallSeconds) {
			Map<Long, List<Event>> byThread = new HashMap<>();
			for (JsonElement e : trace) {
				JsonObject o = e.getAsJsonObject();
				Event ev = new Event(o.get("name").getAsString(), o.get("tid")
					.getAsLong(), o.get("ts").getAsDouble(), o.get("dur").getAsDouble(),
					bytes(o.has("cpu mem") ? o.get("cpu mem").getAsString() : "0 b"));
				byThread.computeIfAbsent(ev.tid, t -> new ArrayList<>()).add(ev);
			}
			Map<Phase, Double> seconds = new EnumMap<>(Phase.class);
			for (Phase p : Phase.values())
				seconds.put(p, 0.0);
			Map<String, Double> byName = new HashMap<>();
			int count = 0;
			long held = 0;
			for (List<Event> events : byThread.values()) {
				// Outermost first: earliest start, and of equal starts the longest.
				events.sort(Comparator.comparingDouble(Event::start).thenComparing(
					Comparator.comparingDouble(Event::duration).reversed()));
				double coveredUntil = Double.NEGATIVE_INFINITY;
				for (Event ev : events) {
					if (ev.start < coveredUntil) continue;
					coveredUntil = ev.start + ev.duration;
					double s = ev.duration / 1e6;
					seconds.merge(phaseOf(ev.name), s, Double::sum);
					byName.merge(ev.name, s, Double::sum);
					count++;
					held += Math.max(0, ev.bytes);
				}
			}
			Map<String, Double> top = new TreeMap<>();
			byName.entrySet().stream().sorted(Map.Entry
				.<String, Double> comparingByValue().reversed()).limit(8).forEach(
					e -> top.put(e.getKey(), e.getValue()));
			return new Report(wallSeconds, seconds, top, count, held);
		}

		/** DJL writes memory as "12.50 Mb", "3.00 Kb", "12 b" (binary units). */
		static long bytes(String formatted) {
			String[] p = formatted.trim().split("\\s+");
			double v = Double.parseDouble(p[0]);
			double unit = switch (p.length > 1 ? p[1] : "b") {
				case "Gb" -> 1024.0 * 1024 * 1024;
				case "Mb" -> 1024.0 * 1024;
				case "Kb" -> 1024.0;
				default -> 1;
			};
			return Math.round(v * unit);
		}

		/** The report as printed lines, each starting with {@code indent}. */
		String lines(String indent, String unit) {
			StringBuilder b = new StringBuilder();
			double inOps = seconds.values().stream().mapToDouble(Double::doubleValue)
				.sum();
			b.append(String.format(Locale.ROOT,
				"%sprofile of one %s (libtorch profiler, outermost operators): wall %.3f s%n",
				indent, unit, wallSeconds));
			for (Map.Entry<Phase, Double> e : seconds.entrySet())
				b.append(String.format(Locale.ROOT, "%s  %-56s %7.3f s %5.1f%%%n",
					indent, e.getKey().label, e.getValue(), 100 * e.getValue() /
						wallSeconds));
			b.append(String.format(Locale.ROOT, "%s  %-56s %7.3f s %5.1f%%%n", indent,
				"outside libtorch operators (Java, JNI, optimizer)", Math.max(0,
					wallSeconds - inOps), 100 * Math.max(0, wallSeconds - inOps) /
						wallSeconds));
			b.append(String.format(Locale.ROOT,
				"%s  %d operator calls, whose results took %.2f GB of new memory%n",
				indent, operators, bytesHeld / 1e9));
			b.append(indent).append("  slowest operators:");
			topOperators.entrySet().stream().sorted(Map.Entry
				.<String, Double> comparingByValue().reversed()).forEach(e -> b.append(
					String.format(Locale.ROOT, " %s %.3f s;", e.getKey(), e.getValue())));
			return b.append(System.lineSeparator()).toString();
		}
	}
}
