"""Degrees written into a name: "Dra. Hj. Ratna Sari, M.Si." → ("Dra. Hj.", "Ratna Sari", "M.Si.").

Staff lists often carry the whole name as it is printed on a letter. Front degrees and the
titles H./Hj. go before the name; back degrees follow a comma (the Indonesian way of writing
them), so only what comes after a comma is taken as back degrees, and only when every part
there looks like a degree: "Ahmad S." or "Siti, Nur" stay as they are.
"""

import re

# Front titles; single letters need their dot ("H." is Haji, "H" could be an initial).
_FRONT = re.compile(
    r"^(?:(?:prof|drg|dra|drs|dr|ir|hj|apt|ns|kh|bd)(?:\.\s*|\s+)|h\.\s*)+", re.IGNORECASE
)
# A back degree: dotted parts ("S.Kom.", "A.Md.Kep.", "Sp.PD-KGEH", "Ph.D.", "M. Si.").
_DOTTED = re.compile(r"^[A-Za-z]{1,5}\.(?:\s?[A-Za-z][A-Za-z\-]{0,5}\.?){0,4}$")
# Degrees commonly typed without dots.
_UNDOTTED = frozenset(
    [
        "SE",
        "SH",
        "ST",
        "SP",
        "SS",
        "SKM",
        "SKOM",
        "SPD",
        "SSI",
        "SSOS",
        "SIP",
        "SAP",
        "SAK",
        "SKEP",
        "SGZ",
        "SFARM",
        "SSTP",
        "SSTR",
        "SHUT",
        "SPSI",
        "SST",
        "MM",
        "MH",
        "MT",
        "MSI",
        "MKES",
        "MPD",
        "MAP",
        "MPH",
        "MSC",
        "MBA",
        "MKOM",
        "MKM",
        "MAK",
        "MSOS",
        "PHD",
        "AMD",
        "AMK",
        "AMKEP",
        "AMKEB",
    ]
)


def is_back_degree(part: str) -> bool:
    return bool(_DOTTED.match(part)) or part.replace(".", "").upper() in _UNDOTTED


def split_gelar(name: str) -> tuple[str, str, str]:
    """(front degrees, name, back degrees); ("", name, "") when there are none."""
    front = ""
    if match := _FRONT.match(name):
        rest = name[match.end() :].strip()
        if rest:
            front, name = " ".join(match.group().split()), rest
    back = ""
    if "," in name:
        head, tail = name.split(",", 1)
        parts = [p.strip() for p in tail.split(",") if p.strip()]
        if head.strip() and parts and all(is_back_degree(p) for p in parts):
            name, back = head.strip(), ", ".join(parts)
    return front, name, back
