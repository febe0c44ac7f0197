"""ASGI entry point: HTTP through Django, websockets through Channels (see uitweg.routing)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uitweg.settings")

from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.core.asgi import get_asgi_application

django_application = get_asgi_application()

from uitweg.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter({
    "http": django_application,
    "websocket": AllowedHostsOriginValidator(URLRouter(websocket_urlpatterns)),
})
