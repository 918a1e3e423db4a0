"""PortfolioApp is composed of mixins: none may silently shadow another's or the library's."""

from __future__ import annotations

from eventsourcing.application import Application

from portfolio.application.app import PortfolioApp
from tests.unit.evidence_support import enrolled, make_app, pdf

OVERRIDES = {
    "__init__",
    "register_transcodings",
    "name",
    "__module__",
    "__doc__",
    "__qualname__",
    "__annotations__",
    "__firstlineno__",
    "__static_attributes__",
    "__dict__",
    "__weakref__",
    "__parameters__",
    "__orig_bases__",
    "_is_protocol",
}


def portfolio_classes() -> list[type]:
    return [c for c in PortfolioApp.__mro__ if c.__module__.startswith("portfolio.")]


def test_no_mixin_shadows_the_eventsourcing_application():
    library = {name for c in Application.__mro__ for name in vars(c)}
    for cls in portfolio_classes():
        if cls is PortfolioApp:
            continue
        clashes = (set(vars(cls)) & library) - OVERRIDES
        assert not clashes, f"{cls.__name__} shadows Application: {clashes}"


def test_no_two_unrelated_mixins_define_the_same_name():
    classes = portfolio_classes()
    for i, first in enumerate(classes):
        for second in classes[i + 1 :]:
            if issubclass(first, second) or issubclass(second, first):
                continue
            clashes = (set(vars(first)) & set(vars(second))) - OVERRIDES
            assert not clashes, f"{first.__name__} and {second.__name__} both define {clashes}"


def test_production_by_id_matches_production():
    from portfolio.domain import ids

    app = make_app()
    cid = enrolled(app)
    app.upload(cid, "E2", pdf(), "e2.pdf", "", "cli:c")
    assert app.production_by_id(ids.production_id(cid, "E2")) == app.production(cid, "E2")
