"""Renderings of core values: terminal (rich), markdown and JSON, as plain functions."""
