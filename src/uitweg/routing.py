"""Websocket routes, collected from each app's ``routing.py`` (``websocket_urlpatterns``)."""

from importlib import import_module
from importlib.util import find_spec

websocket_urlpatterns = []
for _app in ("chat", "cases", "signals"):
    if find_spec(f"uitweg.{_app}") and find_spec(f"uitweg.{_app}.routing"):
        websocket_urlpatterns += getattr(
            import_module(f"uitweg.{_app}.routing"), "websocket_urlpatterns", []
        )
