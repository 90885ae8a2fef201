"""Server-rendered SVG charts (being split into one module per chart)."""

from .scores import *  # noqa: F403
from .scores import _num  # noqa: F401
