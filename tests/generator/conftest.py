"""Makes the generator package importable without PYTHONPATH."""
import os
import sys

GENERATOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "generator")
if os.path.abspath(GENERATOR) not in [os.path.abspath(p) for p in sys.path]:
    sys.path.insert(0, os.path.abspath(GENERATOR))
