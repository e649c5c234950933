"""Demo accounts: one for every role, all with the same published password."""

from dataclasses import dataclass, fields

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group

from mutasi.demo import people
from mutasi.demo.context import Context
from pegawai.access import Role
from pegawai.models import Pegawai, User

PASSWORD = "mutasi-demo"
DINKES = people.DINKES
DISDIK = "1.01.01"


@dataclass(frozen=True)
class AccountDef:
    username: str
    role: Role
    first_name: str
    last_name: str = ""
    opd: str = ""  # agency code, for OPD roles
    persona: people.Persona | None = None  # the employee behind the account


ACCOUNTS = [
    AccountDef("admin", Role.ADMIN, "Administrator", "Sistem"),
    AccountDef("operator.bkd", Role.OPERATOR_BKD, "Operator", "BKD"),
    AccountDef("verifikator.bkd", Role.VERIFIKATOR_BKD, "Verifikator", "BKD"),
    AccountDef("tim.pertimbangan", Role.TIM_PERTIMBANGAN, "Tim", "Pertimbangan"),
    AccountDef("pejabat.penetap", Role.PEJABAT_PENETAP, "Pejabat", "Penetap"),
    AccountDef("operator.dinkes", Role.OPERATOR_OPD, "Operator", "Dinas Kesehatan", DINKES),
    AccountDef("kepala.dinkes", Role.KEPALA_OPD, "", "", DINKES, people.KEPALA_DINKES),
    AccountDef("operator.disdik", Role.OPERATOR_OPD, "Operator", "Dinas Pendidikan", DISDIK),
    AccountDef("asn", Role.ASN, "", "", persona=people.ASN_DINKES),
]


@dataclass(frozen=True)
class AccountRow:
    username: str
    role: str
    opd: str
    nip: str


def build_accounts(ctx: Context) -> None:
    """Create the demo accounts, or put them back as described (role, agency, employee,
    password) if they exist and someone changed them."""
    nip_of = {persona: ctx.people[n].nip for n, persona in enumerate(people.PERSONAS)}
    created = 0
    # A password hash is slow by design: hash the shared password once, and check each
    # distinct stored hash once.
    shared_hash = None
    checked = {}
    for spec in ACCOUNTS:
        pegawai = None
        if spec.persona:
            pegawai = Pegawai.objects.get(nip=nip_of[spec.persona])
        user, new = User.objects.get_or_create(username=spec.username)
        created += new
        wanted = {
            "first_name": spec.first_name or (pegawai.nama.split()[0] if pegawai else ""),
            "last_name": spec.last_name or (" ".join(pegawai.nama.split()[1:]) if pegawai else ""),
            "perangkat_daerah": ctx.opd[spec.opd] if spec.opd else None,
            "pegawai": pegawai,
            "is_staff": spec.role == Role.ADMIN,
            "is_superuser": spec.role == Role.ADMIN,
            "is_active": True,
        }
        dirty = [name for name, value in wanted.items() if getattr(user, name) != value]
        for name in dirty:
            setattr(user, name, wanted[name])
        if user.password not in checked:
            checked[user.password] = check_password(PASSWORD, user.password)
        if not checked[user.password]:
            shared_hash = shared_hash or make_password(PASSWORD)
            checked[shared_hash] = True
            user.password = shared_hash
            dirty.append("password")
        if dirty:
            user.save()
        group, _ = Group.objects.get_or_create(name=spec.role.value)
        if set(user.groups.all()) != {group}:
            user.groups.set([group])
    ctx.report("Akun demo", len(ACCOUNTS), created)
    ctx.accounts = account_rows()


def account_rows() -> list[AccountRow]:
    """The demo accounts as they are in the database now."""
    users = {
        u.username: u
        for u in User.objects.filter(username__in=[a.username for a in ACCOUNTS]).select_related(
            "perangkat_daerah", "pegawai__unit__perangkat_daerah"
        )
    }
    rows = []
    for spec in ACCOUNTS:
        user = users.get(spec.username)
        if user is None:
            continue
        if user.perangkat_daerah:
            opd = user.perangkat_daerah.nama
        elif user.pegawai:
            opd = user.pegawai.unit.perangkat_daerah.nama
        else:
            opd = "seluruh instansi"
        rows.append(
            AccountRow(
                username=user.username,
                role=spec.role.value,
                opd=opd,
                nip=user.pegawai.nip if user.pegawai else "",
            )
        )
    return rows


def accounts_table(rows: list[AccountRow]) -> str:
    """The accounts as a plain-text table, with the password below it."""
    header = AccountRow("Nama pengguna", "Peran", "Perangkat daerah", "NIP")
    names = [f.name for f in fields(AccountRow)]
    widths = [max(len(getattr(r, name)) for r in [header, *rows]) for name in names]
    lines = []
    for n, row in enumerate([header, *rows]):
        cells = [getattr(row, name).ljust(w) for name, w in zip(names, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("")
    lines.append(f"Kata sandi semua akun: {PASSWORD}")
    lines.append("Akun asn dan kepala.dinkes juga dapat masuk dengan NIP sebagai nama pengguna.")
    return "\n".join(lines)
