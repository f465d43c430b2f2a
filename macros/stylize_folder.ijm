// Stylize every image of a folder with Plugins > Style Transfer > Stylize (optimize).
//
// Interactively (Plugins > Macros > Run...): asks for the input folder, the output folder, the
// style image and the command's options.
//
// With an argument (ImageJ -batch, runMacro, Fiji --headless -macro):
//   input=[/data/in] output=[/data/out] style_file=[/data/style.png] iterations=200 weights=[/data/vgg19-dcbb9e9d.pth]
// Everything except input, output and style_file goes to the command unchanged, under its macro
// keys (iterations, optimizer, content_weight, style_weight, tv_weight, max_size, init,
// preserve_colors, snapshot_every, network, device, weights, scope).
//
// Each image <name>.<ext> becomes <name>_stylized.tif in the output folder (TIFF keeps the type,
// calibration and dimensions). An image whose result is there already is skipped, so a run that
// was stopped goes on where it stopped; results are written under a temporary name and renamed
// when complete, so a half-written file is never taken for a result. An image that fails (not
// readable, or the command stops with a message) is reported and the next one is done; the
// summary at the end lists the failures.
//
// Each image is stylized in a macro of its own (this file, run again for that image), because
// an error in a macro call ends the whole macro: this way it ends only that image's run.

var imageExtensions = newArray(".tif", ".tiff", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".zip", ".pgm", ".dcm");

arg = getArgument();
outcome = "";
if (startsWith(arg, "one_image\n"))
	outcome = stylizeOne(arg);
else
	stylizeFolder(arg);
// (A top-level "return f(x);" fails in ImageJ 1.54: return the variable.)
return outcome;

function stylizeFolder(arg) {
	if (arg == "") {
		input = getDirectory("Choose the folder of images to stylize");
		output = getDirectory("Choose the folder for the results");
		styleFile = File.openDialog("Choose the style image");
		Dialog.create("Stylize folder");
		Dialog.addString("Options of Stylize (optimize):", "iterations=300 max_size=512", 50);
		Dialog.show();
		options = Dialog.getString();
	} else {
		input = value(arg, "input");
		output = value(arg, "output");
		styleFile = value(arg, "style_file");
		options = without(without(without(arg, "input"), "output"), "style_file");
	}
	if (input == "" || !File.isDirectory(input)) exit("Input folder not found: '" + input + "'. Give it as input=[folder].");
	if (output == "") exit("No output folder: give it as output=[folder].");
	if (styleFile == "" || !File.exists(styleFile)) exit("Style image not found: '" + styleFile + "'. Give it as style_file=[file].");
	self = getInfo("macro.filepath");
	if (self == "" || !File.exists(self)) exit("Save this macro as a file and run it from there: it runs itself for each image.");
	input = withSeparator(input);
	output = withSeparator(output);
	if (!File.isDirectory(output)) File.makeDirectory(output);
	if (!File.isDirectory(output)) exit("Cannot create the output folder " + output);

	setBatchMode(true);
	list = getFileList(input);
	Array.sort(list);
	images = newArray(0);
	for (i = 0; i < list.length; i++)
		if (!endsWith(list[i], "/") && isImageFile(list[i])) images = Array.concat(images, list[i]);
	done = 0;
	skipped = 0;
	failed = 0;
	failures = "";
	for (i = 0; i < images.length; i++) {
		name = images[i];
		target = output + baseName(name) + "_stylized.tif";
		if (File.exists(target)) {
			print("Skipped " + name + ": " + target + " exists already.");
			skipped++;
			continue;
		}
		print("Stylizing " + name + " (" + (i + 1) + "/" + images.length + ")");
		// Lines, not key=[value]: a file name may hold "]", which would end a bracketed value early.
		outcome = runMacro(self, "one_image\n" + input + name + "\n" + styleFile + "\n" + target + "\n" + options);
		// Whatever the image's macro left open when it failed.
		close("*");
		if (outcome == "ok" && File.exists(target)) {
			print("Wrote " + target);
			done++;
		} else {
			print("FAILED: " + name + " (see the message above); going on with the next image.");
			failed++;
			failures = failures + "\n  " + name;
		}
	}
	setBatchMode(false);
	summary = "Stylize folder: " + done + " stylized, " + skipped + " skipped (done already), " + failed + " failed";
	if (failed > 0) summary = summary + ":" + failures;
	print(summary);
}

// One image: open the style and the content, stylize, save under a temporary name, rename.
// The argument is lines: "one_image", the image, the style file, the target, the options.
function stylizeOne(arg) {
	lines = split(arg, "\n");
	image = lines[1];
	styleFile = lines[2];
	target = lines[3];
	options = "";
	if (lines.length > 4) options = lines[4];
	setBatchMode(true);
	open(styleFile);
	if (nImages == 0) return "failed";
	styleTitle = titleWithoutBrackets();
	styleId = getImageID();
	// A file ImageJ cannot read opens nothing (in batch mode without an error that ends the macro).
	open(image);
	if (nImages < 2 || getImageID() == styleId) {
		print("Cannot open " + image + " as an image.");
		return "failed";
	}
	contentTitle = titleWithoutBrackets();
	contentId = getImageID();
	run("Stylize (optimize)", "content=[" + contentTitle + "] style=[" + styleTitle + "] " + options);
	// Fiji reports a cancelled command without ending the macro: then no new image is current.
	if (getImageID() == contentId) return "failed";
	partial = substring(target, 0, lastIndexOf(target, ".")) + ".partial.tif";
	saveAs("Tiff", partial);
	if (!File.rename(partial, target)) return "failed";
	close("*");
	return "ok";
}

// The current image's title, renamed if it holds brackets: the command takes images by title as
// key=[title], which cannot hold a "]".
function titleWithoutBrackets() {
	title = getTitle();
	safe = replace(replace(title, "[", "("), "]", ")");
	if (safe != title) rename(safe);
	return safe;
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

function isImageFile(name) {
	lower = toLowerCase(name);
	for (k = 0; k < imageExtensions.length; k++)
		if (endsWith(lower, imageExtensions[k])) return true;
	return false;
}
