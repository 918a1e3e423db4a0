"""Wording firewall: no French domain word as a literal in a regex or a phrase list under
`pipeline/`. Vocabulary belongs to the referential data and the lexicon, with provenance.

What is looked at (Python AST, so comments and docstrings never count):
- *regex*: string literals given to `re.compile / search / match / fullmatch / findall /
  finditer / sub / subn / split` (inline, or through a module- or class-level name bound to a
  string), f-string parts and `+` concatenations included;
- *phrases*: tuples, lists, sets and dict keys/values holding two or more string literals.

What counts as a French domain word (a word = 4+ letters; regex escapes, flags and group names
are removed first):
- any word with a French diacritic (é, è, à, ç, ô, œ…): English has none;
- any word of the project's French vocabulary data: every string of `portfolio/referential/*`
  and of the YAML/JSON data files under `pipeline/` (the lexicons), except those under a key
  ending in `_en`; in a regex, a literal word also matches a vocabulary word it is the 5+
  letter start of ("rentabilit" in `rentabilit[ée]`, "s'elev" in `s'elev\\w*`). Words that
  the English data or the project's own Python names use ("type", "total", "document") are
  not French;
- French month and weekday names (`tests/variants/french.py`, the generator's calendar data):
  unaccented ones ("mars", "juin") are caught too.

Allow rules, one per kind of false positive:
- identifiers and ids: a lowercase token joined by `_`, `.` or `:` (`point_mort`, `zip_bomb`),
  or a single lowercase word that the project's Python code uses as a name (`total`, `sheets`),
  is a machine key, not wording; other single words ("passifs", "janvier") are judged by the
  vocabulary like any other;
- format names, MIME types and file extensions (`application/pdf`, `.docx`): single tokens
  with `/` or a leading dot;
- sentences shown to people (in a collection, a capitalised literal of 5+ words ending with
  `.`, `!` or `?`): messages, not matching vocabulary (French messages are a requirement);
- character classes read as one of their letters (`rentabilit[ée]`); long classes and ranges
  (`[A-ZÀÂÉ]`) are syntax;
- English words: not French unless accented, see above.

Today's offending literals are listed in `wording_firewall_baseline.json` (a ratchet): the test
fails when a NEW one appears, and when a listed one is gone (shrink the baseline with
`python -m tests.unit.test_wording_firewall --update`, which only ever removes entries). The
checker's authors bring it to empty; `python -m tests.unit.test_wording_firewall` lists today's.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import yaml

from tests.variants import french

ROOT = Path(__file__).resolve().parents[2]
PIPELINE = ROOT / "pipeline"
BASELINE = Path(__file__).with_name("wording_firewall_baseline.json")
REGEX_CALLS = {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "subn"}
REGEX_CALLS |= {"split"}
DIACRITICS = set("àâäáçéèêëîïíôöóùûüúÿœæ")
WORD = re.compile(r"[^\W\d_]{4,}")
REGEX_SYNTAX = re.compile(r"\\[A-Za-z]|\(\?P?<[^>]*>|\(\?P=\w+\)|\(\?[a-zA-Z]+\)|\{\d*,?\d*\}")
IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:[_.:-][a-z0-9]+)*")
SEPARATOR = set("_.:")
FORMAT_TOKEN = re.compile(r"\.?[\w+.-]+/[\w+.-]+|\.[a-z0-9]{2,5}")


CHAR_CLASS = re.compile(r"\[\^?([^\]]*)\]")


def _class_letter(match: re.Match) -> str:
    """A character class reads as one of its letters: the accented one when there is one
    (`rentabilit[ée]` -> "rentabilité"), nothing for classes of punctuation and ranges."""
    letters = [c for c in match.group(1) if c.isalpha()]
    accented = [c for c in letters if c.lower() in DIACRITICS]
    if len(letters) > 3:
        return " "  # a range or a long set ([A-ZÀÂÉ…]): syntax, not a word
    return (accented or letters or [" "])[0]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


# --------------------------------------------------------------------------- vocabulary
def _data_files() -> Iterator[Path]:
    yield from sorted((ROOT / "portfolio" / "referential").glob("*.yaml"))
    yield from sorted((ROOT / "portfolio" / "referential").glob("*.json"))
    for pattern in ("*.yaml", "*.yml", "*.json"):
        yield from sorted(PIPELINE.rglob(pattern))


def _strings(node, english: bool, out: dict[bool, set[str]]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _strings(value, english or str(key).endswith("_en") or str(key) == "en", out)
    elif isinstance(node, list):
        for value in node:
            _strings(value, english, out)
    elif isinstance(node, str):
        out[english].update(fold(w) for w in WORD.findall(node))


@cache
def vocabulary() -> frozenset[str]:
    """Folded French words of the project's data, minus those its English data uses too."""
    words: dict[bool, set[str]] = {True: set(), False: set()}
    for path in _data_files():
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        _strings(data, False, words)
    english = words[True] | {fold(w) for name in code_names() for w in name.split("_")}
    calendar = {fold(w) for w in (*french.MONTHS, *french.WEEKDAYS)}  # the generator's data
    return frozenset((words[False] - english) | calendar)


