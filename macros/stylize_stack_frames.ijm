// Stylize every plane (slice or frame) of a stack with Plugins > Style Transfer > Stylize (optimize),
// one plane at a time, keeping each stylized plane as a file as soon as it is done.
//
// The command itself stylizes a whole stack with scope=[All planes]. This macro is for long
// stacks (time-lapses): a run that is stopped goes on where it stopped (planes whose file exists
// are skipped), a plane that fails is reported without losing the others, and the finished
// planes can be looked at while the rest are still running.
//
// Interactively (Plugins > Macros > Run...): uses the active image if it was opened from a file,
// else asks for the stack; then asks for the output folder, the style image and the options.
//
// With an argument (ImageJ -batch, runMacro, Fiji --headless -macro):
//   stack=[/data/movie.tif] output=[/data/out] style_file=[/data/style.png] iterations=200 weights=[/data/vgg19-dcbb9e9d.pth]
// Everything except stack, output and style_file goes to the command unchanged, under its macro
// keys (iterations, optimizer, content_weight, style_weight, tv_weight, max_size, init,
// preserve_colors, snapshot_every, network, device, weights). The scope is always the current plane.
//
// Writes <name>_plane0001.tif, <name>_plane0002.tif, ... into the output folder and, once every
// plane is there, <name>_stylized.tif: all planes with the stack's dimensions. A plane of a
// multi-channel composite is one (z, t) position with its channels as displayed, so its result is
// RGB with one channel; any other stack has one plane per slice.
//
// Each plane is stylized in a macro of its own (this file, run again with one_plane=...), because
// an error in a macro call ends the whole macro: this way it ends only that plane's run.

arg = getArgument();
outcome = "";
if (indexOf(arg, "one_plane=") >= 0)
	outcome = stylizePlane(arg);
else
	stylizeStack(arg);
// (A top-level "return f(x);" fails in ImageJ 1.54: return the variable.)
return outcome;

function stylizeStack(arg) {
	if (arg == "") {
		stackFile = "";
		if (nImages > 0) stackFile = getDirectory("image") + getInfo("image.filename");
		if (stackFile == "" || !File.exists(stackFile)) stackFile = File.openDialog("Choose the stack to stylize");
		output = getDirectory("Choose the folder for the results");
		styleFile = File.openDialog("Choose the style image");
		Dialog.create("Stylize stack frames");
		Dialog.addString("Options of Stylize (optimize):", "iterations=300 max_size=512", 50);
		Dialog.show();
		options = Dialog.getString();
	} else {
		stackFile = value(arg, "stack");
		output = value(arg, "output");
		styleFile = value(arg, "style_file");
		options = without(without(without(arg, "stack"), "output"), "style_file");
	}
	options = without(options, "scope");
	if (stackFile == "" || !File.exists(stackFile)) exit("Stack not found: '" + stackFile + "'. Give it as stack=[file].");
	if (output == "") exit("No output folder: give it as output=[folder].");
	if (styleFile == "" || !File.exists(styleFile)) exit("Style image not found: '" + styleFile + "'. Give it as style_file=[file].");
	self = getInfo("macro.filepath");
	if (self == "" || !File.exists(self)) exit("Save this macro as a file and run it from there: it runs itself for each plane.");
	output = withSeparator(output);
	if (!File.isDirectory(output)) File.makeDirectory(output);
	if (!File.isDirectory(output)) exit("Cannot create the output folder " + output);

	setBatchMode(true);
	open(styleFile);
	styleTitle = getTitle();
	open(stackFile);
	stackTitle = getTitle();
	base = baseName(File.getName(stackFile));
	Stack.getDimensions(width, height, channels, slices, frames);
	composite = is("composite") && channels > 1;
	if (composite) planes = slices * frames;
	else planes = nSlices;

	done = 0;
	skipped = 0;
	failed = 0;
	failures = "";
	for (p = 1; p <= planes; p++) {
		target = output + planeFile(base, p);
		if (File.exists(target)) {
			skipped++;
			continue;
		}
		print("Stylizing plane " + p + "/" + planes + " of " + stackTitle);
		result = runMacro(self, "one_plane=" + p + " composite=" + composite + " stack_title=[" + stackTitle +
			"] style_title=[" + styleTitle + "] target=[" + target + "] " + options);
		closeAllBut(newArray(stackTitle, styleTitle));
		if (result == "ok" && File.exists(target)) {
			done++;
		} else {
			print("FAILED: plane " + p + " (see the message above); going on with the next plane.");
			failed++;
			failures = failures + " " + p;
		}
	}
	summary = "Stylize stack frames: " + done + " planes stylized, " + skipped + " skipped (done already), " + failed + " failed";
	if (failed > 0) summary = summary + " (planes" + failures + ")";
	print(summary);
	if (failed == 0) assemble(output, base, planes, composite, channels, slices, frames);
	close("*");
	setBatchMode(false);
}

