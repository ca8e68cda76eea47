"""Reach the directory plugin's modules however the plugins were imported.

Pelican loads each plugin of PLUGIN_PATHS as a top-level module (« directory »); tests and
the command line import them as the « plugins » package (« plugins.directory »).
"""

from __future__ import annotations

import importlib


def directory_module(name: str):
    """Return plugins/directory/<name>.py as a module."""
    parent = __package__.rpartition(".")[0]
    return importlib.import_module(f"{parent}.directory.{name}" if parent else f"directory.{name}")
