#!/usr/bin/env bash
# Every output of the commands, under many option sets, into one folder: run it before and after a change that
# should not change what is printed, then compare byte for byte:
#
#   scripts/snapshot-outputs.sh /tmp/before      # on the base commit (a git worktree, for instance)
#   scripts/snapshot-outputs.sh /tmp/after       # with the change
#   diff -r /tmp/before /tmp/after && echo identical
#
# It runs the build (fr and en, A4 and Letter, every card size family, every duplex mode, guides, ink saver,
# print shop, PNG, TTS, board sizes, partial prints, a failing build), calibrate, preview, check, schema,
# simulate, new and a build of the remix, from the checkout $ROOT (default: this repository) with the python
# and mallette of the current environment. Logs hold each command's output and exit code; the temporary
# folder's path is replaced by SNAP so that two snapshots compare. About 15 s.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
OUTD=$1
D=$(mktemp -d /tmp/snapshot-XXXXXX)
rm -rf "$OUTD"
cd "$ROOT"
run() { name=$1; shift; "$@" > "$D/$name.log" 2>&1; echo "rc=$?" >> "$D/$name.log"; }
run default python build.py --out "$D/default"
run en python build.py --out "$D/en" --lang en --paper letter --size bridge --duplex short --guides --ink-saver
run fold python build.py --out "$D/fold" --duplex fold --board-size a2 --print-shop --png 40 --tts --offset 1,-0.5
run none python build.py --out "$D/none" --duplex none --size tarot --only actors --paper letter
run cards python build.py --out "$D/cards" --cards regie-quartier,education-populaire --size mini --lang en
run cards2 python build.py --out "$D/cards2" --cards regie-quartier,education-populaire --size tarot --lang en --board-size a1
run calib mallette calibrate --out "$D/calib" --lang en --paper letter --duplex short --offset 0.5,0.5
run preview mallette preview --out "$D/preview" --dpi 40
run check mallette check
run schema mallette schema --out "$D/schema"
run sim mallette simulate --games 100 --seed 3
run simr mallette simulate --games 100 --seed 3 --policy random --players 3
run new mallette new "$D/newgame" --title "Ma version" --author "X Y" --year 2027
run newbuild python build.py --game "$D/newgame" --out "$D/newgame-out" --lang en
rm -rf "$D/newgame"
grep -rlF "$D" "$D" | xargs -r sed -i "s#$D#SNAP#g"
mv "$D" "$OUTD"
