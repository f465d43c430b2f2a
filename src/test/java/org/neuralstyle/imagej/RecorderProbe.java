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

package org.neuralstyle.imagej;

import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Container;
import java.awt.EventQueue;
import java.awt.Label;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets a macro in the real ImageJ 1.x play the user: open the macro Recorder,
 * and answer the next dialog with a title by typing into its fields (found by
 * their labels) and pressing OK. Called from macros with {@code call(...)}, so
 * the class and its methods are public.
 */
public final class RecorderProbe {

	private RecorderProbe() {}

	/**
	 * Opens the Recorder and has it record commands run from macros, as a user's
	 * clicks would be.
	 */
	public static String start() {
		new Recorder(true);
		Recorder.recordInMacros = true;
		return "";
	}

	/** Everything the Recorder has written so far. */
	public static String text() {
		Recorder recorder = Recorder.getInstance();
		return recorder == null ? "" : recorder.getText();
	}

	/**
	 * From another thread, waits (up to 60 s) for a dialog titled {@code title},
	 * sets the fields given as {@code key=value;key=value} (keys are the macro
	 * keys, labels show them with spaces), and presses OK. Returns at once.
	 */
	public static String answer(String title, String fields) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : fields.split(";")) {
			int eq = pair.indexOf('=');
			if (eq > 0) values.put(pair.substring(0, eq).trim().replace('_', ' '),
				pair.substring(eq + 1));
		}
		Thread clicker = new Thread(() -> {
			// Generous: on a loaded machine ImageJ, the preset dialog and the
			// command's start can take minutes before this dialog shows.
			long deadline = System.currentTimeMillis() + 180_000;
			while (System.currentTimeMillis() < deadline) {
				for (Window w : Window.getWindows()) {
					if (w instanceof GenericDialog gd && gd.isShowing() && title.equals(gd
						.getTitle()))
					{
						fill(gd, values);
						// A press that comes before the dialog is ready to take it is lost:
						// press again until the dialog has closed.
						while (gd.isShowing() && System.currentTimeMillis() < deadline) {
							EventQueue.invokeLater(() -> gd.actionPerformed(new ActionEvent(gd
								.getButtons()[0], ActionEvent.ACTION_PERFORMED, "OK")));
							try {
								Thread.sleep(1000);
							}
							catch (InterruptedException e) {
								return;
							}
						}
						return;
					}
				}
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException e) {
					return;
				}
			}
		}, "RecorderProbe answer");
		clicker.setDaemon(true);
		clicker.start();
		return "";
	}

	private static void fill(Container dialog, Map<String, String> values) {
		String label = null;
		for (Component c : flatten(dialog)) {
			if (c instanceof Label l) label = l.getText().trim();
			else if (c instanceof Checkbox box && values.containsKey(box.getLabel()
				.trim()))
			{
				box.setState(Boolean.parseBoolean(values.get(box.getLabel().trim())));
			}
			else if (label != null && values.containsKey(label)) {
				if (c instanceof TextField field) field.setText(values.get(label));
				else if (c instanceof Choice choice) choice.select(values.get(label));
				else continue;
				label = null;
			}
		}
	}

	private static List<Component> flatten(Container container) {
		List<Component> all = new ArrayList<>();
		for (Component c : container.getComponents()) {
			all.add(c);
			if (c instanceof Container inner && !(c instanceof Choice)) all.addAll(
				flatten(inner));
		}
		return all;
	}
}
