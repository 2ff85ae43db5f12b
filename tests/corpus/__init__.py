"""Corpus tests: room-refactor over real packages downloaded from PyPI (see README.md here)."""
