"""Read a referential YAML file into the typed model, refusing anything malformed or inconsistent.

`load_referential` reads one file each time it is called; the application reaches referentials
through the `Referentials` port (`portfolio.referential.versions`), which loads each version once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from portfolio.errors import ReferentialInvalid
from portfolio.referential.model import (
    Activity,
    Bloc,
    Competency,
    Criterion,
    ElementPart,
    Internship,
    Referential,
    RequiredElement,
    Situation,
)
from portfolio.referential.validation import validate

DEFAULT_FILE = "referential.yaml"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built in: 7x faster


def load_referential(path: str | Path | None = None) -> Referential:
    """Load and validate a referential (the packaged `referential.yaml` by default)."""
    return parse_referential(_read_bytes(path), str(path or DEFAULT_FILE))


def parse_referential(raw: bytes, source: str) -> Referential:
    """Parse and validate the bytes of a referential file (`source` names it in errors)."""
    try:
        data = yaml.load(raw, Loader=_Loader)  # a safe loader
    except yaml.YAMLError as exc:
        raise ReferentialInvalid(f"referential {source} is not valid YAML: {exc}") from None
    referential = build(_mapping(data, "referential"), hashlib.sha256(raw).hexdigest())
    validate(referential)
    return referential


def _read_bytes(path: str | Path | None) -> bytes:
    try:
        if path is None:
            return resources.files(__package__).joinpath(DEFAULT_FILE).read_bytes()
        return Path(path).read_bytes()
    except OSError as exc:
        raise ReferentialInvalid(f"cannot read referential {path or DEFAULT_FILE}: {exc}") from None


def build(data: Mapping[str, Any], fingerprint: str) -> Referential:
    """Turn parsed YAML into the model; missing keys and wrong shapes raise ReferentialInvalid."""
    return Referential(
        version=_str(data, "version", "referential"),
        title=_str(data, "title", "referential"),
        source_title=_str(data, "source_title", "referential"),
        rncp_listing=_opt_str(data, "rncp_listing", "referential"),
        blocs=tuple(_bloc(b) for b in _list(data, "blocs", "referential")),
        situations=tuple(_situation(s) for s in _list(data, "situations", "referential")),
        fingerprint=fingerprint,
    )


def _bloc(data: Any) -> Bloc:
    data = _mapping(data, "bloc")
    number = _int(data, "number", "bloc")
    where = f"bloc {number}"
    return Bloc(
        number=number,
        title=_str(data, "title", where),
        code=_opt_str(data, "code", where),
        activities=tuple(_activity(a, number) for a in _list(data, "activities", where)),
    )


def _activity(data: Any, bloc: int) -> Activity:
    data = _mapping(data, f"activity of bloc {bloc}")
    code = _str(data, "code", f"activity of bloc {bloc}")
    competencies = tuple(_competency(c, code, bloc) for c in _list(data, "competencies", code))
    return Activity(code=code, title=_str(data, "title", code), competencies=competencies)


def _competency(data: Any, activity: str, bloc: int) -> Competency:
    data = _mapping(data, f"competency of {activity}")
    code = _str(data, "code", f"competency of {activity}")
    criterion = _mapping(data.get("criterion"), f"criterion of {code}")
    return Competency(
        code=code,
        statement=_str(data, "statement", code),
        criterion=Criterion(
            code=_str(criterion, "code", f"criterion of {code}"),
            text=_str(criterion, "text", f"criterion of {code}"),
            competency=code,
        ),
        activity=activity,
        bloc=bloc,
    )


def _situation(data: Any) -> Situation:
    data = _mapping(data, "situation")
    sid = _str(data, "id", "situation")
    production = _opt_str(data, "production", sid)
    internship = data.get("internship")
    return Situation(
        id=sid,
        title=_str(data, "title", sid),
        kind=_str(data, "kind", sid),
        bloc=_int(data, "bloc", sid),
        production=production,
        competencies=_strs(data, "competencies", sid),
        modality=_strs(data, "modality", sid),
        elements=tuple(_element(e, production or sid) for e in _list(data, "elements", sid)),
        internship=_internship(internship, sid) if internship is not None else None,
        jury=_strs(data, "jury", sid) if "jury" in data else (),
        defends=_opt_str(data, "defends", sid),
        aliases=_strs(data, "aliases", sid) if "aliases" in data else (),
    )


def _internship(data: Any, where: str) -> Internship:
    data = _mapping(data, f"internship of {where}")
    return Internship(
        min_working_days=_int(data, "min_working_days", f"internship of {where}"),
        unit=_str(data, "unit", f"internship of {where}"),
        service=_str(data, "service", f"internship of {where}"),
    )


def _element(data: Any, production: str) -> RequiredElement:
    data = _mapping(data, f"element of {production}")
    eid = _str(data, "id", f"element of {production}")
    return RequiredElement(
        id=eid,
        production=production,
        competency=_opt_str(data, "competency", eid),
        parts=tuple(_part(p, eid) for p in _list(data, "parts", eid)),
        **_hints(data, eid),
    )


def _part(data: Any, element: str) -> ElementPart:
    data = _mapping(data, f"part of {element}")
    key = _str(data, "key", f"part of {element}")
    where = f"{element}:{key}"
    absent_if = _strs(data, "absent_if", where) if "absent_if" in data else ()
    return ElementPart(key=key, absent_if=absent_if, **_hints(data, where))


def _hints(data: Mapping[str, Any], where: str) -> dict[str, Any]:
    return {
        "label_fr": _str(data, "label_fr", where),
        "label_en": _str(data, "label_en", where),
        "headings_fr": _strs(data, "headings_fr", where),
        "headings_en": _strs(data, "headings_en", where),
        "keywords": _strs(data, "keywords", where),
    }


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ReferentialInvalid(f"{where}: expected a mapping, got {type(value).__name__}")
    return value


def _list(data: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list):
        raise ReferentialInvalid(f"{where}: '{key}' must be a list")
    return value


def _strs(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = _list(data, key, where)
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise ReferentialInvalid(f"{where}: '{key}' must hold non-empty strings only")
    return tuple(values)


def _str(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ReferentialInvalid(f"{where}: '{key}' must be a non-empty string")
    return value


def _opt_str(data: Mapping[str, Any], key: str, where: str) -> str | None:
    return None if data.get(key) is None else _str(data, key, where)


def _int(data: Mapping[str, Any], key: str, where: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ReferentialInvalid(f"{where}: '{key}' must be an integer")
    return value
