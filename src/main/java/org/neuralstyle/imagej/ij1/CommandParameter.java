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

package org.neuralstyle.imagej.ij1;

import ij.ImagePlus;
import java.io.File;
import java.util.List;
import java.util.Locale;

/**
 * One input of a command as an ImageJ 1.x dialog shows it. The key is both the
 * dialog label and the macro key ({@code key=value} in a macro's options), so
 * it is the SciJava parameter's name: Fiji records SciJava commands with the
 * same keys, and a macro runs the same in both.
 *
 * @param key the macro key and dialog label (underscores show as spaces in the
 *          dialog)
 * @param kind which dialog field shows it
 * @param type the Java type the command's field has
 * @param defaultValue the value before the user or a macro says otherwise (may
 *          be null)
 * @param choices the allowed values of a {@link Kind#CHOICE}, in dialog order;
 *          otherwise empty
 * @param min the smallest allowed number, or null
 * @param max the largest allowed number, or null
 * @param remembered whether a dialog starts with the value the user gave last
 *          time (SciJava's {@code persist}); false for values that must not
 *          carry over, like an output file
 * @param advanced whether it is one of the rarely changed parameters that
 *          ImageJ 1.x asks for in a second dialog (in the command, those after
 *          a message item: Fiji shows it as a heading)
 */
