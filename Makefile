# conceptlab — the README's two commands: `make test` and `make train`.
# INSTALL=0 skips every install (machines without network, e.g. the GPU machine with prepared wheels).
SHELL := /bin/bash
PYTHON ?= python3
INSTALL ?= 1
RUN ?= demo
BASE ?= conceptlab-tiny
# the default run shows a concept method at work: the compressor (R = 4) on Shakespeare beside its LoRA baseline
METHOD ?= compressor
DATA ?= shakespeare
STEPS ?= 200
METHOD_CFG ?= {}
# offline by default: a missing hub model fails at once instead of hanging
export HF_HUB_OFFLINE ?= 1
export TOKENIZERS_PARALLELISM ?= false
export PYTHONPATH := $(CURDIR):$(PYTHONPATH)

.PHONY: bench-long bench-long-qwen leaderboard install lab test train pretrain export-tiny readme study-pooler study-pooler-variants study-compressor study-compressor-600 study-compressor-variants bench-compressor study-registers study-registers-variants bench-registers study-planner bench-planner bench study-planner-task-1600 study-planner-prosqa study-planner-lines study-planner-variants study-cauchy study-cauchy-screen

install:
ifeq ($(INSTALL),1)
	@PYTHON=$(PYTHON) bash tools/install.sh
else
	@echo "INSTALL=0: skipping installs"
endif

test: install
	@$(PYTHON) tools/nbtest.py $(if $(FLAGS),--flags "$(FLAGS)",)

train: install
	@CL_RUN='$(RUN)' $(PYTHON) -c "import os, sys; from conceptlab.runs import safe_name; sys.excepthook = lambda t, e, tb: print(e, file=sys.stderr); safe_name(os.environ['CL_RUN'], 'RUN')"
	@mkdir -p runs/$(RUN)
	$(PYTHON) -m papermill -k python3 nbs/train.ipynb runs/$(RUN)/train.ipynb --cwd nbs \
	  -p run_name $(RUN) -p method $(METHOD) -p base '$(BASE)' -p data '$(DATA)' -p steps $(STEPS) -p method_cfg '$(METHOD_CFG)' \
	  $(if $(PACKED),-p packed $(PACKED),) $(if $(SEQ_LEN),-p seq_len $(SEQ_LEN),)

# JupyterLab on the notebooks, bound to this machine (as root it adds --allow-root); it prints the URL to open
lab: install
	$(PYTHON) -m jupyterlab --no-browser --ip 127.0.0.1 --ServerApp.root_dir=nbs $(if $(filter 0,$(shell id -u)),--allow-root,)

readme:
	@$(PYTHON) tools/readme.py

# hour-scale: pretrain the embedded model (resumes from runs/pretrain-tiny/checkpoints), then export it with its card
PRETRAIN_STEPS ?= 4000
pretrain: install
	$(PYTHON) -c "from conceptlab.pretrain import PRETRAIN_CMD; import os, sys; sys.exit(os.system(PRETRAIN_CMD.format(steps=$(PRETRAIN_STEPS))))"

export-tiny:
	$(PYTHON) -c "from conceptlab.pretrain import export_tiny; export_tiny()"

# the pooler study (≈1 h on 2 CPU cores): results/pooler/ (tables, plots, study.json); resumes when re-run
study-pooler: install
	$(PYTHON) -m conceptlab.studies pooler

# the seed's pooler options at W = 4: contiguous positions and the whole body as the pooler, beside the LoRA baseline
# and the pause control (≈40 min on 2 CPU cores): results/pooler/variants/
study-pooler-variants: install
	$(PYTHON) -m conceptlab.studies pooler-variants

# the compressor study (≈25 min on 2 CPU cores): results/compressor/ (summary.csv, rows.jsonl, plots); resumes when re-run
study-compressor: install
	$(PYTHON) -m conceptlab.studies compressor

# R = 4 with twice the budget (600 steps, noise annealed over 300): results/compressor/steps-600/
study-compressor-600: install
	$(PYTHON) -m conceptlab.studies compressor-600

# the seed's boundary rules (null / threshold / fixed, also with fixed_m = 2 / entropy), the keep_firing tail,
# concept_attn = full and the seed_v2 preset at R = 4,
# split 3-2-3, and keep_firing with one shallow layer (split 1-5-2), beside the LoRA baseline with all four controls
# (≈2 h on 2 CPU cores, 75 min of it the concept_attn=full row): results/compressor/variants/
study-compressor-variants: install
	$(PYTHON) -m conceptlab.studies compressor-variants

