"""Form of exploitation and gender from the platform's registrations, and what the result page
and the yearly PDF show of the estimates per group (issue 13)."""

import io
from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.cases.queries import registrations_for_linkage as case_rows
from uitweg.cases.tests.factories import coordinator, make_case
from uitweg.monitoring import estimate_lists
from uitweg.monitoring.models import EstimateRun, EstimateStatus
from uitweg.monitoring.registrations import linked_registrations
from uitweg.outreach.queries import registrations_for_linkage as contact_rows
from uitweg.outreach.tests.factories import contact, worker
from uitweg.signals.intake import PersonData
from uitweg.signals.models import Signal
from uitweg.signals.queries import registrations_for_linkage as signal_rows
from uitweg.signals.tests.factories import make_signal
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

from .conftest import YEAR

pytestmark = pytest.mark.django_db

LISTS = "police=police; care=care_coordination+shelter; outreach=outreach"


def _registrations():
    shelter = OrganisationFactory(kind=OrganisationKind.SHELTER)
    make_case(by=coordinator(), person={"full_name": "Ion Popescu", "gender": "male",
                                        "date_of_birth": date(1990, 5, 1),
                                        "phone_numbers": [], "identity_documents": []},
              forms=("labour", "organ_removal"), first_signal_date=date(YEAR, 3, 1),
              reporting_organisation=shelter)
    signal = make_signal(forms=["criminal"], persons=[PersonData(
        full_name="Maria Ivanova", date_of_birth=date(2001, 2, 3), gender="female")])
    Signal.objects.filter(pk=signal.pk).update(
        received_at=timezone.make_aware(datetime(YEAR, 4, 1, 12)))
    made = contact(worker(), handle="@sam", target_group="transgender")
    type(made).objects.filter(pk=made.pk).update(first_contact_on=date(YEAR, 5, 1))


def test_the_readers_give_form_of_exploitation_and_gender():
    _registrations()
    [case] = list(case_rows(YEAR))
    assert case[4] == {"form": ("labour", "organ_removal"), "gender": "male"}
    [signal] = list(signal_rows(YEAR))
    assert signal[4] == {"form": ("criminal",), "gender": "female"}
    [outreach] = list(contact_rows(YEAR))
    assert outreach[4] == {"gender": "transgender"}  # outreach records no form

    linked = linked_registrations(YEAR, estimate_lists.parse(LISTS))
    assert sorted(linked.values["form"], key=str) == [("criminal",), ("labour", "other"), None]
    assert sorted(linked.values["gender"]) == ["female", "male", "other"]
    by_form = linked.stratified("form")
    assert by_form.persons == {"sexual": 0, "labour": 1, "criminal": 1, "other": 1}
    assert by_form.multiple == 1 and by_form.left_out == ("outreach",)
    assert linked.stratified("gender").persons == {"female": 1, "male": 1, "other": 1}


def _analyst_client(client):
    force_login_with_mfa(client, UserFactory(organisation=OrganisationFactory(),
                                             roles=[Role.ANALYST]))
    return client


def _estimate(observed, total):
    return {"observed": observed, "total": total, "hidden": total - observed, "low": total * 0.8,
            "high": total * 1.4, "level": 0.95, "lists": ["police", "care"], "model": "A+B",
            "method": "stepwise", "threshold": 0.02, "check": "", "notes": [], "resamples": 0,
            "seed": None, "steps": []}


RESULT = {
    "linkage": {"lists": ["police", "care"], "rows": [[[1, 0], 40], [[0, 1], 30],
                                                      [[1, 1], 20]],
                "per_list": {"police": 60, "care": 50}, "registrations": 110, "persons": 90,
                "exact_links": 20, "near_links": 0},
    "estimate": _estimate(90, 150.0),
    "strata": {
        "form": {"status": "done", "rule": "any", "lists": ["police", "care"],
                 "left_out": ["outreach"], "unknown": 12, "conflicting": 7, "multiple": 9,
                 "groups": [
                     {"group": "sexual", "observed": 52, "status": "done",
                      "estimate": _estimate(52, 87.0)},
                     {"group": "labour", "observed": 31, "status": "done",
                      "estimate": _estimate(31, 61.0)},
                     {"group": "criminal", "observed": 3, "status": "too_few", "minimum": 20},
                     {"group": "other", "observed": 1, "status": "too_few", "minimum": 20}]},
        "gender": {"status": "too_few_lists", "rule": "majority", "lists": ["police"],
                   "left_out": ["care", "outreach"]},
    },
}


def test_the_page_shows_each_form_with_its_estimate_or_why_not(client):
    run = EstimateRun.objects.create(year=YEAR, status=EstimateStatus.DONE, result=RESULT)
    page = _analyst_client(client).get(
        reverse("monitoring:estimate_run", args=[run.pk])).content.decode()
    forms = page[page.index('data-testid="stratum-form"'):]
    forms = forms[:forms.index("</section>")]
    assert ">52<" in forms and "87" in forms and ">31<" in forms and "61" in forms
    assert ">3<" not in forms and ">1<" not in forms and "&lt;5" in forms  # small: "<5"
    assert "minder dan 20 personen" in forms or "fewer than 20 persons" in forms
    rule = forms[forms.index('data-testid="stratum-rule"'):]
    assert ": 9." in rule and ": 7." in rule  # in more than one group; disagreeing
    genders = page[page.index('data-testid="stratum-gender"'):]
    genders = genders[:genders.index("</section>")]
    assert 'data-testid="stratum-reason"' in genders and "<table" not in genders


def test_the_yearly_pdf_shows_the_estimates_per_group_of_the_newest_finished_run(client):
    EstimateRun.objects.create(year=YEAR, status=EstimateStatus.DONE, result=RESULT)
    client = _analyst_client(client)
    response = client.get(reverse("monitoring:report_pdf"), {"year": str(YEAR)})
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "150" in text and "87" in text and "61" in text  # overall and per form
    assert "Seksuele uitbuiting" in text or "Sexual exploitation" in text
    assert "20" in text  # the reason a small group has no estimate

    EstimateRun.objects.create(year=YEAR, status=EstimateStatus.FAILED, message="stopped")
    response = client.get(reverse("monitoring:report_pdf"), {"year": str(YEAR)})
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "87" not in text  # an older estimate is never shown as the current one