public record CommandParameter(String key, Kind kind, Class<?> type,
		Object defaultValue, List<String> choices, Double min, Double max,
		boolean remembered, boolean advanced) {

	/**
	 * The widget style of a String parameter that holds the title of an open
	 * image, or nothing: an optional image. ImageJ 1.x offers the open images and
	 * {@value #NO_IMAGE}; Fiji, which does not know the style, a text field.
	 * (SciJava's own image widget cannot leave an image out.)
	 */
	public static final String IMAGE_TITLE_STYLE = "image title";

	/**
	 * The widget style of a String parameter that names regions:
	 * {@link #ROI_MANAGER} or the title of an open label image, or "" for none.
	 */
	public static final String REGIONS_STYLE = "regions";

	/** The regions value that takes the ROI Manager's ROIs, in order. */
	public static final String ROI_MANAGER = "ROI Manager";

	/**
	 * What ImageJ 1.x offers, and records, for "no image" (as its own commands
	 * do).
	 */
	public static final String NO_IMAGE = "*None*";

	/** The dialog field that shows a parameter. */
	public enum Kind {

			NUMBER, INTEGER, BOOLEAN, CHOICE, TEXT, FILE, DIRECTORY, IMAGE,
			/** An open image's title, or "" for none ({@link #IMAGE_TITLE_STYLE}). */
			IMAGE_TITLE,
			/**
			 * {@link #ROI_MANAGER}, an open image's title, or ""
			 * ({@link #REGIONS_STYLE}).
			 */
			REGIONS

	}

	public CommandParameter(String key, Kind kind, Class<?> type,
		Object defaultValue, List<String> choices, Double min, Double max,
		boolean remembered)
	{
		this(key, kind, type, defaultValue, choices, min, max, remembered, false);
	}

	public CommandParameter(String key, Kind kind, Class<?> type,
		Object defaultValue, List<String> choices, Double min, Double max)
	{
		this(key, kind, type, defaultValue, choices, min, max, true);
	}

	public CommandParameter

	{
		if (key == null || !key.matches("[a-z][a-z0-9_]*"))
			throw new IllegalArgumentException(
				"A macro key must be lower case letters, digits and underscores, starting with a letter: '" +
					key + "'");
		choices = List.copyOf(choices);
		if (kind == Kind.CHOICE && choices.isEmpty())
			throw new IllegalArgumentException("Choice '" + key + "' has no choices");
	}

	public static CommandParameter number(String key, double defaultValue,
		Double min, Double max)
	{
		return new CommandParameter(key, Kind.NUMBER, double.class, defaultValue,
			List.of(), min, max);
	}

	public static CommandParameter integer(String key, int defaultValue,
		Integer min, Integer max)
	{
		return new CommandParameter(key, Kind.INTEGER, int.class, defaultValue, List
			.of(), min == null ? null : min.doubleValue(), max == null ? null : max
				.doubleValue());
	}

	public static CommandParameter flag(String key, boolean defaultValue) {
		return new CommandParameter(key, Kind.BOOLEAN, boolean.class, defaultValue,
			List.of(), null, null);
	}

	public static CommandParameter choice(String key, String defaultValue,
		String... choices)
	{
		return new CommandParameter(key, Kind.CHOICE, String.class, defaultValue,
			List.of(choices), null, null);
	}

	public static CommandParameter text(String key, String defaultValue) {
		return new CommandParameter(key, Kind.TEXT, String.class, defaultValue, List
			.of(), null, null);
	}

	public static CommandParameter file(String key, File defaultValue) {
		return new CommandParameter(key, Kind.FILE, File.class, defaultValue, List
			.of(), null, null);
	}

	public static CommandParameter image(String key) {
		return new CommandParameter(key, Kind.IMAGE, ImagePlus.class, null, List
			.of(), null, null);
	}

	/**
	 * A number checked against this parameter's range and kind, converted to its
	 * Java type.
	 *
	 * @throws IllegalArgumentException with a message for the user
	 */
	Object number(double value) {
		if (Double.isNaN(value)) throw new IllegalArgumentException("'" + key +
			"' needs a number.");
		if (kind == Kind.INTEGER && value != Math.rint(value))
			throw new IllegalArgumentException("'" + key +
				"' needs a whole number, not " + value + ".");
		if ((min != null && value < min) || (max != null && value > max))
			throw new IllegalArgumentException("'" + key + "' must be " +
				rangeText() + ", not " + format(value) + ".");
		return convertNumber(value);
	}

	private String rangeText() {
		if (min != null && max != null) return "between " + format(min) + " and " +
			format(max);
		return min != null ? "at least " + format(min) : "at most " + format(max);
	}

	private static String format(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
			: Double.toString(v);
	}

	private Object convertNumber(double value) {
		Class<?> t = type;
		if (t == int.class || t == Integer.class) return (int) value;
		if (t == long.class || t == Long.class) return (long) value;
		if (t == short.class || t == Short.class) return (short) value;
		if (t == byte.class || t == Byte.class) return (byte) value;
		if (t == float.class || t == Float.class) return (float) value;
		return value;
	}

	/**
	 * A choice's value as the command's type: the string itself, or the enum
	 * constant it names.
	 */
	Object choice(String value) {
		if (!choices.contains(value)) throw new IllegalArgumentException("'" +
			value + "' is not a valid " + key + ": use one of " + String.join(", ",
				choices) + ".");
		if (type.isEnum()) {
			for (Object constant : type.getEnumConstants()) {
				if (constant.toString().equals(value)) return constant;
			}
		}
		return value;
	}

	/**
	 * An optional image's title as a macro or dialog gives it: "" for none,
	 * however written.
	 */
	public static String imageTitle(String value) {
		if (value == null || value.isBlank() || value.trim().equals(NO_IMAGE))
			return "";
		return value.trim();
	}

	/** A path typed by the user or a macro; empty means none. */
	Object path(String value) {
		if (value == null || value.isBlank()) return null;
		return new File(value.trim());
	}

	/** The text a dialog field starts with for this parameter's default. */
	String defaultText() {
		if (defaultValue == null) return "";
		if (defaultValue instanceof File f) return f.getPath();
		return defaultValue.toString();
	}

	/**
	 * Digits a numeric field shows: enough for the default, scientific for very
	 * large or small ones.
	 */
	int digits() {
		if (kind == Kind.INTEGER || !(defaultValue instanceof Number n)) return 0;
		double v = Math.abs(n.doubleValue());
		if (v == 0) return 1;
		if (v >= 1e6 || v < 1e-4) return -3;
		for (int d = 0; d <= 6; d++) {
			double scaled = v * Math.pow(10, d);
			if (Math.abs(scaled - Math.rint(scaled)) < 1e-9 * scaled) return Math.max(
				d, 1);
		}
		return 6;
	}

	@Override
	public String toString() {
		return key + " (" + kind.name().toLowerCase(Locale.ROOT) + ")";
	}
}
