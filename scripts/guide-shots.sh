#!/usr/bin/env bash
# Regenerates the pictures of docs/USER-GUIDE.md with the app itself: the user-guide
# stories of tests/tst_editing.cpp and tests/tst_realplan.cpp (real widgets, offscreen)
# and the main window on a sample.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh >/dev/null
BUILD_DIR=${DCI_BUILD_DIR:-build}
mkdir -p docs/images
export QT_QPA_PLATFORM=offscreen DCI_SAMPLES_DIR="$PWD/samples" DCI_GUI_SHOTS_DIR="$PWD/docs/images"
"$BUILD_DIR/tests/tst_editing" userGuideStory >/dev/null
# A real network: CORONET CONUS as shipped in resources/networks (tests/tst_realplan.cpp).
"$BUILD_DIR/tests/tst_realplan" coronetGuideStory >/dev/null
# The Charts dock on the nationwide sample (tests/tst_charts.cpp).
"$BUILD_DIR/tests/tst_charts" dockShowsResults sensitivityTornado >/dev/null
# The Explain dock tracing a span's utilisation (tests/tst_explaindock.cpp).
"$BUILD_DIR/tests/tst_explaindock" whyOnASpan >/dev/null
# N-1 colours on the single-failure sample (tests/tst_resilienceview.cpp).
"$BUILD_DIR/tests/tst_resilienceview" nMinusOne >/dev/null
# Presentation mode at a projector's 16:9 (tests/tst_presentation.cpp).
"$BUILD_DIR/tests/tst_presentation" tourAndLeave >/dev/null
# The Sweep window (distance on the teaching sample) and the Compare window (the power
# wall against its split) (tests/tst_study.cpp).
"$BUILD_DIR/tests/tst_study" sweepEqualsCore compareTwoSamples >/dev/null
# The Lessons dock on lesson 1, step 3, with a hint (tests/tst_lessonsgui.cpp).
"$BUILD_DIR/tests/tst_lessonsgui" walkLessonOne >/dev/null
rm -f docs/images/editing-*.png
"$BUILD_DIR/app/gui/dciplanner" --screenshot docs/images/overview.png samples/nationwide-multicampus.json
# File > Export Picture's slide picture, headless (USER-GUIDE "Undo, save, export").
"$BUILD_DIR/app/gui/dciplanner" samples/nationwide-multicampus.json --export docs/images/export-slide.png --size 1600x900
echo "pictures written to docs/images/"
