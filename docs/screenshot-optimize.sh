#!/usr/bin/env bash
# Makes docs/screenshot-optimize.png: the real ImageJ 1.x (net.imagej:ij from ~/.m2) with
# target/Neural_Style.jar in its plugins/ folder, under Xvfb with the twm window manager, running
# Stylize (optimize) on sample-images/chelsea.png with sample-images/brick.png as style and the
# tiny random-weight test VGG, photographed mid-run.
# Needs: mvn package (target/Neural_Style.jar), Xvfb, twm, ImageMagick (import, convert).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
ij_jar=$(ls ~/.m2/repository/net/imagej/ij/*/ij-*.jar | grep -v sources | tail -1)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/plugins" "$work/home"
cp target/Neural_Style.jar "$work/plugins/"
cat > "$work/twmrc" <<'TWM'
UsePPosition "on"
RandomPlacement
NoGrabServer
TitleFont "-*-helvetica-bold-r-normal--*-120-*-*-*-*-*-*"
Color { TitleBackground "steelblue" TitleForeground "white" BorderColor "gray40" }
BorderWidth 1
TWM
cat > "$work/shot.ijm" <<IJM
open("$repo/sample-images/chelsea.png");
setLocation(0, 120);
open("$repo/sample-images/brick.png");
setLocation(0, 470, 300, 300);
selectImage("chelsea.png");
run("Stylize (optimize)", "content=chelsea.png style=brick.png iterations=200 optimizer=adam snapshot_every=5 weights=[$repo/src/test/resources/fixtures/parity/tiny_vgg.pth]");
IJM
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x900x24 >/dev/null 2>&1 &
sleep 1
DISPLAY=$display twm -f "$work/twmrc" >/dev/null 2>&1 &
sleep 1
DISPLAY=$display java -Dplugins.dir="$work" -Duser.home="$work/home" -DENGINE_CACHE_DIR="$HOME/.djl.ai" \
	-jar "$ij_jar" -macro "$work/shot.ijm" >/dev/null 2>&1 &
# Long enough for a few slices on two busy cores; adjust to catch the run half-way.
sleep "${1:-40}"
DISPLAY=$display import -window root "$work/screen.png"
convert "$work/screen.png" -crop 1140x775+0+0 +repage docs/screenshot-optimize.png
echo "wrote docs/screenshot-optimize.png"
