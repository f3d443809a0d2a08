#!/usr/bin/env python3
"dev helper: run a notebook cell by cell (skipping flagged cells) and print each cell's time"
import sys, time, os
from execnb.nbio import read_nb
from execnb.shell import CaptureShell
nb = read_nb(sys.argv[1]); os.chdir(os.path.dirname(os.path.abspath(sys.argv[1])))
sh = CaptureShell()
for i, c in enumerate(nb.cells):
    if c.cell_type != "code" or any(f"#| {f}" in c.source for f in ("slow", "notest", "gpu", "long")) or "nbdev_export()" in c.source: continue
    t = time.time(); sh.run(c.source); dt = time.time() - t
    if sh.exc: print("ERROR in cell", i, sh.exc); break
    if dt > 0.5: print(f"cell {i}: {dt:.1f}s  {c.source.splitlines()[0][:70]}")
