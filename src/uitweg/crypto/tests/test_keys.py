import base64

import pytest
from django.core.exceptions import ImproperlyConfigured

from uitweg.crypto.keys import new_key, parse_keyring


def test_first_key_encrypts_all_decrypt():
    a, b = new_key(), new_key()
    ring = parse_keyring(f"new:{a}, old:{b}")
    assert ring.current_id == "new" and set(ring.keys) == {"new", "old"}


# Fixed valid keys, not new_key(): every pytest-xdist worker must collect the same test ids.
KEY_1, KEY_2 = (base64.b64encode(bytes([n]) * 32).decode() for n in (1, 2))


@pytest.mark.parametrize("spec", [
    "", "nokey", "a:bm90YmFzZTY0", "a:!!!", f"a:{KEY_1},a:{KEY_2}", "bad id:" + KEY_1,
])
def test_bad_key_specs_are_refused_with_a_reason(spec):
    with pytest.raises(ImproperlyConfigured):
        parse_keyring(spec)
