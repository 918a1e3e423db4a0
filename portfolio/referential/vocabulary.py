"""The codes people type (productions, situations and their aliases, blocs), from the referentials.

The API's path and body patterns and the CLI's help texts are built from this, so a code the
referential adds is accepted everywhere at once and no list is written twice. It spans every
version held; whether a code belongs to a given session's version is checked by the application.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from portfolio.referential.versions import Referentials


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


@dataclass(frozen=True)
class Vocabulary:
    productions: tuple[str, ...]  # E1, E2, E3
    situations: tuple[str, ...]  # canonical ids, written and oral
    aliases: tuple[str, ...]  # other accepted names of situations
    blocs: tuple[int, ...]
    versions: tuple[str, ...]

    @classmethod
    def of(cls, referentials: Referentials) -> Vocabulary:
        held = [referentials.get(v) for v in referentials.versions()]
        situations = [s for r in held for s in r.situations]
        return cls(
            productions=_unique(p for r in held for p in r.productions),
            situations=_unique(s.id for s in situations),
            aliases=_unique(a for s in situations for a in s.aliases),
            blocs=tuple(sorted({b for r in held for b in r.bloc_numbers})),
            versions=tuple(referentials.versions()),
        )

    @property
    def production_pattern(self) -> str:
        """A regex matching a production code as the referential spells it ("E1")."""
        return _pattern(_escape(p) for p in self.productions)

    @property
    def production_path_pattern(self) -> str:
        """A regex matching a production code in either case ("e1" in a URL is "E1")."""
        return _pattern(_either_case(p) for p in self.productions)

    @property
    def situation_pattern(self) -> str:
        """A regex matching a situation id or an alias."""
        return _pattern(_escape(s) for s in (*self.situations, *self.aliases))

    @property
    def bloc_range(self) -> tuple[int, int]:
        return min(self.blocs), max(self.blocs)

    @staticmethod
    def listing(values: Iterable[object]) -> str:
        """ "E1, E2 or E3" for a help text."""
        words = [str(v) for v in values]
        return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _pattern(alternatives: Iterable[str]) -> str:
    """`^(a|b)$` over regex alternatives (escaped by the caller where needed)."""
    return f"^({'|'.join(alternatives)})$"


def _escape(code: str) -> str:
    """Escape regex metacharacters only (`re.escape` also escapes "-", which ECMA regexes
    in JSON Schema refuse outside a class)."""
    return "".join(f"\\{c}" if c in _METACHARACTERS else c for c in code)


_METACHARACTERS = frozenset(".^$*+?{}[]\\|()")


def _either_case(code: str) -> str:
    """A regex for `code` in upper or lower case, without inline flags (JSON Schema has none)."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else _escape(c) for c in code)
