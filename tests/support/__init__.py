"""Helpers for the tests (on pytest's pythonpath), not tests themselves."""
