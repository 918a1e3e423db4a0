"""The PV's French text as a list of blocks, shared by the DOCX and PDF renderers.

`content` is the plain dict recorded in the PV's generation event (see
`portfolio.application.pv_content`): listing, title, blocs, session, members, rules,
candidates with their bloc results and overall outcome, incidents, correction reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCALES = {
    "levels": "niveaux par critère (acquis / partiellement acquis / non acquis)",
    "mark20": "note sur 20",
}
COMPENSATION = {
    "none": "aucune compensation, ni entre blocs ni à l'intérieur d'un bloc",
    "within_bloc": "compensation à l'intérieur d'un bloc, jamais entre blocs",
}


@dataclass(frozen=True)
class Block:
    """A heading, a paragraph or a table (`rows` with a header row first)."""

    kind: str
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


def _rules(rules: dict[str, Any]) -> list[str]:
    lines = [f"Échelle de résultat : {SCALES.get(rules['scale'], rules['scale'])}."]
    if rules["scale"] == "mark20":
        lines.append(f"Bloc validé à partir de {rules['pass_mark']:g}/20.")
    else:
        lines.append("Bloc validé lorsque les critères sont acquis selon la règle ci-dessous.")
    lines.append(
        f"Compensation : {COMPENSATION.get(rules['compensation'], rules['compensation'])}."
    )
    lines.append(
        f"Double correction : écart signalé au-delà de {rules['discrepancy_threshold']:g} "
        "point(s) ou dès que les niveaux diffèrent."
    )
    return lines


def _header(content: dict[str, Any]) -> list[Block]:
    session = content["session"]
    blocks = [
        Block("title", "Procès-verbal de délibération du jury"),
        Block("para", f"Titre : {content['title']}"),
        Block(
            "para",
            f"Fiche RNCP : {content['listing']} — référentiel {content['referential_version']}",
        ),
        Block(
            "para",
            f"Session : {session['label']} — délibération du {session['held_on']} "
            f"({session['mode']})",
        ),
        Block("para", f"Procès-verbal n° {content['number']}"),
    ]
    corrects = content.get("corrects")
    if corrects:
        blocks.append(
            Block(
                "para",
                f"Ce procès-verbal rectifie le procès-verbal n° "
                f"{corrects['number']} ({corrects['pv_id']}). "
                f"Motif : {corrects['reason']}",
            )
        )
    return blocks


def layout(content: dict[str, Any]) -> list[Block]:
    """Every block of the PV, in reading order."""
    return [
        *_header(content),
        *_table_section(
            "Blocs de compétences",
            ["Bloc", "Code", "Intitulé"],
            [[str(b["number"]), b["code"], b["title"]] for b in content["blocs"]],
        ),
        *_table_section(
            "Composition du jury",
            ["Membre", "Qualité", "Extérieur"],
            [
                [m["name"], m["capacity"], "oui" if m["external"] else "non"]
                for m in content["members"]
            ],
        ),
        Block("heading", "Règles appliquées"),
        *(Block("para", line) for line in _rules(content["rules"])),
        *_results(content),
        *_departures(content),
        Block("heading", "Incidents"),
        *([Block("para", i) for i in content["incidents"]] or [Block("para", "Néant.")]),
        Block("heading", "Signatures"),
        Block("para", "Chaque membre signe l'empreinte SHA-256 de ce document."),
        Block(
            "table",
            rows=[["Membre", "Qualité", "Signature"]]
            + [[m["name"], m["capacity"], ""] for m in content["members"]],
        ),
        Block("para", f"Document généré le {content['generated_at']}."),
    ]


def _table_section(title: str, header: list[str], rows: list[list[str]]) -> list[Block]:
    """A heading followed by its table (header row first)."""
    return [Block("heading", title), Block("table", rows=[header, *rows])]


def _results(content: dict[str, Any]) -> list[Block]:
    blocs = [f"Bloc {b['number']}" for b in content["blocs"]]
    return _table_section(
        "Résultats par candidat",
        ["Candidat", "Voie", *blocs, "Résultat"],
        [
            [c["ref"], c["route"], *(r["result"] for r in c["blocs"]), c["outcome"]]
            for c in content["candidates"]
        ],
    )


def _departures(content: dict[str, Any]) -> list[Block]:
    """Decisions that depart from the system's proposal, with the jury's reasons."""
    lines = [
        f"{c['ref']}, bloc {r['number']} : proposition « {r['proposal']} », décision "
        f"« {r['result']} ». Motifs : {r['reasons']}"
        for c in content["candidates"]
        for r in c["blocs"]
        if r.get("departs")
    ]
    if not lines:
        return []
    return [
        Block("heading", "Décisions s'écartant de la proposition"),
        *(Block("para", line) for line in lines),
    ]
