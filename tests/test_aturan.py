"""One definition of who may act (mutasi/usulan/aturan.py), checked once per role: for every persona
and every proposal of the test world, each step's test on the object, its database filter,
the buttons of the proposal page and the inbox agree; and the services refuse exactly what
the table refuses."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mutasi.models import Usulan
from mutasi.usulan import aturan, services
from mutasi.usulan import tugas as inbox
from tests.dunia import bangun_dunia

pytestmark = pytest.mark.django_db

# The steps the inbox lists, by group code.
KOTAK = {
    "kepala": "dukung",
    "verifikasi": "verifikasi",
    "pengecualian": "putus_pengecualian",
    "keberatan": "jawab",
    "pertimbangan": "rekomendasikan",
    "keputusan": "putuskan",
    "laksanakan": "laksanakan",
    "sikap": "sikap",
}


@pytest.fixture
def dunia():
    return bangun_dunia()


def test_the_object_test_and_the_database_filter_agree_for_every_role_state_and_step(dunia):
    proposals = list(Usulan.objects.select_related("unit_asal"))
    assert len({u.status for u in proposals}) >= 5
    for name, user in dunia.users.items():
        if user is None:
            continue
        for kode, row in aturan.LANGKAH.items():
            allowed = set(Usulan.objects.filter(row.q(user)).values_list("pk", flat=True))
            for usulan in proposals:
                assert row.boleh(user, usulan) == (usulan.pk in allowed), (name, kode, usulan)


def test_the_inbox_lists_what_the_table_allows_and_nothing_else(dunia):
    for name, user in dunia.users.items():
        if user is None:
            continue
        visible = Usulan.objects.for_user(user)
        for group in inbox.tugas_untuk(user):
            if group.kode not in KOTAK:
                continue
            row = aturan.LANGKAH[KOTAK[group.kode]]
            listed = set(group.queryset.values_list("pk", flat=True))
            for usulan in visible.select_related("unit_asal"):
                if usulan.pk in listed:
                    assert row.boleh(user, usulan), (name, group.kode, usulan)


@pytest.mark.parametrize(
    "kode,call",
    [
        ("verifikasi", lambda u, user: services.verifikasi(u.pk, user)),
        ("putuskan", lambda u, user: services.setujui(u.pk, user)),
        ("rekomendasikan", lambda u, user: services.rekomendasikan(u.pk, user, "setujui", "x")),
        ("batalkan", lambda u, user: services.batalkan(u.pk, user, "x")),
        ("ajukan", lambda u, user: services.ajukan(u.pk, user)),
    ],
)
def test_the_services_refuse_whoever_the_table_refuses(dunia, kode, call):
    row = aturan.LANGKAH[kode]
    for name, user in dunia.users.items():
        if user is None:
            continue
        for usulan in Usulan.objects.select_related("unit_asal"):
            if row.siapa_boleh(user, usulan):
                continue
            with pytest.raises(PermissionDenied):
                call(usulan, user)
            assert Usulan.objects.get(pk=usulan.pk).status == usulan.status, (name, kode)


def test_a_step_from_the_wrong_state_is_a_message_not_a_refusal(dunia):
    verifier = dunia.users["ver"]
    done = dunia.usulan["disetujui"]
    with pytest.raises(ValidationError, match="sekarang berstatus"):
        services.verifikasi(done.pk, verifier)
