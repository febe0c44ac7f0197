import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from uitweg.accounts.models import Organisation, User

pytestmark = pytest.mark.django_db


@override_settings(DEMO_MODE=True)
def test_demo_loads_once_and_prints_logins(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "coordinator" in out and "uitweg-demo-2026" in out
    counts = (Organisation.objects.count(), User.objects.count())
    call_command("load_demo")
    assert (Organisation.objects.count(), User.objects.count()) == counts
    call_command("demo_code", "coordinator")
    code = capsys.readouterr().out.strip().splitlines()[-1]
    assert code.isdigit() and len(code) == 6


def test_demo_commands_refuse_outside_demo_mode():
    with pytest.raises(CommandError):
        call_command("load_demo")
    with pytest.raises(CommandError):
        call_command("demo_code", "coordinator")
