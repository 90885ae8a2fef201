"""Reads for the dashboard pages (being split by topic)."""

from .progress import *  # noqa: F403
