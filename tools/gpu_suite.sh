#!/bin/bash
# Every GPU check and bench in one call, for a lent GPU machine (no network; step limits add up to 8 minutes):
#
#     INSTALL=0 bash tools/gpu_suite.sh            # OUT=dir copies what it wrote there too (the device tool's $OUT)
#
# 1. the `gpu`-flagged cells of the attention notebooks (compiled flex_attention == dense SDPA, outputs and gradients)
# 2. the long-context bench on CUDA: base vs compressor to 32k tokens on the conceptlab-tiny shape, to 8k on the
#    Qwen2.5-0.5B shape (results/long-context/cuda-*.csv, .png)
# 3. the compressor's training-step MFU on the 0.5B shape (results/long-context/cuda-mfu.json)
# 4. pooler generation on 4k-token traces on the 0.5B shape, batch 1 and 8 (results/pooler/gen_speed-cuda-qwen2.5-0.5b.csv)
# 5. bench_suite on CUDA (bench/results-cuda.csv, bench/ratios-cuda.png)
# Each step has its own time limit; a step that fails or runs out is reported and the next one runs.
set -u
cd "$(dirname "$0")/.."
[ "${INSTALL:-0}" = 1 ] && bash tools/install.sh
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
PY=${PYTHON:-python}
t0=$(date +%s)
log=results/long-context/gpu_suite.log; mkdir -p results/long-context; : > "$log"
step() { # name, seconds, command...
  local name=$1 secs=$2; shift 2
  echo "== $name (limit ${secs}s, at $(( $(date +%s) - t0 ))s)" | tee -a "$log"
  timeout "$secs" "$@" >> "$log" 2>&1; local rc=$?
  echo "== $name: exit $rc after $(( $(date +%s) - t0 ))s" | tee -a "$log"
}
$PY -c "import torch; assert torch.cuda.is_available(), 'no CUDA device'; print(torch.cuda.get_device_name())" | tee -a "$log" || exit 1
step "attention paths (gpu cells)" 60 $PY tools/nbtest.py --flags gpu --path nbs/02_masks.ipynb --no-sync-check --n_workers 1
step "long context, conceptlab-tiny" 90 $PY -c "
from conceptlab.bench import long_context
print(long_context('conceptlab-tiny', lengths=(8192, 32768), modes=('forward', 'prefill'), device='cuda', reps=3, progress=False).to_string())"
step "long context, qwen2.5-0.5b" 90 $PY -c "
from conceptlab.bench import long_context
print(long_context('qwen2.5-0.5b', lengths=(8192, 16384), modes=('prefill',), dense_max=8192, device='cuda', reps=3, progress=False).to_string())"
step "compressor MFU, qwen2.5-0.5b" 45 $PY -c "
import json; from conceptlab.bench import compressor_mfu
r = compressor_mfu('qwen2.5-0.5b', device='cuda'); print(r)
json.dump(r, open('results/long-context/cuda-mfu.json', 'w'), indent=1)"
step "pooler generation, qwen2.5-0.5b" 120 $PY tools/pooler_speed.py --shape qwen2.5-0.5b --tokens 4096 --batches 1,8 --device cuda
step "bench_suite" 75 $PY -c "from conceptlab.bench import bench_suite; print(bench_suite(progress=False).to_string())"
if [ -n "${OUT:-}" ]; then
  mkdir -p "$OUT/results" "$OUT/bench"
  cp -r results/long-context "$OUT/results/" 2>/dev/null; cp bench/*cuda* "$OUT/bench/" 2>/dev/null
  mkdir -p "$OUT/results/pooler"; cp results/pooler/gen_speed-cuda-* "$OUT/results/pooler/" 2>/dev/null
fi
echo "gpu_suite done in $(( $(date +%s) - t0 ))s" | tee -a "$log"