# speed and memory of the compressor against its base, random weights (conceptlab-tiny and Qwen2.5-0.5B shapes), ≈6 min
bench-compressor: install
	$(PYTHON) -m conceptlab.studies bench-compressor

# planner / executor: autoencoding curve, Hard-EM, replacement curve, reasoning vs LoRA CoT / no-CoT / pause-plan: results/planner/
study-planner: install
	$(PYTHON) -m conceptlab.studies planner

# planning schedules (AR / MTP, sequential / parallel types) and executor decoding vs the base: results/planner/bench.csv
bench-planner: install
	$(PYTHON) -m conceptlab.studies bench-planner

# every method on one base, data mix and budget (≈1 h on 2 CPU cores; BUDGET=20 on a GPU): results/leaderboard/ (resumes)
BUDGET ?= 1.0
leaderboard: install
	$(PYTHON) -m conceptlab.studies leaderboard --set budget=$(BUDGET)

# the registers study (every mode on conceptlab-tiny, autoencoder grid): results/registers/; resumes when re-run
study-registers: install
	$(PYTHON) -m conceptlab.studies registers

# the seed's attention schemes, k from 8 to 128 and discrete concepts, each at the LoRA budget
# (about 65 min on 2 CPU cores): results/registers/variants/; resumes when re-run
study-registers-variants: install
	$(PYTHON) -m conceptlab.studies registers-variants

# attending k concepts vs full self-attention, T = 1k..16k (CPU, tiny shape): results/registers/bench.csv + bench.png
bench-registers: install
	$(PYTHON) -m conceptlab.studies bench-registers

# the seed's Cauchy head (preset=seed), the project's defaults and two variants (balanced BCE, normalised readout) beside
# the softmax LoRA baseline at one budget, with reliability and log scale_S curves (≈50 min on 2 CPU cores): results/cauchy/study/
study-cauchy: install
	$(PYTHON) -m conceptlab.studies cauchy

# the screen that chose the Cauchy normalised readout's settings at 120 steps (≈15 min on 2 CPU cores): results/cauchy/screen/
study-cauchy-screen: install
	$(PYTHON) -m conceptlab.studies cauchy-screen

# the compressor against its base at 4k-32k tokens, each run in a fresh process (CPU, conceptlab-tiny shape): results/long-context/
bench-long: install
	$(PYTHON) -c "from conceptlab.bench import long_context; print(long_context(modes=('forward', 'prefill')).to_string())"

# the same on Qwen2.5-0.5B's shape (random weights), prefill at 4k-16k tokens (dense masks to 8k): results/long-context/cpu-qwen2.5-0.5b.*
bench-long-qwen: install
	$(PYTHON) -c "from conceptlab.bench import long_context; print(long_context('qwen2.5-0.5b', lengths=(4096, 8192, 16384), modes=('prefill',), dense_max=8192).to_string())"

# every landed method against its base on tiny-random and conceptlab-tiny (CPU suite): bench/results-<device>.csv + ratios plot
bench: install
	$(PYTHON) -c "from conceptlab.bench import bench_suite; print(bench_suite().to_string())"

# the planner → executor run alone with 4x the steps (1600; ≈15 min on 2 CPU cores): results/planner/task-1600/
study-planner-task-1600: install
	$(PYTHON) -m conceptlab.studies planner-task-1600

# the reasoning half on ProsQA-like questions (depth 3, 147 tokens each): results/planner/prosqa/
study-planner-prosqa: install
	$(PYTHON) -m conceptlab.studies planner-prosqa

# autoencoding of natural sentences: single Shakespeare lines (3-12 words, <= 28 tokens), k = 8 / 4 / 2: results/planner/lines/
study-planner-lines: install
	$(PYTHON) -m conceptlab.studies planner-lines

# the seed's planner levers (y(X), levels, EOS at the right length, the curriculum) on reasoning beside the pause-plan
# control and on natural sentences; only new rows train (about 50 min on 2 CPU cores): results/planner/variants/
study-planner-variants: install
	$(PYTHON) -m conceptlab.studies planner-variants
