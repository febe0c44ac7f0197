"""Rounds, templates and contacts through the services: who may, what is refused, nothing
half-saved (issue 12, items 1-3 and "Bad input")."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from uitweg.accounts.roles import Role
from uitweg.core.refusals import Refused
from uitweg.outreach import services
from uitweg.outreach.models import Contact, ContactIdentifier, MessageTemplate, Platform, Round
from uitweg.outreach.services import ContactData
from uitweg.testing.factories import UserFactory

from .factories import contact, lead, open_round, platform, team_org, worker

pytestmark = pytest.mark.django_db


def test_a_round_is_started_and_closed_once():
    me = worker()
    round_ = open_round(me)
    services.close_round(by=me, round_id=round_.pk, profiles_seen=40, profiles_contacted=6)
    with pytest.raises(services.OutreachError) as exc:
        services.close_round(by=me, round_id=round_.pk, profiles_seen=99, profiles_contacted=9)
    assert exc.value.code == "round_closed"
    round_.refresh_from_db()
    assert (round_.profiles_seen, round_.profiles_contacted) == (40, 6)


def test_more_contacted_than_seen_is_refused():
    me = worker()
    round_ = open_round(me)
    with pytest.raises(ValidationError):
        services.close_round(by=me, round_id=round_.pk, profiles_seen=3, profiles_contacted=4)
    assert Round.objects.get(pk=round_.pk).is_open


def test_only_the_rounds_worker_or_the_lead_may_close_it():
    org = team_org()
    me, colleague, boss = worker(org), worker(org), lead(org)
    round_ = open_round(me)
    with pytest.raises(Refused):
        services.close_round(by=colleague, round_id=round_.pk, profiles_seen=1,
                             profiles_contacted=1)
    services.close_round(by=boss, round_id=round_.pk, profiles_seen=1, profiles_contacted=1)


@pytest.mark.parametrize("role", [r for r in Role.values
                                  if r not in (Role.OUTREACH_WORKER, Role.OUTREACH_LEAD)])
def test_other_roles_are_refused_by_every_service(role):
    org = team_org()
    someone = UserFactory(organisation=org, roles=[role])
    round_ = open_round(worker(org))
    mine = contact(round_.worker, round_)
    calls = [
        lambda: services.start_round(by=someone, platform=round_.platform,
                                     target_group="men", region="Delft"),
        lambda: services.close_round(by=someone, round_id=round_.pk, profiles_seen=1,
                                     profiles_contacted=0),
        lambda: services.log_contact(by=someone, round_id=round_.pk,
                                     data=ContactData(target_group="men", handle="@x")),
        lambda: services.update_contact(by=someone, contact_id=mine.pk, version=mine.version,
                                        data=ContactData(target_group="men")),
        lambda: services.save_platform(by=someone, name="Grindr"),
        lambda: services.save_template(by=someone, name="x", language="nl", text="Hoi"),
    ]
    for call in calls:
        with pytest.raises(Refused):
            call()
    assert Contact.objects.count() == 1 and Platform.objects.count() == 1


def test_a_worker_of_another_organisation_cannot_touch_a_round_or_contact():
    round_ = open_round(worker())
    mine = contact(round_.worker, round_)
    stranger = lead()
    with pytest.raises(Refused):
        services.log_contact(by=stranger, round_id=round_.pk,
                             data=ContactData(target_group="men", handle="@y"))
    with pytest.raises(Refused):
        services.update_contact(by=stranger, contact_id=mine.pk, version=mine.version,
                                data=ContactData(target_group="men"))


def test_only_the_lead_keeps_platforms_and_templates():
    org = team_org()
    with pytest.raises(Refused):
        services.save_platform(by=worker(org), name="Grindr")
    boss = lead(org)
    services.save_platform(by=boss, name="Grindr")
    with pytest.raises(ValidationError):
        services.save_platform(by=boss, name="grindr")  # the same platform


def test_a_template_with_an_unknown_variable_is_refused_and_nothing_saved():
    boss = lead()
    with pytest.raises(ValidationError) as exc:
        services.save_template(by=boss, name="Eerste bericht", language="nl",
                               text="Hoi {naam}, ik ben {worker}.")
    assert "{naam}" in " ".join(exc.value.message_dict["text"])
    assert not MessageTemplate.objects.exists()


@pytest.mark.parametrize("language", ["nl", "en", "es", "ro", "bg", "hu", "th"])
def test_templates_in_the_seven_languages(language):
    boss = lead()
    template = services.save_template(by=boss, name="Eerste bericht", language=language,
                                      text="{worker}: {organisation}")
    edited = services.save_template(by=boss, template_id=template.pk, version=1,
                                    name="Eerste bericht", language=language, text="{worker}")
    assert edited.version == 2
    with pytest.raises(services.OutreachError):  # a stale edit
        services.save_template(by=boss, template_id=template.pk, version=1,
                               name="Eerste bericht", language=language, text="{phone}")


def test_the_same_person_written_differently_is_one_contact():
    me = worker()
    round_ = open_round(me)
    first = contact(me, round_, handle="@Lisa_023", phone="+31 6 1234 5678")
    again, created = services.log_contact(
        by=me, round_id=round_.pk,
        data=ContactData(target_group="women", handle="https://www.kinky.nl/lisa_023/"))
    assert not created and again.pk == first.pk
    by_phone, created = services.log_contact(
        by=me, round_id=round_.pk, data=ContactData(target_group="women", phone="0031612345678"))
    assert not created and by_phone.pk == first.pk
    assert Contact.objects.count() == 1


def test_a_contact_created_twice_in_a_race_is_one_contact():
    """The second request did not see the first one's row (both looked before either wrote):
    the unique index refuses the second insert and the service adds to the first contact."""
    me = worker()
    round_ = open_round(me)
    first = contact(me, round_, handle="@racer")
    real = services._existing
    calls = {"n": 0}

    def blind_once(organisation_id, digests):
        calls["n"] += 1
        return None if calls["n"] == 1 else real(organisation_id, digests)

    with mock.patch.object(services, "_existing", side_effect=blind_once):
        second, created = services.log_contact(
            by=me, round_id=round_.pk, data=ContactData(target_group="women", handle="RACER"))
    assert not created and second.pk == first.pk
    assert Contact.objects.count() == 1 and ContactIdentifier.objects.count() == 1


def test_a_follow_up_in_the_past_is_refused_and_nothing_saved():
    me = worker()
    round_ = open_round(me)
    with pytest.raises(ValidationError) as exc:
        services.log_contact(by=me, round_id=round_.pk, data=ContactData(
            target_group="women", handle="@new",
            next_follow_up=timezone.localdate() - timedelta(days=1)))
    assert "next_follow_up" in exc.value.message_dict
    assert not Contact.objects.exists() and not ContactIdentifier.objects.exists()


def test_an_impossible_phone_number_saves_nothing():
    me = worker()
    round_ = open_round(me)
    with pytest.raises(ValidationError) as exc:
        services.log_contact(by=me, round_id=round_.pk,
                             data=ContactData(target_group="men", phone="06-123"))
    assert exc.value.message_dict["phone"]
    assert not Contact.objects.exists()


def test_a_closed_round_takes_no_contacts():
    me = worker()
    round_ = open_round(me)
    services.close_round(by=me, round_id=round_.pk, profiles_seen=0, profiles_contacted=0)
    with pytest.raises(services.OutreachError):
        contact(me, round_)


def test_handle_and_phone_are_stored_as_digest_and_ciphertext_only():
    me = worker()
    person = contact(me, handle="@SecretLisa", phone="06-12345678")
    with connection.cursor() as cursor:
        cursor.execute("SELECT handle, phone FROM outreach_contact WHERE id = %s", [person.pk])
        handle, phone = cursor.fetchone()
        cursor.execute("SELECT digest FROM outreach_contactidentifier")
        digests = [row[0] for row in cursor.fetchall()]
    assert "secretlisa" not in handle.lower() and "12345678" not in phone
    assert all("secretlisa" not in d and "12345678" not in d for d in digests)
    assert Contact.objects.get(pk=person.pk).phone == "+31612345678"


def test_a_stale_update_is_refused():
    me = worker()
    person = contact(me)
    services.update_contact(by=me, contact_id=person.pk, version=1,
                            data=ContactData(target_group="", response="replied"))
    with pytest.raises(services.OutreachError):
        services.update_contact(by=me, contact_id=person.pk, version=1,
                                data=ContactData(target_group="", response="met"))
    assert Contact.objects.get(pk=person.pk).response == "replied"


def test_a_message_from_another_teams_template_is_refused():
    me = worker()
    foreign = services.save_template(by=lead(), name="x", language="en", text="Hi {worker}")
    with pytest.raises(ValidationError):
        contact(me, handle="@m", template_id=foreign.pk)
    platform(me.organisation, "Other")  # the team still works
