import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages are asserted in English (the source strings); Dutch is the default."""
    with translation.override("en"):
        yield
