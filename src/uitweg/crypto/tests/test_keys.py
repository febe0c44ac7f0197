import pytest
from django.core.exceptions import ImproperlyConfigured

from uitweg.crypto.keys import new_key, parse_keyring


def test_first_key_encrypts_all_decrypt():
    a, b = new_key(), new_key()
    ring = parse_keyring(f"new:{a}, old:{b}")
    assert ring.current_id == "new" and set(ring.keys) == {"new", "old"}


@pytest.mark.parametrize("spec", [
    "", "nokey", "a:bm90YmFzZTY0", "a:!!!", f"a:{new_key()},a:{new_key()}", "bad id:" + new_key(),
])
def test_bad_key_specs_are_refused_with_a_reason(spec):
    with pytest.raises(ImproperlyConfigured):
        parse_keyring(spec)
