"""Sésame: a serious-game and quiz engine for young people.

Layers, with dependencies pointing one way:
``engine.core`` (rules, state, scoring; pure Python) ← ``engine.content`` (YAML,
schema, loading, lint) ← the player and the command line.
"""

__version__ = "0.1.0"
