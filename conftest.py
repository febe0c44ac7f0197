"""Test-wide configuration. The environment for the settings is set by the plugin
``uitweg.testing.env`` (loaded with -p in pyproject's addopts, before pytest-django starts)."""
