"""annotator: a keyboard-first terminal workbench for editorial fact-checking."""

__version__ = "0.1.0"
