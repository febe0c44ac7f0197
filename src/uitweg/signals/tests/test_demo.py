"""The demo loader: about 200 signals from the public and partners, routed; idempotent."""

import pytest

from uitweg.accounts import demo as accounts_demo
from uitweg.signals import demo
from uitweg.signals.models import RoutingRule, Signal

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_loads_200_routed_signals_once():
    accounts_demo.load()
    demo.load()
    assert Signal.objects.count() == demo.TOTAL
    assert RoutingRule.objects.count() == len(demo.RULES)
    assert set(Signal.objects.values_list("source", flat=True)) == {"public", "professional"}
    assert Signal.objects.filter(priority="urgent").exists()
    assert Signal.objects.filter(status="closed").exists()
    assert Signal.objects.filter(identifiers__kind="kvk").distinct().count() > 10
    demo.load()
    assert Signal.objects.count() == demo.TOTAL
    assert RoutingRule.objects.count() == len(demo.RULES)
