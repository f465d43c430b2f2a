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

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Prefs;
import ij.WindowManager;
import ij.gui.GenericDialog;
import java.awt.Checkbox;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Asks for a command's parameters the ImageJ 1.x way. Field labels are the
 * macro keys, so a GenericDialog reads a macro's options by itself and the
 * Recorder writes {@code run("Command", "key=value ...")} by itself. Without a
 * display (plain ImageJ 1.x cannot build a dialog headless) the macro options
 * are read directly, with the same rules.
 * <p>
 * Values the user confirms in a dialog become the next dialog's defaults
 * (stored in ImageJ's preferences); macros never see them, so a macro gives the
 * same result on every machine.
 * <p>
 * The advanced parameters are asked for in a second dialog, only when the user
 * ticks "Advanced options" in the first; otherwise they take their defaults, so
 * that the recorded line (which holds only the fields shown) gives the same
 * result. That box is no macro key: it is read from the dialog directly, not
 * through the GenericDialog, which would record it. A macro is read by both
 * dialogs, so every key works in a macro.
 */
final class ParameterDialog {

	/**
	 * The first dialog's box that opens the second; its state is remembered, not
	 * recorded.
	 */
	static final String ADVANCED_LABEL = "Advanced options (second dialog)";

	private final String title;
	private final List<CommandParameter> parameters;
	private final String prefsPrefix;
	private final String helpUrl;
	/**
	 * A command's preset values by preset name (its {@code presetValues}), or
	 * null when it has no {@value #PRESET_KEY} key.
	 */
	private final Function<String, Map<String, String>> presetValues;
	/**
	 * The chosen preset's values: the fields start from them and keys a macro
	 * leaves out take them. Empty without a preset.
	 */
	private Map<String, String> preset = Map.of();

	/** The key that chooses a preset. */
	static final String PRESET_KEY = "preset";
	/** Its value for no preset. */
	static final String NO_PRESET = "none";

	/** A dialog without a Help button. */
	ParameterDialog(String title, List<CommandParameter> parameters,
		String prefsPrefix)
	{
		this(title, parameters, prefsPrefix, null);
	}

	/**
	 * {@code prefsPrefix} names the command in the preferences, e.g.
	 * "neuralstyle.optimize"; {@code helpUrl} is what the dialogs' Help button
	 * opens.
	 */
	ParameterDialog(String title, List<CommandParameter> parameters,
		String prefsPrefix, String helpUrl)
	{
		this(title, parameters, prefsPrefix, helpUrl, null);
	}

	/**
	 * With {@code presetValues}, the {@value #PRESET_KEY} key is asked for first,
	 * in a dialog of its own; the parameter dialogs then start from the preset's
	 * values, and the Recorder writes only the keys whose values differ from them
	 * (ImageJ's smart recording, for number and text fields).
	 */
	ParameterDialog(String title, List<CommandParameter> parameters,
		String prefsPrefix, String helpUrl,
		Function<String, Map<String, String>> presetValues)
	{
		this.title = title;
		this.parameters = parameters;
		this.prefsPrefix = prefsPrefix;
		this.helpUrl = helpUrl;
		this.presetValues = parameters.stream().anyMatch(p -> p.key().equals(
			PRESET_KEY)) ? presetValues : null;
	}

	/** The preset a macro names, or the one the user picks in a first dialog. */
	private String choosePreset(String options, boolean interactive) {
		CommandParameter p = parameters.stream().filter(q -> q.key().equals(
			PRESET_KEY)).findFirst().orElseThrow();
		if (!interactive || GraphicsEnvironment.isHeadless()) {
			String written = options == null ? null : new MacroOptions(options).value(
				PRESET_KEY);
			return p.choice(written == null ? p.defaultText() : written).toString();
		}
		// Its own title: the main dialog follows it, and a macro or a test that
		// answers dialogs tells the two apart by title.
		GenericDialog gd = new GenericDialog(title + ": preset");
		gd.addChoice(PRESET_KEY, p.choices().toArray(String[]::new), Prefs.get(
			prefsKey(p), p.defaultText()));
		gd.addMessage(
			"A preset starts every value from one source system's settings.");
		if (helpUrl != null) gd.addHelp(helpUrl);
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		String chosen = gd.getNextChoice();
		Prefs.set(prefsKey(p), chosen);
		return chosen;
	}

	/**
	 * The start value of a field: the preset's, else remembered, else default.
	 */
	private String start(CommandParameter p, boolean interactive) {
		String fromPreset = preset.get(p.key());
		if (fromPreset != null) return fromPreset;
		String remembered = interactive && p.remembered() && preset.isEmpty()
			? Prefs.get(prefsKey(p), null) : null;
		return remembered != null ? remembered : p.defaultText();
	}

	/**
	 * The value of every parameter by key, or null if the user cancelled.
	 *
	 * @throws IllegalArgumentException when a value is invalid, with a message
	 *           for the user
	 */
	Map<String, Object> ask() {
		String options = Macro.getOptions();
		if (needsImage() && WindowManager.getCurrentImage() == null) {
			throw new IllegalArgumentException(
				"There are no images open: open the image to stylize first.");
		}
		if (options != null) {
			String imagej1 = MacroOptions.withImageJ1Flags(options, parameters
				.stream().filter(p -> p.kind() == CommandParameter.Kind.BOOLEAN).map(
					CommandParameter::key).toList());
			// The GenericDialog reads the options of this thread when it is made.
			if (!imagej1.equals(options.trim())) Macro.setOptions(imagej1);
			options = imagej1;
			requireKnownKeys(new MacroOptions(options));
		}
		String chosenPreset = null;
		if (presetValues != null) {
			chosenPreset = choosePreset(options, options == null);
			if (chosenPreset == null) return null;
			if (!chosenPreset.equals(NO_PRESET)) preset = presetValues.apply(
				chosenPreset);
		}
		Map<String, Object> values = GraphicsEnvironment.isHeadless() ? fromOptions(
			new MacroOptions(options == null ? "" : options)) : fromDialog(
				options == null);
		if (values != null && chosenPreset != null) values.put(PRESET_KEY,
			chosenPreset);
		return values;
	}

	/**
	 * Refuses a key no parameter has. ImageJ 1.x passes over it, so a typo such
	 * as {@code iterationz=3} would silently run with the default instead; the
	 * command line refuses an unknown option too.
	 */
	private void requireKnownKeys(MacroOptions options) {
		List<String> keys = parameters.stream().map(CommandParameter::key).toList();
		for (String key : options.keys()) {
			if (keys.contains(key)) continue;
			String nearest = null;
			int best = 3;
			for (String k : keys) {
				int d = editDistance(key.toLowerCase(java.util.Locale.ROOT), k);
				if (d < best) {
					best = d;
					nearest = k;
				}
			}
			throw new IllegalArgumentException("Unknown key '" + key +
				"' in the macro options" + (nearest != null ? ": did you mean '" +
					nearest + "'?" : ".") + " The keys of " + title + " are " + String
						.join(", ", keys) + ".");
		}
	}

	/** Levenshtein distance: the edits that turn one word into the other. */
	static int editDistance(String a, String b) {
		int[] previous = new int[b.length() + 1], current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++)
			previous[j] = j;
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1)
					? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j -
					1]) + 1);
			}
			int[] t = previous;
			previous = current;
			current = t;
		}
		return previous[b.length()];
	}

	private boolean needsImage() {
		return parameters.stream().anyMatch(p -> p
			.kind() == CommandParameter.Kind.IMAGE);
	}

	private Map<String, Object> fromOptions(MacroOptions options) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (CommandParameter p : parameters) {
			String written = options.value(p.key());
			String fromPreset = preset.get(p.key());
			if (written == null && fromPreset != null && p
				.kind() != CommandParameter.Kind.BOOLEAN) written = fromPreset;
			Object value = switch (p.kind()) {
				case NUMBER, INTEGER -> written == null ? p.defaultValue() : p.number(
					parseNumber(p, written));
				case BOOLEAN -> options.flag(p.key()) || Boolean.parseBoolean(
					fromPreset);
				case CHOICE -> p.choice(written == null ? p.defaultText() : written);
				case TEXT -> written == null ? p.defaultText() : written;
				case FILE, DIRECTORY -> p.path(written == null ? p.defaultText()
					: written);
				case IMAGE -> image(p, written, values);
				case IMAGE_TITLE, REGIONS -> CommandParameter.imageTitle(written);
			};
			values.put(p.key(), value);
		}
		return values;
	}

	private static double parseNumber(CommandParameter p, String text) {
		try {
			return Double.parseDouble(text.trim());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("'" + p.key() +
				"' needs a number, not '" + text + "'.");
		}
	}

	private static ImagePlus image(CommandParameter p, String title,
		Map<String, Object> chosen)
	{
		ImagePlus image = title == null ? defaultImage(chosen.values())
			: WindowManager.getImage(title);
		if (image == null) throw new IllegalArgumentException(title == null
			? "There are no images open: open the image to stylize first."
			: "There is no image called '" + title + "' for '" + p.key() +
				"': open it first, or give the title of an open image.");
		return image;
	}

	/**
	 * The image an image parameter starts with: the current one for the first,
	 * and for the next (e.g. the style after the content) the first open image
	 * not chosen yet, as one rarely stylizes an image after itself.
	 */
	private static ImagePlus defaultImage(Collection<Object> chosen) {
		ImagePlus current = WindowManager.getCurrentImage();
		if (current == null || !chosen.contains(current)) return current;
		int[] ids = WindowManager.getIDList();
		if (ids != null) {
			for (int id : ids) {
				ImagePlus open = WindowManager.getImage(id);
				if (open != null && !chosen.contains(open)) return open;
			}
		}
		return current;
	}

	private Map<String, Object> fromDialog(boolean interactive) {
		// The preset key was asked for in a dialog of its own.
		List<CommandParameter> common = parameters.stream().filter(p -> !p
			.advanced() && !(presetValues != null && p.key().equals(PRESET_KEY)))
			.toList();
		List<CommandParameter> advanced = parameters.stream().filter(
			CommandParameter::advanced).toList();
		List<Object> offered = new ArrayList<>();
		GenericDialog gd = dialog(title, common, offered, interactive);
		Checkbox more = null;
		if (!advanced.isEmpty() && interactive) {
			gd.addCheckbox(ADVANCED_LABEL, Prefs.get(prefsPrefix + ".advanced",
				false));
			@SuppressWarnings("unchecked")
			List<Checkbox> boxes = (List<Checkbox>) (List<?>) gd.getCheckboxes();
			more = boxes.get(boxes.size() - 1);
		}
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		Map<String, Object> values = new LinkedHashMap<>();
		read(gd, common, values);
		if (!advanced.isEmpty()) {
			boolean ask = more == null || more.getState();
			if (more != null) Prefs.set(prefsPrefix + ".advanced", ask);
			if (ask) {
				GenericDialog second = dialog(title + ": advanced options", advanced,
					offered, interactive);
				second.showDialog();
				if (second.wasCanceled()) return null;
				read(second, advanced, values);
			}
			else {
				for (CommandParameter p : advanced)
					values.put(p.key(), preset.containsKey(p.key()) ? valueOf(p, preset
						.get(p.key())) : defaultOf(p));
			}
		}
		if (interactive) remember(values);
		// The parameters' order, whichever dialog asked for them.
		Map<String, Object> ordered = new LinkedHashMap<>();
		for (CommandParameter p : parameters)
			ordered.put(p.key(), values.get(p.key()));
		return ordered;
	}

	/**
	 * A dialog with a field for each parameter, starting from the remembered
	 * values when interactive.
	 */
	private GenericDialog dialog(String dialogTitle,
		List<CommandParameter> fields, List<Object> offered, boolean interactive)
	{
		GenericDialog gd = new GenericDialog(dialogTitle);
		// With a preset the fields start from its values, and only the values the
		// user changed are recorded.
		if (!preset.isEmpty()) gd.setSmartRecording(true);
		for (CommandParameter p : fields) {
			String start = start(p, interactive);
			switch (p.kind()) {
				case NUMBER, INTEGER -> {
					double value = parseOr(start, p.defaultValue());
					// Wide enough for the whole default: the style weight's 1000000.000
					// was cut to 100000.
					int columns = Math.max(6, IJ.d2s(value, Math.abs(p.digits()))
						.length() + 1);
					gd.addNumericField(p.key(), value, p.digits(), columns, null);
				}
				case BOOLEAN -> gd.addCheckbox(p.key(), Boolean.parseBoolean(start));
				case CHOICE -> gd.addChoice(p.key(), p.choices().toArray(String[]::new),
					p.choices().contains(start) ? start : p.defaultText());
				// Wide enough for the default style layers (39 characters).
				case TEXT -> gd.addStringField(p.key(), start, Math.max(24, start
					.length() + 2));
				case FILE -> gd.addFileField(p.key(), start, 24);
				case DIRECTORY -> gd.addDirectoryField(p.key(), start, 24);
				case IMAGE -> {
					ImagePlus image = defaultImage(offered);
					offered.add(image);
					gd.addImageChoice(p.key(), image == null ? null : image.getTitle());
				}
				case IMAGE_TITLE -> gd.addChoice(p.key(), openTitlesAndNone(),
					CommandParameter.NO_IMAGE);
				case REGIONS -> gd.addChoice(p.key(), regionChoices(),
					CommandParameter.NO_IMAGE);
			}
		}
		if (helpUrl != null) gd.addHelp(helpUrl);
		return gd;
	}

	private static void read(GenericDialog gd, List<CommandParameter> fields,
		Map<String, Object> values)
	{
		for (CommandParameter p : fields) {
			Object value = switch (p.kind()) {
				case NUMBER, INTEGER -> p.number(gd.getNextNumber());
				case BOOLEAN -> gd.getNextBoolean();
				case CHOICE -> p.choice(gd.getNextChoice());
				case TEXT -> gd.getNextString();
				case FILE, DIRECTORY -> p.path(gd.getNextString());
				case IMAGE -> gd.getNextImage();
				case IMAGE_TITLE, REGIONS -> CommandParameter.imageTitle(gd
					.getNextChoice());
			};
			values.put(p.key(), value);
		}
	}

	/**
	 * The value a parameter takes when its field was not shown: its default, as a
	 * macro without the key gets.
	 */
	private static Object defaultOf(CommandParameter p) {
		return switch (p.kind()) {
			case CHOICE -> p.choice(p.defaultText());
			case FILE, DIRECTORY -> p.path(p.defaultText());
			case IMAGE_TITLE, REGIONS -> "";
			default -> p.defaultValue();
		};
	}

	/** A parameter's value from a preset's text. */
	private static Object valueOf(CommandParameter p, String text) {
		return switch (p.kind()) {
			case NUMBER, INTEGER -> p.number(parseNumber(p, text));
			case BOOLEAN -> Boolean.parseBoolean(text);
			case CHOICE -> p.choice(text);
			case FILE, DIRECTORY -> p.path(text);
			default -> text;
		};
	}

	/** The ROI Manager, the open images (label images) and none. */
	private static String[] regionChoices() {
		List<String> choices = new ArrayList<>(List.of(
			CommandParameter.ROI_MANAGER));
		choices.addAll(List.of(openTitlesAndNone()));
		return choices.toArray(String[]::new);
	}

	private static String[] openTitlesAndNone() {
		List<String> titles = new ArrayList<>();
		String[] open = WindowManager.getImageTitles();
		if (open != null) titles.addAll(List.of(open));
		titles.add(CommandParameter.NO_IMAGE);
		return titles.toArray(String[]::new);
	}

	private static double parseOr(String text, Object fallback) {
		try {
			return Double.parseDouble(text);
		}
		catch (NumberFormatException e) {
			return fallback instanceof Number n ? n.doubleValue() : 0;
		}
	}

	private void remember(Map<String, Object> values) {
		for (CommandParameter p : parameters) {
			Object v = values.get(p.key());
			// Images are the open ones of this session, not of the last.
			if (p.kind() == CommandParameter.Kind.IMAGE || p
				.kind() == CommandParameter.Kind.IMAGE_TITLE || p
					.kind() == CommandParameter.Kind.REGIONS || !p.remembered() ||
				v == null) continue;
			Prefs.set(prefsKey(p), v instanceof java.io.File f ? f.getPath() : v
				.toString());
		}
	}

	private String prefsKey(CommandParameter p) {
		return prefsPrefix + "." + p.key();
	}
}