// One plane: stylize it on the stack that is open already, save under a temporary name, rename.
function stylizePlane(arg) {
	planeText = value(arg, "one_plane");
	p = parseInt(planeText);
	// (ImageJ 1.54 compares a user function's string result only once it is in a variable.)
	compositeText = value(arg, "composite");
	composite = false;
	if (compositeText == "1") composite = true;
	stackTitle = value(arg, "stack_title");
	styleTitle = value(arg, "style_title");
	target = value(arg, "target");
	options = arg;
	keys = newArray("one_plane", "composite", "stack_title", "style_title", "target");
	for (k = 0; k < keys.length; k++) options = without(options, keys[k]);
	setBatchMode(true);
	selectImage(stackTitle);
	stackId = getImageID();
	if (composite) {
		Stack.getDimensions(width, height, channels, slices, frames);
		Stack.setPosition(1, (p - 1) % slices + 1, floor((p - 1) / slices) + 1);
	} else {
		setSlice(p);
	}
	run("Stylize (optimize)", "content=[" + stackTitle + "] style=[" + styleTitle + "] scope=[Current plane] " + options);
	// Fiji reports a cancelled command without ending the macro: then no new image is current.
	if (getImageID() == stackId) return "failed";
	partial = substring(target, 0, lastIndexOf(target, ".")) + ".partial.tif";
	saveAs("Tiff", partial);
	close();
	if (!File.rename(partial, target)) return "failed";
	return "ok";
}

// All plane files, in order, as one stack with the input's dimensions.
function assemble(output, base, planes, composite, channels, slices, frames) {
	closeAllBut(newArray(0));
	for (p = 1; p <= planes; p++) open(output + planeFile(base, p));
	if (planes > 1) run("Images to Stack", "title=[_plane] use");
	rename(base + "_stylized");
	if (composite) channels = 1;
	if (planes > 1 && channels * slices * frames == planes) Stack.setDimensions(channels, slices, frames);
	target = output + base + "_stylized.tif";
	partial = output + base + "_stylized.partial.tif";
	saveAs("Tiff", partial);
	close();
	if (File.exists(target)) deleted = File.delete(target);
	File.rename(partial, target);
	print("Wrote " + target);
}

function planeFile(base, p) {
	return base + "_plane" + IJ.pad(p, 4) + ".tif";
}

function closeAllBut(keep) {
	for (n = nImages; n >= 1; n--) {
		selectImage(n);
		title = getTitle();
		kept = false;
		for (k = 0; k < keep.length; k++) if (title == keep[k]) kept = true;
		if (!kept) close();
	}
}

// The value of key=value or key=[value with spaces] in an options string, or "".
function value(options, key) {
	return call("ij.Macro.getValue", " " + options + " ", key, "");
}

// The options without key=value (or key=[...]).
function without(options, key) {
	return String.trim(replace(" " + options, " " + key + "=(\\[[^\\]]*\\]|[^ ]*)", ""));
}

function withSeparator(folder) {
	if (endsWith(folder, "/") || endsWith(folder, File.separator)) return folder;
	return folder + File.separator;
}

function baseName(name) {
	dot = lastIndexOf(name, ".");
	if (dot <= 0) return name;
	return substring(name, 0, dot);
}
