#!/usr/bin/env python3
"""Vendors the historical API schemas (one file per layer) into one line-delta file the tests rebuild them from.

usage: scripts/vendor-tl-history.py SRC_DIR OUT_FILE
  SRC_DIR   a folder of api.layerN.tl files (e.g. ../shared/tl/history)
  OUT_FILE  e.g. reference/tl/history/api.history.tldelta

Format, one record per layer, oldest first, each against the previous one (the first against nothing):
  === N sha256=HEX   the layer, and the SHA-256 of its file as it was (the rebuild is checked against it)
  =K                 copy the next K lines of the previous layer
  -K                 skip the next K lines of the previous layer
  +TEXT              a line of this layer
Lines are split on LF only and joined with LF, so the rebuilt file is byte-identical.
"""
import difflib
import hashlib
import pathlib
import re
import sys


def main():
    src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    layers = sorted((int(re.fullmatch(r"api\.layer(\d+)\.tl", p.name).group(1)), p)
                    for p in src.iterdir() if re.fullmatch(r"api\.layer(\d+)\.tl", p.name))
    prev = []
    records = ["# The API schemas of older layers, rebuilt by ReferenceHistory; written by scripts/vendor-tl-history.py",
               "# from " + str(src) + " (see reference/README.md for where each layer comes from)."]
    for n, path in layers:
        data = path.read_bytes()
        lines = data.decode("utf-8").split("\n")
        records.append("=== %d sha256=%s" % (n, hashlib.sha256(data).hexdigest()))
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, prev, lines, autojunk=False).get_opcodes():
            if op == "equal":
                records.append("=%d" % (i2 - i1))
                continue
            if i2 > i1:
                records.append("-%d" % (i2 - i1))
            records.extend("+" + l for l in lines[j1:j2])
        prev = lines
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(records) + "\n", encoding="utf-8")
    print("%d layers, %d bytes" % (len(layers), out.stat().st_size))


if __name__ == "__main__":
    main()
