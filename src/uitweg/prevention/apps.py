from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreventionConfig(AppConfig):
    name = "uitweg.prevention"
    label = "prevention"
    verbose_name = _("Prevention: information and self-check")

    def ready(self):
        from uitweg.accounts.roles import Role
        from uitweg.core import registry
        from uitweg.prevention import (
            demo,
            pagecache_signals,
            personal_data,  # noqa: F401 - the retention registry
            public_text,
            roles_sync,
        )

        roles_sync.connect()
        pagecache_signals.connect()
        cms = frozenset({Role.EDITOR, Role.PUBLISHER})
        registry.register_nav(
            registry.NavItem(_("Information pages (CMS)"), "wagtailadmin_home", cms, 60)
        )
        registry.register_nav(
            registry.NavItem(
                _("Reach of the information pages"),
                "prevention:reach",
                frozenset({*cms, Role.ANALYST}),
                61,
            )
        )
        registry.register_public_card(
            registry.PublicCard(
                public_text.CARD_TITLE,
                public_text.CARD_TEXT,
                public_text.CARD_LINK,
                "prevention_info",
                20,
            )
        )
        registry.register_demo(registry.DemoLoader("prevention", demo.load, 70))
