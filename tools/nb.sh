#!/usr/bin/env bash
# dev helper: convert .src/NAME.py (jupytext percent) to nbs/NAME.ipynb, export, and test it
set -e; cd "$(dirname "$0")/.."
for n in "$@"; do jupytext --to ipynb .src/$n.py -o nbs/$n.ipynb -q; nbdev_clean --fname nbs/$n.ipynb; done
nbdev_export
cd nbs; for n in "$@"; do python -c "
import time; from nbdev.test import test_nb; from pathlib import Path
ok, s = test_nb(Path('$n.ipynb'), skip_flags='${SKIP:-slow notest gpu long}'.split())
print('$n', 'PASS' if ok else 'FAIL', f'{s:.1f}s')" 2>&1 | tail -${TAILN:-20}; done
