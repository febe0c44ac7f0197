"""System checks that keep the platform's invariants visible at start-up."""

from django.apps import apps
from django.core import checks

from uitweg.crypto.fields import EncryptedMixin


@checks.register(checks.Tags.security)
def protected_models_have_visible_to(app_configs, **kwargs):
    """A model with encrypted (identifying) fields must offer ``objects.visible_to(user)``."""
    errors = []
    for model in apps.get_models():
        if not any(isinstance(f, EncryptedMixin) for f in model._meta.get_fields()):
            continue
        if getattr(model, "audit_exempt", False):
            continue
        if not hasattr(model._default_manager.all(), "visible_to"):
            errors.append(checks.Error(
                f"{model._meta.label} holds identifying data but its queryset has no "
                "visible_to(user) row-level filter.", id="uitweg.E001", obj=model))
    return errors
