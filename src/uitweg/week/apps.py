from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WeekConfig(AppConfig):
    name = "uitweg.week"
    label = "week"
    verbose_name = _("Week against Human Trafficking")

    def ready(self):
        from uitweg.accounts.roles import Role
        from uitweg.core import registry
        from uitweg.week import demo, personal_data  # noqa: F401 - the retention registry

        week_staff = frozenset({Role.EDITOR, Role.PUBLISHER})
        registry.register_nav(registry.NavItem(_("Week: events"), "week:events", week_staff, 50))
        registry.register_nav(
            registry.NavItem(
                _("Week: editions and toolkit"), "week:editions", frozenset({Role.PUBLISHER}), 51
            )
        )
        registry.register_nav(
            registry.NavItem(
                _("Week: figures"), "week:figures", frozenset({Role.PUBLISHER, Role.ANALYST}), 52
            )
        )
        from django.conf import settings

        if settings.DEMO_MODE and not settings.PRODUCTION:  # the page exists in demo mode only
            registry.register_nav(
                registry.NavItem(_("Demo mailbox"), "week:mailbox", frozenset(), 99)
            )
        registry.register_public_card(
            registry.PublicCard(
                _("Week against Human Trafficking"),
                _("Talks, training and meetings in The Hague around 18 October. "
                  "Register for free."),
                _("See the programme"),
                "week_public:programme",
                40,
            )
        )
        registry.register_demo(registry.DemoLoader("week", demo.load, 60))
        self.connect_page_cache()

    @staticmethod
    def connect_page_cache() -> None:
        """Any saved or deleted edition, event or registration clears the cached programme and
        event pages (places left, status, texts; uitweg.core.pagecache, ADR 0111)."""
        from django.db.models.signals import post_delete, post_save

        from uitweg.core import pagecache
        from uitweg.week.models import Edition, Event, Registration

        def clear(sender=None, **kwargs) -> None:
            pagecache.bump("week")

        for model in (Edition, Event, Registration):
            post_save.connect(clear, sender=model, weak=False,
                              dispatch_uid=f"pagecache-week-save-{model.__name__}")
            post_delete.connect(clear, sender=model, weak=False,
                                dispatch_uid=f"pagecache-week-delete-{model.__name__}")
