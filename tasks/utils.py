"""Keep only the held-out rows: the example data's test split as `conceptlab.data` draws it (the seeded test_frac
split a `json:` spec trains around), so a run trained on data/examples/arith_traces.jsonl is never scored on its
training rows."""
from conceptlab.data import load_data

SPEC = "json:data/examples/arith_traces.jsonl"

def heldout(dataset):
    keep = {e.question for e in load_data(SPEC, "test").examples}
    return dataset.filter(lambda doc: doc["question"] in keep)
