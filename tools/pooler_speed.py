"""Pooler generation speed at length: on-the-fly pooling against the base's cached `generate`, batch 1 and 8, greedy,
the trace kept open (`</think>` and stops suppressed) so that windows keep being pooled. Random weights (speed needs
no training); the pooler is served (its LoRA merged). One process; base and pooler run one after the other.

    OMP_NUM_THREADS=2 python tools/pooler_speed.py [--shape conceptlab-tiny] [--tokens 4096] [--batches 1,8] [--device cpu]

Writes results/pooler/gen_speed-<device>-<shape>.csv. DESIGN decision 14 judges the pooler on the Qwen2.5-0.5B shape
with 4k-token traces (the tiny shape is bound by Python overhead): tools/gpu_suite.sh runs that one.
"""
import argparse, sys, time
from pathlib import Path
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import torch, pandas as pd
from conceptlab.base import load_base, merge_lora, resolve_device
from conceptlab.bench import shaped_model, device_name, SHAPES
from conceptlab.data import arith_examples, format_prompt
from conceptlab.pooler import PoolerLM, PoolerConfig

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--shape", default="conceptlab-tiny"); ap.add_argument("--tokens", type=int, default=4096)
ap.add_argument("--batches", default="1,8"); ap.add_argument("--device", default=None)
a = ap.parse_args()
dev = resolve_device(a.device)
def fresh():
    "A base of the shape: random weights with the real Qwen2.5 tokenizer for a `SHAPES` key, else the named base."
    return (shaped_model(a.shape), load_base("qwen2.5-tokenizer")[1]) if a.shape in SHAPES else load_base(a.shape, "float32", "cpu")
(base, tok), (lm, _) = fresh(), fresh()                 # the pooler gets its own copy of the base
pooler = PoolerLM(PoolerConfig(base=a.shape), base_model=lm, tokenizer=tok)
merge_lora(pooler); base, pooler = base.to(dev).eval(), pooler.to(dev).eval()
sup = [pooler.mk["end_think"]] + pooler.mk["stops"]
tok.padding_side = "left"
rows, n = [], a.tokens
for b in map(int, a.batches.split(",")):
    enc = tok([format_prompt(e) for e in arith_examples(b, seed=0)], return_tensors="pt", padding=True, add_special_tokens=False).to(dev)
    runs = {"base": lambda k: base.generate(**enc, max_new_tokens=k, min_new_tokens=k, do_sample=False, suppress_tokens=sup,
                                            pad_token_id=tok.pad_token_id),
            "pooler": lambda k: pooler.generate(**enc, max_new_tokens=k, suppress_tokens=sup, eos_token_id=[])}
    secs = {}
    for name, fn in runs.items():
        fn(4)                                                                   # warm-up
        if dev.type == "cuda": torch.cuda.synchronize()
        t0 = time.perf_counter(); out = fn(n)
        if dev.type == "cuda": torch.cuda.synchronize()
        secs[name] = time.perf_counter() - t0
        assert out.shape[1] == enc.input_ids.shape[1] + n, (name, out.shape)
    peak, prompt = max(pooler.last_stats["peak_kv"]), int(enc.attention_mask.sum(1).max())
    rows.append(dict(device=device_name(), shape=a.shape, batch=b, new_tokens=n, base_tok_s=b * n / secs["base"],
                     pooler_tok_s=b * n / secs["pooler"], ratio=secs["base"] / secs["pooler"], peak_kv=peak,
                     peak_kv_base=prompt + n, kv_ratio=peak / (prompt + n), windows=max(pooler.last_stats["windows"])))
    print(rows[-1], flush=True)
out = ROOT / "results" / "pooler"; out.mkdir(parents=True, exist_ok=True)
pd.DataFrame(rows).to_csv(out / f"gen_speed-{dev.type}-{a.shape}.csv", index=False, float_format="%.4g")
