"""Uitweg: platform for a city programme against human trafficking."""
