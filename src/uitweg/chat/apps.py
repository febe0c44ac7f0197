from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "uitweg.chat"
    verbose_name = _("Anonymous chat")

    def ready(self):
        from uitweg.chat import channels, demo, widgets
        from uitweg.core import registry

        # every channel's counsellors and supervisors (ADR 0110)
        chat = frozenset(channels.ALL_ROLES)
        supervisors = frozenset(r for c in channels.CHANNELS.values() for r in c.supervisor_roles)
        registry.register_nav(registry.NavItem(_("Chat"), "chat:console", chat, 40))
        registry.register_nav(registry.NavItem(_("Live chats"), "chat:overview", supervisors, 41))
        registry.register_public_card(
            registry.PublicCard(
                title=_("Chat anonymously"),
                text=_(
                    "Young and worried about work, money, a boyfriend or a friend? Chat with a "
                    "counsellor. You don't have to give your name."
                ),
                link=_("Start a chat"),
                url_name="chat_public:youth",
                order=20,
            )
        )
        registry.register_demo(registry.DemoLoader("chat", demo.load, 40))
        registry.register_widget(registry.DashboardWidget("chat", widgets.chat_queue, 40))
