"""Rendering: the model in, the text of every generated file out.

Templates live in templates/ (one per generated file, composed of
per-capability parts); they see the model and the derived facts computed in
contracts.py, nothing else.
"""
from .engine import GENERATED_FILES, HEADER, render_generated, render_scaffold

__all__ = ["GENERATED_FILES", "HEADER", "render_generated", "render_scaffold"]
