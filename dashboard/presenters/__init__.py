"""Turning selectors' data into what pages show (being split by page)."""

from .caseload import *  # noqa: F403
