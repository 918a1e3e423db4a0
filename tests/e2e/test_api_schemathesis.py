"""Schemathesis against the live OpenAPI schema of a served app: no 5xx, responses conform.

Bounded (a few examples per operation) to stay well under two minutes. Every default check
runs except "schema-valid data must be accepted": domain rules the schema cannot express (a
time zone on deadlines, a one-time activation token) rightly answer 422 to such data. The
calls are made as an administrator, and the candidate's own writes as the candidate.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import positive_data_acceptance

import bootstrap
from api.app import create_app
from config import Settings
from tests.e2e.serving import served
from tests.integration.access import ADMIN, CANDIDATE, build_world

CANDIDATE_WRITES = ("/versions", "/submission", "/precheck")
MAX_EXAMPLES = 12


@dataclass(frozen=True)
class LiveApi:
    base: str
    admin: dict[str, str]
    candidate: dict[str, str]


@pytest.fixture
def live_api(backend_settings: Settings) -> Iterator[LiveApi]:
    config = backend_settings.model_copy(update={"max_upload_bytes": 512 * 1024})
    portfolio = bootstrap.build(config)
    world = build_world(portfolio)
    with served(create_app(config, portfolio)) as base:
        yield LiveApi(
            base,
            {"Authorization": f"Bearer {world.tokens[ADMIN]}"},
            {"Authorization": f"Bearer {world.tokens[CANDIDATE]}"},
        )


def run_operation(operation, live_api: LiveApi, calls: list[int]) -> str | None:
    """Fuzz one operation (no shrinking, bounded); the first failure's text, or None."""
    writes_as_candidate = operation.method.upper() == "POST" and operation.path.endswith(
        CANDIDATE_WRITES
    )
    headers = live_api.candidate if writes_as_candidate else live_api.admin

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        phases=[Phase.explicit, Phase.generate],
    )
    def fuzz(case) -> None:
        calls.append(1)
        case.call_and_validate(
            base_url=live_api.base, headers=headers, excluded_checks=[positive_data_acceptance]
        )

    try:
        fuzz()
    except Exception as failure:  # noqa: BLE001 - collected, reported together below
        return f"{operation.method.upper()} {operation.path}: {failure}"[:2000]
    return None


def test_api_conforms_to_its_schema(live_api: LiveApi) -> None:
    schema = schemathesis.openapi.from_url(f"{live_api.base}/api/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 28
    calls: list[int] = []
    failures = [f for op in operations if (f := run_operation(op, live_api, calls)) is not None]
    assert failures == [], "\n\n".join(failures)
    assert len(calls) >= 5 * len(operations)
