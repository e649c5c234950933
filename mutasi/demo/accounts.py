"""Demo accounts: one for every role, all with the same published password."""

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group

from mutasi.demo import people
from mutasi.demo.context import Context
from pegawai.access import Role
from pegawai.models import Pegawai, User

PASSWORD = "mutasi-demo"
DINKES = people.DINKES
DISDIK = "1.01.01"

# (username, role, first name, last name, agency code for OPD roles, the employee behind it)
ACCOUNTS = [
    ("admin", Role.ADMIN, "Administrator", "Sistem", "", None),
    ("operator.bkd", Role.OPERATOR_BKD, "Operator", "BKD", "", None),
    ("verifikator.bkd", Role.VERIFIKATOR_BKD, "Verifikator", "BKD", "", None),
    ("tim.pertimbangan", Role.TIM_PERTIMBANGAN, "Tim", "Pertimbangan", "", None),
    ("pejabat.penetap", Role.PEJABAT_PENETAP, "Pejabat", "Penetap", "", None),
    ("operator.dinkes", Role.OPERATOR_OPD, "Operator", "Dinas Kesehatan", DINKES, None),
    ("kepala.dinkes", Role.KEPALA_OPD, "", "", DINKES, people.KEPALA_DINKES),
    ("operator.disdik", Role.OPERATOR_OPD, "Operator", "Dinas Pendidikan", DISDIK, None),
    ("asn", Role.ASN, "", "", "", people.ASN_DINKES),
]
USERNAMES = [row[0] for row in ACCOUNTS]


def build_accounts(ctx: Context) -> None:
    """Create the demo accounts, or put them back as described (role, agency, employee,
    password) if they exist and someone changed them."""
    # A password hash is slow by design: hash the shared password once, and check each
    # distinct stored hash once.
    shared, checked = None, {}
    for username, role, first, last, opd, persona in ACCOUNTS:
        pegawai = None
        if persona:
            nip = ctx.people[people.PERSONAS.index(persona)].nip
            pegawai = Pegawai.objects.get(nip=nip)
        user, _ = User.objects.get_or_create(username=username)
        nama = pegawai.nama.split(" ", 1) + [""] if pegawai else ["", ""]
        wanted = {
            "first_name": first or nama[0],
            "last_name": last or nama[1],
            "perangkat_daerah": ctx.opd[opd] if opd else None,
            "pegawai": pegawai,
            "is_staff": role == Role.ADMIN,
            "is_superuser": role == Role.ADMIN,
            "is_active": True,
        }
        dirty = [name for name, value in wanted.items() if getattr(user, name) != value]
        for name in dirty:
            setattr(user, name, wanted[name])
        if user.password not in checked:
            checked[user.password] = check_password(PASSWORD, user.password)
        if not checked[user.password]:
            user.password = shared = shared or make_password(PASSWORD)
            checked[shared] = True
            dirty.append("password")
        if dirty:
            user.save()
        group, _ = Group.objects.get_or_create(name=role.value)
        if set(user.groups.all()) != {group}:
            user.groups.set([group])
    ctx.accounts = account_rows()


def account_rows() -> list[tuple[str, str, str, str]]:
    """The demo accounts as they are in the database now: (username, role, agency, NIP)."""
    users = User.objects.filter(username__in=USERNAMES).select_related(
        "perangkat_daerah", "pegawai__unit__perangkat_daerah"
    )
    users = {u.username: u for u in users}
    rows = []
    for username, role, *_rest in ACCOUNTS:
        if (user := users.get(username)) is None:
            continue
        if user.perangkat_daerah:
            opd = user.perangkat_daerah.nama
        else:
            opd = user.pegawai.unit.perangkat_daerah.nama if user.pegawai else "seluruh instansi"
        rows.append((username, role.value, opd, user.pegawai.nip if user.pegawai else ""))
    return rows


def accounts_table(rows: list[tuple[str, str, str, str]]) -> str:
    """The accounts as a plain-text table, with the password below it."""
    rows = [("Nama pengguna", "Peran", "Perangkat daerah", "NIP"), *rows]
    widths = [max(len(row[n]) for row in rows) for n in range(4)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines += [
        "",
        f"Kata sandi semua akun: {PASSWORD}",
        "Akun asn dan kepala.dinkes juga dapat masuk dengan NIP sebagai nama pengguna.",
    ]
    return "\n".join(lines)


def demo_users() -> dict:
    """The demo accounts by username."""
    return {u.username: u for u in User.objects.filter(username__in=USERNAMES)}


def operator_of(users: dict, opd_kode: str):
    """Who keys in an agency's data: its own operator if it has a demo one, else BKD's."""
    by_opd = {DINKES: "operator.dinkes", DISDIK: "operator.disdik"}
    return users.get(by_opd.get(opd_kode, "operator.bkd")) or users.get("operator.bkd")
