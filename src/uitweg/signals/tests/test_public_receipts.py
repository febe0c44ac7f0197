"""Receipts of the public form: the token → code mapping holds neither in the clear."""

import pytest
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st

from uitweg.signals import receipts


@pytest.fixture(autouse=True)
def _clear():
    cache.clear()
    yield
    cache.clear()


def test_tokens_are_unguessable_and_well_formed():
    tokens = {receipts.new_token() for _ in range(200)}
    assert len(tokens) == 200 and all(receipts.is_token(t) for t in tokens)
    for bad in ("", "x" * 31, "x" * 33, "../../etc/passwd" + "x" * 16, None, 42, "é" * 32):
        assert not receipts.is_token(bad)


@given(st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ23456789", min_size=12, max_size=12))
def test_a_sealed_code_opens_only_with_its_own_token(raw):
    code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"  # the reporter's code as shown
    token, other = receipts.new_token(), receipts.new_token()
    sealed = receipts.seal(token, code)
    assert code not in sealed
    assert receipts.unseal(token, sealed) == code
    assert receipts.unseal(other, sealed) is None
    assert receipts.unseal(token, "not base64!") is None


def test_the_cache_holds_neither_the_token_nor_the_code():
    token = receipts.new_token()
    assert receipts.claim(token, content="c1") is None  # the first caller files
    receipts.complete(token, content="c1", code="ABCD-EFGH-JKLM")
    raw = repr(cache._cache)  # locmem's pickled entries and keys
    assert token not in raw and "ABCD-EFGH-JKLM" not in raw and "ABCDEFGHJKLM" not in raw
    assert receipts.lookup(token) == receipts.Receipt(content="c1", code="ABCD-EFGH-JKLM")


def test_a_second_claim_gets_the_first_ones_receipt_and_release_frees_it():
    token = receipts.new_token()
    assert receipts.claim(token, content="c1") is None
    pending = receipts.claim(token, content="c1")
    assert pending is not None and pending.code is None  # being filed right now
    receipts.release(token)  # the first send was refused: the form may be sent again
    assert receipts.claim(token, content="c1") is None


def test_waiting_for_a_code_gives_up_after_the_timeout():
    token = receipts.new_token()
    receipts.claim(token, content="c1")
    assert receipts.wait_for_code(token, timeout=0.2, step=0.05).code is None
    assert receipts.wait_for_code(receipts.new_token(), timeout=0.2) is None


def test_the_content_digest_ignores_key_order_but_not_text():
    a = receipts.content_digest({"description": "x", "forms_seen": ["sexual"]})
    b = receipts.content_digest({"forms_seen": ["sexual"], "description": "x"})
    c = receipts.content_digest({"forms_seen": ["sexual"], "description": "y"})
    assert a == b != c
