"""Shared test helpers (factories, browser helpers). Not imported by application code."""
