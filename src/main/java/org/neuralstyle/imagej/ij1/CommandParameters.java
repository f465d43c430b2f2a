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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scijava.Context;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleException;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/**
 * The dialog fields of a SciJava command, read from its {@code @Parameter}
 * fields the way SciJava itself reads them, so the ImageJ 1.x dialog and Fiji's
 * dialog ask for the same things under the same keys. Services and the context
 * are filled in, not asked for; outputs and messages are not inputs; defaults
 * are the fields' initial values. A message item starts the advanced
 * parameters: Fiji shows it as a heading above them, ImageJ 1.x asks for them
 * in a second dialog.
 */
public final class CommandParameters {

	private CommandParameters() {}

	public static List<CommandParameter> of(
		Class<? extends Command> commandClass)
	{
		CommandInfo info = new CommandInfo(commandClass);
		Module fresh;
		try {
			fresh = info.createModule();
		}
		catch (ModuleException e) {
			throw new IllegalArgumentException("Cannot create " + commandClass
				.getName() + ": " + e.getMessage(), e);
		}
		List<CommandParameter> parameters = new ArrayList<>();
		boolean advanced = false;
		for (ModuleItem<?> item : info.inputs()) {
			Class<?> type = item.getType();
			if (Service.class.isAssignableFrom(type) || Context.class
				.isAssignableFrom(type)) continue;
			if (item.getVisibility() == ItemVisibility.MESSAGE) {
				advanced = true;
				continue;
			}
			if (item.getIOType() == ItemIO.OUTPUT) continue;
			parameters.add(parameter(commandClass, item, item.getValue(fresh),
				advanced));
		}
		return parameters;
	}

	private static CommandParameter parameter(Class<?> commandClass,
		ModuleItem<?> item, Object initial, boolean advanced)
	{
		Class<?> type = item.getType();
		String key = item.getName();
		List<String> choices = new ArrayList<>();
		if (item.getChoices() != null) item.getChoices().forEach(c -> choices.add(c
			.toString()));
		if (type.isEnum() && choices.isEmpty()) {
			for (Object constant : type.getEnumConstants())
				choices.add(constant.toString());
		}
		CommandParameter.Kind kind;
		if (type == ImagePlus.class) kind = CommandParameter.Kind.IMAGE;
		else if (type == boolean.class || type == Boolean.class) kind =
			CommandParameter.Kind.BOOLEAN;
		else if (isWholeNumber(type)) kind = CommandParameter.Kind.INTEGER;
		else if (type == double.class || type == Double.class ||
			type == float.class || type == Float.class) kind =
				CommandParameter.Kind.NUMBER;
		else if (type == File.class) kind = isDirectoryStyle(item)
			? CommandParameter.Kind.DIRECTORY : CommandParameter.Kind.FILE;
		else if (!choices.isEmpty() && (type == String.class || type.isEnum()))
			kind = CommandParameter.Kind.CHOICE;
		else if (type == String.class && CommandParameter.IMAGE_TITLE_STYLE.equals(
			item.getWidgetStyle())) kind = CommandParameter.Kind.IMAGE_TITLE;
		else if (type == String.class && CommandParameter.REGIONS_STYLE.equals(item
			.getWidgetStyle())) kind = CommandParameter.Kind.REGIONS;
		else if (type == String.class) kind = CommandParameter.Kind.TEXT;
		else throw new IllegalArgumentException("Parameter '" + key + "' of " +
			commandClass.getName() + " has type " + type.getName() +
			", which an ImageJ 1.x dialog cannot show.");
		Object defaultValue = initial;
		if (kind == CommandParameter.Kind.CHOICE && defaultValue == null)
			defaultValue = choices.get(0);
		return new CommandParameter(key, kind, type, defaultValue, choices, number(
			item.getMinimumValue()), number(item.getMaximumValue()), item
				.isPersisted(), advanced);
	}

	private static boolean isWholeNumber(Class<?> type) {
		return type == int.class || type == Integer.class || type == long.class ||
			type == Long.class || type == short.class || type == Short.class ||
			type == byte.class || type == Byte.class;
	}

	private static boolean isDirectoryStyle(ModuleItem<?> item) {
		String style = item.getWidgetStyle();
		return style != null && style.toLowerCase(Locale.ROOT).contains(
			"directory");
	}

	private static Double number(Object bound) {
		return bound instanceof Number n ? n.doubleValue() : null;
	}
}
