"""Benchmarks: synthetic directories and measurements (not tests)."""
