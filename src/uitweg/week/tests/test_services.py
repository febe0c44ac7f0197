"""Event lifecycle and permissions, retention field by field, toolkit uploads, figures."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.audit.models import AccessLogEntry
from uitweg.core.personal_data import PLACEHOLDER
from uitweg.core.refusals import Refused
from uitweg.core.states import same_states
from uitweg.testing.factories import OrganisationFactory, UserFactory
from uitweg.week import figures, materials, registration, retention, services
from uitweg.week.models import Event, Material, Registration
from uitweg.week.vocabulary import EVENT, TRANSITIONS, EventState

from .factories import edition, editor, event_data, make_event, publisher, sign_up

pytestmark = pytest.mark.django_db


def test_states_are_declared_once_and_every_state_is_reachable_or_initial():
    assert same_states(EVENT, EventState.values)
    reachable = {t for targets in TRANSITIONS.values() for t in targets}
    assert set(EventState.values) == reachable | {EventState.SUBMITTED}
    assert EVENT.final(EventState.CANCELLED)


def test_an_editor_submits_a_publisher_of_the_municipality_approves_and_publishes():
    boss = publisher()
    author = editor()
    ed = edition(boss)
    event = services.submit_event(by=author, edition_id=ed.pk, data=event_data())
    assert event.state == EventState.SUBMITTED and event.organisation == author.organisation
    assert event.languages == ["nl", "pl"]
    with pytest.raises(Refused):
        services.decide_event(by=author, event_id=event.pk, decision="approve")
    outsider = UserFactory(organisation=author.organisation, roles=[Role.PUBLISHER])
    with pytest.raises(Refused):  # a publisher, but not of the municipality
        services.decide_event(by=outsider, event_id=event.pk, decision="approve")
    with pytest.raises(ValidationError):  # publish before approval: not a declared move
        services.decide_event(by=boss, event_id=event.pk, decision="publish")
    with pytest.raises(ValidationError):  # rejecting needs a reason
        services.decide_event(by=boss, event_id=event.pk, decision="reject")
    services.decide_event(by=boss, event_id=event.pk, decision="approve")
    services.decide_event(by=boss, event_id=event.pk, decision="publish")
    assert Event.objects.public().filter(pk=event.pk).exists()


def test_a_rejected_event_is_submitted_again_when_its_organiser_changes_it():
    boss = publisher()
    author = editor()
    event = make_event(by=author, boss=boss, publish=False)
    event = services.decide_event(by=boss, event_id=event.pk, decision="reject",
                                  note="Datum valt buiten de week")
    assert event.state == EventState.REJECTED
    event = services.update_event(by=author, event_id=event.pk, expected_version=event.version,
                                  data=event_data(starts_at=event.starts_at))
    assert event.state == EventState.SUBMITTED


def test_other_organisations_cannot_change_or_cancel_an_event_and_nothing_is_written():
    author = editor()
    event = make_event(by=author)
    stranger = editor(OrganisationFactory(name="Other NGO", kind=OrganisationKind.NGO))
    nobody = UserFactory(organisation=author.organisation, roles=[Role.CASE_WORKER])
    before = AccessLogEntry.objects.count()
    for user in (stranger, nobody):
        with pytest.raises(Refused):
            services.update_event(by=user, event_id=event.pk, expected_version=event.version,
                                  data=event_data(starts_at=event.starts_at, capacity=99))
        with pytest.raises(Refused):
            services.decide_event(by=user, event_id=event.pk, decision="cancel")
        with pytest.raises(Refused):
            services.submit_event(by=nobody, edition_id=event.edition_id, data=event_data())
    event.refresh_from_db()
    assert event.capacity == 10 and event.state == EventState.PUBLISHED
    assert AccessLogEntry.objects.count() == before


def test_a_stale_version_is_refused():
    author = editor()
    event = make_event(by=author)
    with pytest.raises(ValidationError):
        services.update_event(by=author, event_id=event.pk, expected_version=event.version - 1,
                              data=event_data(starts_at=event.starts_at))


def test_event_outside_the_week_or_without_place_is_refused_per_field():
    boss = publisher()
    from datetime import date

    ed = services.save_edition(by=boss, year=2031, starts_on=date(2031, 10, 12),
                               ends_on=date(2031, 10, 18), theme={}, intro={})
    with pytest.raises(ValidationError) as bad:
        services.submit_event(by=editor(), edition_id=ed.pk, data=event_data(
            venue="", title={"nl": ""}, audiences=["nobody"]))
    assert {"title", "starts_at", "venue", "audiences"} <= set(bad.value.message_dict)
    assert not Event.objects.filter(edition=ed).exists()


def test_only_the_organiser_sees_registrations():
    author = editor()
    event = make_event(by=author)
    sign_up(event, 2)
    colleague = UserFactory(organisation=author.organisation, roles=[Role.EDITOR])
    assert Registration.objects.visible_to(colleague).count() == 2
    assert Registration.objects.visible_to(publisher()).count() == 0
    assert Registration.objects.visible_to(editor(OrganisationFactory(name="X"))).count() == 0
    with pytest.raises(Refused):
        registration.check_in(by=publisher(), registration_id=Registration.objects.first().pk,
                              present=True)


def test_retention_erases_names_addresses_and_links_30_days_after_and_keeps_counts():
    author = editor()
    event = make_event(by=author, capacity=1)
    sign_up(event, 2)
    confirmed = Registration.objects.get(status="confirmed")
    registration.check_in(by=author, registration_id=confirmed.pk, present=True)
    assert retention.erase_event(event=event, now=event.ends_at + timedelta(days=29)) == 0
    assert not retention.erasure_due(event.ends_at + timedelta(days=29)).exists()
    assert list(retention.erasure_due(event.ends_at + timedelta(days=31))) == [event]
    assert retention.erase_event(event=event, now=event.ends_at + timedelta(days=31)) == 2
    for row in Registration.objects.all():
        assert (row.name, row.email, row.email_digest, row.cancel_nonce) == ("", "", "", "")
        assert row.erased_at is not None and row.status in ("confirmed", "waitlisted")
        assert PLACEHOLDER not in (row.name, row.email)
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1
    event.refresh_from_db()
    assert event.personal_data_erased_at is not None
    assert not retention.erasure_due(event.ends_at + timedelta(days=60)).exists()
    row = figures.for_edition(event.edition).total
    assert (row.events, row.confirmed, row.waitlisted, row.attended) == (1, 1, 1, 1)


def test_the_retention_command_runs_twice_without_changing_anything_more(capsys):
    from django.core.management import call_command
    from freezegun import freeze_time

    event = make_event(capacity=3)
    sign_up(event, 2)
    with freeze_time(event.ends_at + timedelta(days=31)):
        call_command("purge_week_registrations")
        call_command("purge_week_registrations")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2 registrations of 1 events") and out[1].startswith("0 ")


def test_figures_count_by_audience_without_reading_names():
    event = make_event(capacity=1, audiences=["public", "schools"])
    sign_up(event, 3)
    result = figures.for_edition(event.edition)
    by = {row.label: row for row in result.by_audience}
    assert result.total.confirmed == 1 and result.total.waitlisted == 2
    assert sum(r.events for r in by.values()) == 2


def _png(name="poster.png", size=64):
    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n" + b"0" * size)


@pytest.mark.parametrize(("name", "content", "word"), [
    ("flyer.pdf", b"MZ\x90\x00" + b"\0" * 60, "program"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
     "script"),
])
def test_a_refused_upload_saves_nothing_and_says_why(name, content, word):
    boss = publisher()
    ed = edition(boss)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        materials.upload(by=boss, edition_id=ed.pk, kind="poster", title="Poster",
                         upload_file=SimpleUploadedFile(name, content))
    assert word in refused.value.message_dict["file"][0].lower()
    assert not Material.objects.exists()


@override_settings(WEEK_MATERIAL_MAX_BYTES=1024)
def test_a_file_over_the_limit_is_refused():
    boss = publisher()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        materials.upload(by=boss, edition_id=edition(boss).pk, kind="poster", title="Big",
                         upload_file=_png(size=4096))
    assert "too large" in refused.value.message_dict["file"][0]
    assert not Material.objects.exists()


def test_only_a_municipal_publisher_uploads():
    boss = publisher()
    ed = edition(boss)
    with pytest.raises(Refused):
        materials.upload(by=editor(), edition_id=ed.pk, kind="poster", title="P",
                         upload_file=_png())
    material = materials.upload(by=boss, edition_id=ed.pk, kind="poster", title="P",
                                upload_file=_png())
    assert bytes(material.data).startswith(b"\x89PNG") and material.content_type == "image/png"
