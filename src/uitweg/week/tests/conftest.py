import pytest


@pytest.fixture(autouse=True)
def _mail_at_once(monkeypatch, request):
    """Tests run inside one transaction that never commits: send the Week's e-mails at once
    (tests marked ``transaction=True`` keep the real after-commit behaviour)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        monkeypatch.setattr("uitweg.week.mail._after_commit", lambda send: send())
