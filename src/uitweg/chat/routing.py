"""Websocket routes of the chat. Staff sockets carry the session cookie; the consumer reads the
session (and through it the user) from the store on every frame (ADR 0033)."""

from channels.sessions import SessionMiddlewareStack
from django.urls import path

from uitweg.chat.consumers import YouthConsumer
from uitweg.chat.queue_socket import QueueConsumer
from uitweg.chat.staff_socket import StaffConsumer

websocket_urlpatterns = [
    path("ws/chat/youth/", YouthConsumer.as_asgi()),
    path("ws/chat/staff/queue/", SessionMiddlewareStack(QueueConsumer.as_asgi())),
    path("ws/chat/staff/<uuid:public_id>/", SessionMiddlewareStack(StaffConsumer.as_asgi())),
]
