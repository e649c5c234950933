"""Indonesian personal names and academic titles of the demo people, from data/nama.toml and
data/pendidikan.toml.

Editing a list changes who is generated (and so their NIPs): seeding a database filled before
the edit then adds a new set of people beside the old ones, so seed such a database again from
empty.
"""

from mutasi.demo.catalogue import read

_nama = read("nama.toml")
FIRST_MALE, FIRST_FEMALE = _nama["first_male"], _nama["first_female"]
MIDDLE_MALE, MIDDLE_FEMALE = _nama["middle_male"], _nama["middle_female"]
LAST_MALE, LAST_FEMALE = _nama["last_male"], _nama["last_female"]
MARGA = _nama["marga"]
BALI_MALE, BALI_FEMALE = _nama["bali_male"], _nama["bali_female"]
BALI_GIVEN_MALE, BALI_GIVEN_FEMALE = _nama["bali_given_male"], _nama["bali_given_female"]

# (D-III, S-1 or D-IV, S-2) titles and the title in front, by field of study.
_bidang = read("pendidikan.toml")["bidang"]
TITLES = {nama: b["gelar"] for nama, b in _bidang.items()}
FRONT_TITLES = {nama: b["gelar_depan"] for nama, b in _bidang.items() if "gelar_depan" in b}
DOCTORATE = "Dr."


def person_name(rng, jenis_kelamin: str) -> str:
    """A plausible full name (without titles) for a man ("1") or a woman ("2")."""
    male = jenis_kelamin == "1"
    roll = rng.random()
    if roll < 0.05:
        prefix = rng.choice(BALI_MALE if male else BALI_FEMALE)
        return f"{prefix} {rng.choice(BALI_GIVEN_MALE if male else BALI_GIVEN_FEMALE)}"
    first = rng.choice(FIRST_MALE if male else FIRST_FEMALE)
    if roll < 0.17:
        parts = [first, rng.choice(MARGA)]
    else:
        parts = [first]
        if rng.random() < 0.35:
            parts.append(rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE))
        if rng.random() < 0.9:
            parts.append(rng.choice(LAST_MALE if male else LAST_FEMALE))
    # "Dwi Dwi" or "Nur Nurhayati" read as typing errors: drop the repeat.
    names = []
    for part in parts:
        if not any(part.startswith(seen) or seen.startswith(part) for seen in names):
            names.append(part)
    if len(names) == 1:
        names.append(rng.choice(LAST_MALE if male else LAST_FEMALE))
    return " ".join(names)


def academic_titles(rng, bidang: str | None, tingkat: int) -> tuple[str, str]:
    """(gelar depan, gelar belakang) for a field of study and a TingkatPendidikan value."""
    if bidang is None or tingkat < 6:  # below D-III: no title
        return "", ""
    d3, s1, s2 = TITLES[bidang]
    front = FRONT_TITLES.get(bidang, "")
    if tingkat == 6:
        return "", rng.choice(d3 or ["A.Md."])
    back = [rng.choice(s1)]
    if tingkat >= 9:
        back.append(rng.choice(s2))
    if tingkat >= 10:
        front = f"{DOCTORATE} {front}".strip()
    return front, ", ".join(b for b in back if b)