def is_french(word: str, truncated: bool = False) -> bool:
    """`truncated`: the word may be the start of a longer one (`rentabilit[ée]`, `s'elev\\w*`)."""
    if DIACRITICS & set(word.lower()):
        return True
    folded, vocab = fold(word), vocabulary()
    if folded in vocab:
        return True
    if not truncated or len(folded) < 5:
        return False
    return any(v.startswith(folded) and len(v) > len(folded) for v in vocab)


def is_wording(literal: str, kind: str) -> bool:
    """Does this literal carry French domain vocabulary (after the allow rules)?"""
    text = literal.strip()
    if is_machine_key(text):
        return False  # a machine key or id of the JSON contract (`point_mort`, `total`)
    if FORMAT_TOKEN.fullmatch(text):
        return False  # MIME type, file extension
    if kind == "phrases" and len(text.split()) >= 5 and text[0].isupper() and text[-1] in ".!?":
        return False  # a sentence shown to people
    if kind == "regex":
        text = CHAR_CLASS.sub(_class_letter, REGEX_SYNTAX.sub(" ", text))
    return any(is_french(word, kind == "regex") for word in WORD.findall(text))


# ------------------------------------------------------------------------------ the AST
def _string_parts(node: ast.AST, names: dict[str, ast.AST]) -> Iterator[str]:
    """String literals that make up an expression (concatenations, f-strings, names)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        for value in node.values:
            yield from _string_parts(value, names)
    elif isinstance(node, ast.BinOp):
        yield from _string_parts(node.left, names)
        yield from _string_parts(node.right, names)
    elif isinstance(node, ast.Name) and node.id in names:
        yield from _string_parts(names[node.id], names)


def _bound_strings(tree: ast.AST) -> dict[str, ast.AST]:
    """NAME = <string expression> at module or class level."""
    names: dict[str, ast.AST] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef):
            for statement in node.body:
                if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                    target = statement.targets[0]
                    if isinstance(target, ast.Name):
                        names[target.id] = statement.value
                elif (
                    isinstance(statement, ast.AnnAssign)
                    and statement.value is not None
                    and isinstance(statement.target, ast.Name)
                ):
                    names[statement.target.id] = statement.value
    return names


def _is_regex_call(node: ast.Call) -> bool:
    func = node.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr in REGEX_CALLS
        and isinstance(func.value, ast.Name)
        and func.value.id in {"re", "regex"}
    )


def _collection_strings(node: ast.AST) -> list[str] | None:
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        items = node.elts
    elif isinstance(node, ast.Dict):
        items = [k for k in node.keys if k is not None] + list(node.values)
    else:
        return None
    strings = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
    return strings if len(strings) >= 2 else None


def is_machine_key(literal: str) -> bool:
    """`point_mort`, `zip_bomb` (joined tokens), or one lowercase word the code itself uses as
    a name (a regex group "total", a metadata value "sheets")."""
    if not IDENTIFIER.fullmatch(literal):
        return False
    return bool(SEPARATOR & set(literal)) or literal in code_names()


@cache
def code_names() -> frozenset[str]:
    """Lowercase words of the project's own Python names (English by convention)."""
    names: set[str] = set()
    for folder in ("pipeline", "portfolio", "storage", "api", "cli", "reports"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Name):
                    names.add(node.id)
                elif isinstance(node, ast.Attribute):
                    names.add(node.attr)
                elif isinstance(node, ast.FunctionDef | ast.ClassDef):
                    names.add(node.name)
                elif isinstance(node, ast.arg):
                    names.add(node.arg)
    return frozenset(n.lower() for n in names)


