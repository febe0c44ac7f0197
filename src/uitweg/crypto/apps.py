from django.apps import AppConfig


class CryptoConfig(AppConfig):
    name = "uitweg.crypto"
    verbose_name = "Field encryption"
