"""Test helpers for signals: built through the real services, so triage and identifiers apply."""

from __future__ import annotations

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.signals import services
from uitweg.signals.models import RoutingRule, Signal
from uitweg.signals.services import SignalData
from uitweg.testing.factories import OrganisationFactory, UserFactory


def care_org(name=None, region="Haaglanden"):
    """A new care coordination organisation (a fresh one on every call unless named)."""
    if name is None:
        return OrganisationFactory(kind=OrganisationKind.CARE_COORDINATION, region=region)
    return OrganisationFactory(name=name, kind=OrganisationKind.CARE_COORDINATION,
                               region=region)


def intake_officer(org=None, **kwargs):
    return UserFactory(organisation=org or care_org(), roles=[Role.INTAKE_OFFICER], **kwargs)


def coordinator(org=None, **kwargs):
    return UserFactory(organisation=org or care_org(), roles=[Role.CARE_COORDINATOR], **kwargs)


def make_signal(org=None, *, public=False, **fields) -> Signal:
    """A signal routed to ``org`` (a care coordination organisation by default)."""
    org = org or care_org()
    data = SignalData(description=fields.pop("description", "Seen at the car wash."),
                      **fields)
    if public:
        signal, _code = services.submit_public_report(data=data, language="nl")
    else:
        reporter = UserFactory(organisation=OrganisationFactory(
            kind=OrganisationKind.POLICE), roles=[Role.INTAKE_OFFICER])
        signal = services.submit_professional_signal(by=reporter, data=data)
    Signal.objects.filter(pk=signal.pk).update(responsible_organisation=org)
    signal.refresh_from_db()
    return signal


def rule(org, *, order=100, form="", minor=None, region="", team=""):
    return RoutingRule.objects.create(name=f"rule {order}", order=order, form=form,
                                      minor=minor, region=region, organisation=org, team=team)
