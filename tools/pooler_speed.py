"""Pooler generation speed at length: on-the-fly pooling against the base's cached `generate`, batch 1 and 8,
`conceptlab-tiny` with the pooler as served (LoRA merged, untrained: speed needs no training), greedy, the trace
kept open (`</think>` and stops suppressed) so that windows keep being pooled. One process, base and pooler alternate.

    OMP_NUM_THREADS=2 python tools/pooler_speed.py [NEW_TOKENS]      # writes results/pooler/gen_speed.csv
"""
import sys
from pathlib import Path
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import time, torch, pandas as pd
from conceptlab.bench import served, device_name
from conceptlab.data import arith_examples, format_prompt
from conceptlab.base import load_base

n = int(sys.argv[1]) if len(sys.argv) > 1 else 4096
base, tok = load_base("conceptlab-tiny", "float32", "cpu")
pooler = served("pooler", "conceptlab-tiny", "cpu", "float32")
sup = [pooler.mk["end_think"]] + pooler.mk["stops"]
tok.padding_side = "left"
rows = []
for b in (1, 8):
    enc = tok([format_prompt(e) for e in arith_examples(b, seed=0)], return_tensors="pt", padding=True, add_special_tokens=False)
    def run_base():
        return base.generate(**enc, max_new_tokens=n, min_new_tokens=n, do_sample=False, suppress_tokens=sup, pad_token_id=tok.pad_token_id)
    def run_pooler():
        return pooler.generate(**enc, max_new_tokens=n, suppress_tokens=sup, eos_token_id=[])
    base.generate(**enc, max_new_tokens=4, do_sample=False, pad_token_id=tok.pad_token_id)   # warm-up
    pooler.generate(**enc, max_new_tokens=4)
    secs = {}
    for name, fn in (("base", run_base), ("pooler", run_pooler)):
        t0 = time.perf_counter(); out = fn(); secs[name] = time.perf_counter() - t0
        assert out.shape[1] == enc.input_ids.shape[1] + n, (name, out.shape)
    peak = max(pooler.last_stats["peak_kv"]); prompt = int(enc.attention_mask.sum(1).max())
    rows.append(dict(device=device_name(), batch=b, new_tokens=n, base_tok_s=b * n / secs["base"], pooler_tok_s=b * n / secs["pooler"],
                     ratio=secs["base"] / secs["pooler"], peak_kv=peak, peak_kv_base=prompt + n, kv_ratio=peak / (prompt + n),
                     windows=max(pooler.last_stats["windows"])))
    print(rows[-1], flush=True)
out = ROOT / "results" / "pooler"; out.mkdir(parents=True, exist_ok=True)
pd.DataFrame(rows).to_csv(out / "gen_speed.csv", index=False, float_format="%.4g")
