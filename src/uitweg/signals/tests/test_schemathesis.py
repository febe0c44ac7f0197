"""Property-based API tests generated from the OpenAPI schema: no 5xx for any input."""

import pytest
import schemathesis
from django.test import override_settings
from hypothesis import HealthCheck, given, settings

from uitweg.accounts.roles import OrganisationKind

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

EXAMPLES = 60  # per operation and per key; keeps the whole test under a minute


@pytest.fixture
def api_schema(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return schemathesis.openapi.from_dict(response.json())


def _checker(operation, headers):
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(operation.as_strategy())
    def check(case):
        response = case.call(headers=headers)
        assert response.status_code < 500, (operation.label, case.path_parameters,
                                            case.query, case.body, response.text[:300])
    return check


def test_no_server_errors_for_generated_requests(api_schema, live_server):
    from django.core.cache import cache

    from uitweg.signals import services
    from uitweg.signals.tests.factories import care_org
    from uitweg.testing.factories import OrganisationFactory

    cache.clear()
    care_org()
    org = OrganisationFactory(kind=OrganisationKind.LABOUR_INSPECTORATE)
    _key, raw = services.issue_api_key(by=None, organisation=org, name="fuzz",
                                       scopes=["signals:write", "signals:read"])
    api_schema.config.update(base_url=live_server.url)
    operations = [op for op in (r.ok() for r in api_schema.get_all_operations())
                  if op.path.startswith("/api/v1/signals")]
    assert {op.label for op in operations} >= {"POST /api/v1/signals/",
                                                "GET /api/v1/signals/",
                                                "GET /api/v1/signals/{reference}/"}
    with override_settings(SIGNALS_API_THROTTLE=1_000_000):
        for operation in operations:
            for headers in ({"Authorization": f"Api-Key {raw}"},  # valid key
                            {"Authorization": "Api-Key wrong"}):  # and an invalid one
                _checker(operation, headers)()
    from uitweg.signals.models import Signal

    assert Signal.objects.filter(source="api").exists()  # valid payloads were generated too