def offending(source: str) -> list[tuple[str, str]]:
    """(kind, literal) for every wording literal of one module's source."""
    tree = ast.parse(source)
    names = _bound_strings(tree)
    found: list[tuple[str, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_regex_call(node) and node.args:
            for part in _string_parts(node.args[0], names):
                if is_wording(part, "regex"):
                    found.append(("regex", part))
        for literal in _collection_strings(node) or ():
            if is_wording(literal, "phrases"):
                found.append(("phrases", literal))
    return sorted(set(found))


def scan(root: Path = PIPELINE) -> dict[str, list[str]]:
    """{relative file: sorted offending literals} over every module under `root`."""
    out: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        literals = sorted({literal for _, literal in offending(path.read_text(encoding="utf-8"))})
        if literals:
            out[path.relative_to(ROOT).as_posix()] = literals
    return out


def _baseline() -> dict[str, list[str]]:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def _diff(now: dict[str, list[str]], before: dict[str, list[str]]) -> tuple[list, list]:
    def pairs(table: dict[str, Iterable[str]]) -> set[tuple[str, str]]:
        return {(f, lit) for f, lits in table.items() for lit in lits}

    return sorted(pairs(now) - pairs(before)), sorted(pairs(before) - pairs(now))


# ------------------------------------------------------------------------------ the tests
def test_no_new_french_wording_in_pipeline_code():
    new, _ = _diff(scan(), _baseline())
    assert not new, (
        "French domain words as literals in pipeline code (move them to the referential or "
        "the lexicon data):\n" + "\n".join(f"  {f}: {lit!r}" for f, lit in new)
    )


def test_the_baseline_only_shrinks():
    _, gone = _diff(scan(), _baseline())
    assert not gone, (
        "These baseline literals are gone from the code; shrink the baseline with "
        "`python -m tests.unit.test_wording_firewall --update`:\n"
        + "\n".join(f"  {f}: {lit!r}" for f, lit in gone)
    )


def test_a_planted_regex_is_caught():
    source = 'import re\nSR = re.compile(r"\\bseuil\\s+de\\s+rentabilit[ée]\\b", re.I)\n'
    assert ("regex", "\\bseuil\\s+de\\s+rentabilit[ée]\\b") in offending(source)
    bound = 'import re\nPATTERN = r"(?P<value>\\d+)\\s*promoteurs"\nX = re.search(PATTERN, t)\n'
    assert [kind for kind, _ in offending(bound)] == ["regex"]
    fstring = 'import re\ndef f(u):\n    return re.match(f"{u}\\\\s+jours ouvr[ée]s", u)\n'
    assert offending(fstring)


def test_a_planted_phrase_list_is_caught():
    assert offending('LABELS = ("point mort", "date d’équilibre")\n')
    months = 'MONTHS = {"janvier": 1, "février": 2, "mars": 3}\n'
    assert ("phrases", "janvier") in offending(months)  # caught with its accented sibling
    assert offending('WORDS = ["passifs", "neutres"]\n')  # referential vocabulary


def test_data_loaded_patterns_and_machine_tokens_pass():
    loaded = (
        "import json, re\n"
        "WORDS = json.loads(open('lexicon.json').read())\n"
        "PATTERN = re.compile('|'.join(map(re.escape, WORDS)), re.I)\n"
        "NUMBER = re.compile(r'(?P<int>\\d{1,3}(?:[ .]\\d{3})*)(?:,(?P<dec>\\d+))?')\n"
    )
    assert offending(loaded) == []
    machine = (
        'STATUSES = ("pass", "fail", "undetermined")\n'
        'IDS = ["point_mort", "break_even", "internship_minimum_days"]\n'
        'TYPES = {"application/pdf": "pdf", ".docx": "docx"}\n'
        'MESSAGES = ("Le fichier est vide : exportez-le à nouveau.",\n'
        '            "Le fichier est endommagé, réessayez plus tard.")\n'
        'HEADERS = ("Content-Type", "Accept")\n'
    )
    assert offending(machine) == []


def test_the_update_only_shrinks_the_baseline():
    before = {"a.py": ["seuil", "point mort"], "b.py": ["promoteurs"]}
    now = {"a.py": ["point mort", "janvier"], "c.py": ["passifs"]}
    assert shrunk(now, before) == {"a.py": ["point mort"]}


def test_docstrings_and_comments_never_count():
    source = '"""Le seuil de rentabilité et le point mort."""\n# promoteurs, détracteurs\nX = 1\n'
    assert offending(source) == []


def shrunk(now: dict[str, list[str]], before: dict[str, list[str]]) -> dict[str, list[str]]:
    """The baseline without the literals that are gone; new literals are never added."""
    kept = {f: [lit for lit in lits if lit in now.get(f, [])] for f, lits in before.items()}
    return {f: lits for f, lits in kept.items() if lits}


def _update() -> None:
    """Shrink only: drop the literals that are gone, never add the new ones (those must move to
    data; adding one to the baseline by hand is a decision a reviewer sees)."""
    now, before = scan(), _baseline()
    kept = shrunk(now, before)
    BASELINE.write_text(json.dumps(kept, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    removed = sum(map(len, before.values())) - sum(map(len, kept.values()))
    print(f"{BASELINE.relative_to(ROOT)}: {removed} literal(s) removed")
    new, _ = _diff(now, kept)
    if new:
        print(f"{len(new)} new literal(s) NOT added: move them to the referential or lexicon data")


if __name__ == "__main__":
    if "--update" in sys.argv:
        _update()
    else:
        for file, literals in scan().items():
            print(file)
            for literal in literals:
                print("   ", repr(literal))
