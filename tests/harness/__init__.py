"""Test harness: one site build per session, served locally, audited in Chromium."""
