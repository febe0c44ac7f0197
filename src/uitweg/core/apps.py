from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "uitweg.core"
    verbose_name = "Uitweg"

    def ready(self):
        from uitweg.core import checks  # noqa: F401
