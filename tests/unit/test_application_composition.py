"""The Portfolio is composed of plain services over one store: no mixins, explicit dependencies."""

from __future__ import annotations

import dataclasses
import inspect

from bootstrap import Portfolio
from portfolio.application.store import EventStore
from portfolio.domain import ids
from tests.unit.evidence_support import enrolled, make_app, pdf

SERVICES = [
    f.name for f in dataclasses.fields(Portfolio) if f.name[0] != "_" and f.name != "adapters"
]


def test_services_are_plain_classes_not_mixins():
    app = make_app()
    for name in SERVICES:
        service = getattr(app, name)
        bases = type(service).__mro__[1:]
        assert bases == (object,) or not type(service).__module__.startswith("portfolio."), name


def test_every_dependency_is_a_named_constructor_parameter():
    app = make_app()
    for name in SERVICES:
        parameters = inspect.signature(type(getattr(app, name)).__init__).parameters.values()
        kinds = {p.kind for p in parameters}
        assert inspect.Parameter.VAR_KEYWORD not in kinds, f"{name} takes **kwargs"
        assert inspect.Parameter.VAR_POSITIONAL not in kinds, f"{name} takes *args"


def test_the_services_share_one_event_store():
    app = make_app()
    stores = {
        id(value)
        for name in SERVICES
        for value in vars(getattr(app, name)).values()
        if isinstance(value, EventStore)
    }
    assert stores == {id(app.adapters.store)}


def test_production_by_id_matches_production():
    app = make_app()
    cid = enrolled(app)
    app.evidence.upload(cid, "E2", pdf(), "e2.pdf", "", "cli:c")
    by_id = app.evidence.production_by_id(ids.production_id(cid, "E2"))
    assert by_id == app.evidence.production(cid, "E2")
