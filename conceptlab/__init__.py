__version__ = "0.0.1"
# `import conceptlab` registers every method (hand-written: nbdev only keeps the version line up to date)
from . import registry
