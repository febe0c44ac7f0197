from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "uitweg.programme"
    label = "programme"
    verbose_name = _("Action programme")

    def ready(self):
        from uitweg.core import registry

        from . import demo, personal_data  # noqa: F401 - the personal-data registry
        from .permissions import VIEW_ROLES

        registry.register_nav(registry.NavItem(_("Action programme"), "programme:actions",
                                               frozenset(VIEW_ROLES), 60))
        registry.register_demo(registry.DemoLoader("programme", demo.load, 70))
        registry.register_public_card(registry.PublicCard(
            _("What the city does"),
            _("The actions of the programme against exploitation and how they are going."),
            _("See the action programme"), "programme_public:index", 80))
