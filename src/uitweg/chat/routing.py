"""Websocket routes of the chat. Staff sockets carry the session (login after MFA)."""

from channels.auth import AuthMiddlewareStack
from django.urls import path

from uitweg.chat.consumers import StaffConsumer, YouthConsumer

websocket_urlpatterns = [
    path("ws/chat/youth/", YouthConsumer.as_asgi()),
    path("ws/chat/staff/<uuid:public_id>/", AuthMiddlewareStack(StaffConsumer.as_asgi())),
]
