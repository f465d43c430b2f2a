#!/usr/bin/env bash
# Makes docs/screenshot-dialog.png and docs/screenshot-dialog-advanced.png: the two dialogs of
# Stylize (optimize) in the real ImageJ 1.x (net.imagej:ij from ~/.m2) under Xvfb, photographed
# by a small probe (java.awt.Robot) that ticks "Advanced options" and cancels the second dialog.
# Needs: mvn compile, Xvfb (xvfb-run). No window manager: the dialogs have no title bars.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
ij_jar=$(ls ~/.m2/repository/net/imagej/ij/*/ij-*.jar | grep -v sources | tail -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
mkdir -p "$work/plugins" "$work/home" "$work/cfg" "$work/probe"
cp src/main/resources/plugins.config "$work/cfg/"
jar cf "$work/plugins/Neural_Style.jar" -C "$work/cfg" plugins.config
cat > "$work/ShotProbe.java" <<'JAVA'
import ij.gui.GenericDialog;
import java.awt.*;
import java.awt.event.ActionEvent;
import java.io.File;
import javax.imageio.ImageIO;
public class ShotProbe {
	public static String start(String dir) {
		Thread t = new Thread(() -> {
			try {
				GenericDialog first = waitFor("Stylize (optimize)");
				shoot(first, dir + "/screenshot-dialog.png");
				for (Component c : all(first)) if (c instanceof Checkbox b && b.getLabel().startsWith("Advanced")) b.setState(true);
				EventQueue.invokeLater(() -> first.actionPerformed(new ActionEvent(first.getButtons()[0], ActionEvent.ACTION_PERFORMED, "OK")));
				GenericDialog second = waitFor("Stylize (optimize): advanced options");
				shoot(second, dir + "/screenshot-dialog-advanced.png");
			} catch (Exception e) { e.printStackTrace(); }
			System.exit(0);
		});
		t.setDaemon(true);
		t.start();
		return "";
	}
	static GenericDialog waitFor(String title) throws InterruptedException {
		while (true) {
			for (Window w : Window.getWindows()) if (w instanceof GenericDialog gd && gd.isShowing() && title.equals(gd.getTitle())) return gd;
			Thread.sleep(100);
		}
	}
	static void shoot(Window w, String file) throws Exception {
		Thread.sleep(1500);
		ImageIO.write(new Robot().createScreenCapture(w.getBounds()), "png", new File(file));
	}
	static java.util.List<Component> all(Container c) {
		java.util.List<Component> l = new java.util.ArrayList<>();
		for (Component x : c.getComponents()) { l.add(x); if (x instanceof Container k) l.addAll(all(k)); }
		return l;
	}
}
JAVA
javac -cp "$ij_jar" -d "$work/probe" "$work/ShotProbe.java"
cat > "$work/shot.ijm" <<IJM
open("$repo/sample-images/chelsea.png");
open("$repo/sample-images/brick.png");
call("ShotProbe.start", "$repo/docs");
selectImage("chelsea.png");
run("Stylize (optimize)");
IJM
timeout 120 xvfb-run -a -s "-screen 0 1280x1000x24" java -Dplugins.dir="$work" -Duser.home="$work/home" \
	-cp "target/classes:$(cat "$work/cp.txt"):$work/probe" ij.ImageJ -macro "$work/shot.ijm" >/dev/null 2>&1 || true
echo "wrote docs/screenshot-dialog.png and docs/screenshot-dialog-advanced.png"
