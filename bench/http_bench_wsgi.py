"""The application as gunicorn serves it, plus one bench-only page: the bare logged-in layout.

`/bench-bare/` renders base.html with no data behind the login wall: what every page costs
before its own work (session, user, middleware, menu, template). bench/http_bench.py runs
gunicorn on this module; the application itself never has this page.
"""

import importlib
import sys
from pathlib import Path

from django.shortcuts import render
from django.urls import clear_url_caches, path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# config.wsgi sets Django up; only then can the URL configuration be imported.
application = importlib.import_module("config.wsgi").application
urls = importlib.import_module("config.urls")
urls.urlpatterns.append(path("bench-bare/", lambda request: render(request, "base.html")))
clear_url_caches()
