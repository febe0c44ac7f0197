"""The personal-data registry: every field that can hold personal data has a retention rule.

The enumeration runs over every model of every installed ``uitweg.*`` app, so a field or an app
added later is covered the day it is added.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from uitweg.core import personal_data
from uitweg.core.personal_data import PLACEHOLDER, RegistryError, Rule
from uitweg.crypto.fields import EncryptedMixin


def project_models() -> list[type[models.Model]]:
    """Every model of every project app; not the throw-away models some tests declare (e.g. the
    crypto tests' ``Sample``), which have no table and hold nothing."""
    return [model for config in apps.get_app_configs() if config.name.startswith("uitweg.")
            for model in config.get_models()
            if not model._meta.proxy and ".tests." not in model.__module__]


def can_hold_personal_data(field: models.Field) -> bool:
    """Encrypted fields always; texts and JSON unless they only hold a choice code."""
    if isinstance(field, EncryptedMixin):
        return True
    return isinstance(field, models.CharField | models.TextField | models.JSONField) \
        and not field.choices


def undeclared() -> list[str]:
    return [f"{model._meta.label}.{field.name}" for model in project_models()
            for field in model._meta.concrete_fields
            if can_hold_personal_data(field) and personal_data.entry(model, field.name) is None]


def test_every_text_json_or_encrypted_field_of_every_app_is_in_the_registry():
    missing = undeclared()
    assert not missing, (
        "Declare these fields in <app>/personal_data.py with register(..., rule=...) or "
        f"not_personal(..., reason=...): {', '.join(missing)}")


def test_the_enumeration_finds_the_fields_it_must_check():
    """Guards the guard: known personal fields of each app are among the checked ones."""
    checked = {f"{m._meta.label}.{f.name}" for m in project_models()
               for f in m._meta.concrete_fields if can_hold_personal_data(f)}
    assert {"cases.Person.full_name", "cases.Referral.purpose", "cases.BreakGlassAccess.reason",
            "signals.Signal.contact_email", "signals.SignalPerson.full_name",
            "chat.Message.body", "accounts.User.email"} <= checked
    assert "cases.Case.state" not in checked  # a choice code


def test_a_new_model_with_an_undeclared_text_field_is_found(monkeypatch):
    class Diary(models.Model):
        entry = models.TextField()
        mood = models.CharField(max_length=8, choices=[("ok", "ok")])

        class Meta:
            app_label = "cases"

        def __str__(self) -> str:
            return "diary"

    try:
        monkeypatch.setattr("uitweg.core.tests.test_personal_data.project_models",
                            lambda: [Diary])
        assert undeclared() == ["cases.Diary.entry"]
    finally:
        apps.all_models["cases"].pop("diary", None)
        apps.clear_cache()


def test_every_erased_field_is_reached_by_a_retention_process():
    scoped = {scope.model for scope in personal_data.scopes()}
    orphans = [e.label for e in personal_data.entries()
               if e.personal and e.rule != Rule.KEEP and e.model not in scoped
               and not e.erased_by]
    assert not orphans, f"no retention process erases: {orphans}"


def test_every_kept_field_says_why():
    assert all(e.reason for e in personal_data.entries() if e.rule == Rule.KEEP)


def test_registry_refuses_declarations_that_cannot_work():
    from uitweg.cases.models import Person

    with pytest.raises(RegistryError):
        personal_data.register(Person, ["no_such_field"], rule=Rule.BLANK)
    with pytest.raises(RegistryError):
        personal_data.register(Person, ["nationality"], rule=Rule.REDACT)  # 2 characters
    with pytest.raises(RegistryError):
        personal_data.register(Person, ["aliases"], rule=Rule.REDACT)  # not a text
    with pytest.raises(RegistryError):
        personal_data.register(Person, ["gender"], rule=Rule.KEEP)  # no reason
    with pytest.raises(RegistryError):
        personal_data.register(Person, ["full_name"], rule=Rule.BLANK)  # contradicts REDACT


def test_erased_values_follow_the_rule():
    from uitweg.cases.models import Person, Referral

    assert personal_data.erased_value(personal_data.entry(Person, "full_name")) == PLACEHOLDER
    assert personal_data.erased_value(personal_data.entry(Person, "aliases")) == []
    assert personal_data.erased_value(personal_data.entry(Person, "date_of_birth")) is None
    assert personal_data.erased_value(personal_data.entry(Referral, "justification")) == ""


# --- chat: purge_chat_transcripts is the process for its fields ------------------------------

@pytest.mark.django_db
def test_chat_purge_deletes_every_registered_chat_field(settings):
    from uitweg.chat.models import Block, Conversation, Handover, Message, Note, RiskCheck
    from uitweg.chat.services import purge
    from uitweg.chat.tests.factories import ConversationFactory

    settings.CHAT_RETENTION_DAYS = 30
    now = timezone.now()
    chat = ConversationFactory(nickname="Mira", status="ended",
                               ended_at=now - dt.timedelta(days=31))
    Message.objects.create(conversation=chat, seq=1, client_id="c1", sender="youth",
                           body="Mijn naam is Mira")
    Note.objects.create(conversation=chat, text="Mira, 15, Rotterdam")
    RiskCheck.objects.create(conversation=chat, thoughts=True, plan=False, means=False,
                             timeframe=False, acute_danger=False)
    Handover.objects.create(code="H-TEST-1", shared_summary="Mira wants help",
                            expires_at=now - dt.timedelta(minutes=1))
    Block.objects.create(token_hash=chat.token_hash, until=now - dt.timedelta(minutes=1))
    chat_entries = [e for e in personal_data.entries() if e.erased_by == "chat.purge"]
    chat_models = {e.model for e in chat_entries}
    assert chat_models == {Conversation, Message, Note, RiskCheck, Handover, Block}
    assert all(m._base_manager.exists() for m in chat_models)

    purge(now=now)

    left = {e.label for e in chat_entries if e.model._base_manager.exists()}
    assert not left, f"still stored after the purge: {sorted(left)}"


def test_the_registry_can_be_listed_for_a_review():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("personal_data", stdout=out)
    lines = out.getvalue().splitlines()
    assert "| `cases.Referral.purpose` | yes | redact | case |  |" in lines
    contact = "| `signals.Signal.contact_email` | yes | blank | case, signal, signal.closed |  |"
    assert contact in lines
    assert len(lines) == len(personal_data.entries()) + 2
