"""The partner API: API keys per organisation with scopes, validation errors, no leaks."""

import pytest

from uitweg.accounts.roles import OrganisationKind
from uitweg.signals import services
from uitweg.signals.models import ApiKey, Signal
from uitweg.signals.tests.factories import care_org
from uitweg.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "description": "Workers sleep in the greenhouse; passports kept by the foreman.",
    "forms": ["labour"], "indicators": ["retention_of_documents", "abusive_conditions"],
    "minor_involved": False,
    "persons": [{"full_name": "Mihai Popescu", "date_of_birth": "1994-04-01",
                 "nationality": "RO", "phone_numbers": ["+40 700 000 001"]}],
    "locations": ["Poeldijkseweg 3, Wateringen"],
    "businesses": [{"name": "Kassenbouw Hoekstra BV", "kvk_number": "62123455"}],
    "phone_numbers": ["0612121212"], "websites": ["https://example.org/vacature"],
    "vehicles": ["12-ABC-3"], "reference": "INSP-2026-17",
}


@pytest.fixture
def inspectorate():
    care_org()
    return OrganisationFactory(kind=OrganisationKind.LABOUR_INSPECTORATE)


@pytest.fixture
def key(inspectorate):
    _key, raw = services.issue_api_key(by=None, organisation=inspectorate, name="Case system",
                                       scopes=["signals:write", "signals:read"])
    return raw


def auth(raw):
    return {"HTTP_AUTHORIZATION": f"Api-Key {raw}"}


def test_submit_a_signal(client, key, inspectorate):
    response = client.post("/api/v1/signals/", PAYLOAD, content_type="application/json",
                           **auth(key))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"].startswith("S-")
    assert body["priority"] == "normal" and body["status"] == "received"
    assert body["your_reference"] == "INSP-2026-17"
    assert set(body) == {"reference", "your_reference", "received_at", "status", "priority"}
    signal = Signal.objects.get()
    assert signal.source == "api" and signal.reporting_organisation == inspectorate
    assert signal.persons.get().full_name == "Mihai Popescu"
    kinds = sorted(signal.identifiers.values_list("kind", flat=True))
    assert kinds == ["address", "business_name", "kvk", "person", "phone", "phone",
                     "vehicle", "website"]
    assert ApiKey.objects.get().last_used is not None


def test_calls_without_a_valid_key_are_401(client, key):
    for headers in ({}, {"HTTP_AUTHORIZATION": "Api-Key nope"},
                    {"HTTP_AUTHORIZATION": "Bearer " + key}):
        response = client.post("/api/v1/signals/", PAYLOAD, content_type="application/json",
                               **headers)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Api-Key"
        assert client.get("/api/v1/signals/", **headers).status_code == 401
        assert client.get("/api/v1/signals/S-2026-00001/", **headers).status_code == 401
    assert Signal.objects.count() == 0


def test_revoked_key_is_401(client, key):
    ApiKey.objects.update(active=False)
    assert client.get("/api/v1/signals/", **auth(key)).status_code == 401


def test_scopes_are_enforced(client, inspectorate):
    _k, read_only = services.issue_api_key(by=None, organisation=inspectorate, name="ro",
                                           scopes=["signals:read"])
    response = client.post("/api/v1/signals/", PAYLOAD, content_type="application/json",
                           **auth(read_only))
    assert response.status_code == 403
    assert client.get("/api/v1/signals/", **auth(read_only)).status_code == 200


@pytest.mark.parametrize("change,field", [
    ({"businesses": [{"name": "X", "kvk_number": "1234567"}]}, "businesses[0].kvk_number"),
    ({"businesses": [{"name": "X", "kvk_number": "1234567a"}]}, "businesses[0].kvk_number"),
    ({"description": "x" * 5001}, "description"),
    ({"description": ""}, "description"),
    ({"indicators": ["magic"]}, "indicators[0]"),
    ({"persons": [{"full_name": "A", "date_of_birth": "31-12-1990"}]},
     "persons[0].date_of_birth"),
    ({"persons": [{"full_name": "A", "date_of_birth": "2999-01-01"}]},
     "persons[0].date_of_birth"),
    ({"persons": [{"full_name": "A", "nationality": "Polish"}]}, "persons[0].nationality"),
    ({"forms": "labour"}, "forms"),
])
def test_malformed_payload_is_400_with_field_and_reason(client, key, change, field):
    response = client.post("/api/v1/signals/", {**PAYLOAD, **change},
                           content_type="application/json", **auth(key))
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert field in [e["field"] for e in errors], errors
    assert all(e["reason"] for e in errors)
    assert Signal.objects.count() == 0  # nothing half-saved


def test_invalid_json_is_400(client, key):
    response = client.post("/api/v1/signals/", "{not json", content_type="application/json",
                           **auth(key))
    assert response.status_code == 400


def test_partners_read_only_their_own_signals_and_learn_nothing_about_matches(client, key,
                                                                             inspectorate):
    client.post("/api/v1/signals/", PAYLOAD, content_type="application/json", **auth(key))
    police = OrganisationFactory(kind=OrganisationKind.POLICE)
    _k, police_key = services.issue_api_key(by=None, organisation=police, name="BVH",
                                            scopes=["signals:write", "signals:read"])
    # The police submit a signal with the same phone number: the answer does not say so.
    response = client.post("/api/v1/signals/", PAYLOAD, content_type="application/json",
                           **auth(police_key))
    assert response.status_code == 201
    first = Signal.objects.get(reporting_organisation=inspectorate)
    assert set(response.json()) == {"reference", "your_reference", "received_at", "status",
                                    "priority"}
    assert client.get(f"/api/v1/signals/{first.reference}/",
                      **auth(police_key)).status_code == 404
    assert client.get(f"/api/v1/signals/{first.reference}/", **auth(key)).json()[
        "reference"] == first.reference
    listing = client.get("/api/v1/signals/", **auth(police_key)).json()
    assert listing["count"] == 1 and listing["results"][0]["reference"] != first.reference


def test_reads_are_access_logged(client, key):
    from uitweg.audit.testing import assert_one_access_entry

    client.post("/api/v1/signals/", PAYLOAD, content_type="application/json", **auth(key))
    with assert_one_access_entry("search", object_type="signals.signal") as log:
        client.get("/api/v1/signals/", **auth(key))
    assert log.entries[0].username.startswith("api-key:")


def test_schema_is_public_and_documents_the_key(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json() if response["Content-Type"].endswith("json") else None
    text = response.content.decode()
    assert "/api/v1/signals/" in text and "ApiKey" in text
    if schema:
        assert schema["components"]["securitySchemes"]["ApiKey"]["in"] == "header"
