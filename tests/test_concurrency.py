"""Two people acting on the same thing at the same instant: exactly one succeeds.

Needs real row locks, so it runs on PostgreSQL only (CI runs the suite there).
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from instansi import services as abk_services
from instansi.choices import Pembulatan, StatusAnalisis
from mutasi.models import AuditLog, Usulan
from mutasi.usulan import services
from mutasi.usulan.choices import StatusUsulan
from tests.factories import FormasiFactory, PegawaiFactory, UserFactory, lengkapi
from tests.test_usulan_workflow import file_proposal

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"
    ),
]


def race(*calls):
    """Run the calls in threads released at the same moment; return results or errors."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, call):
        from django.db import connections

        try:
            barrier.wait()
            outcomes[i] = call()
        except Exception as error:  # noqa: BLE001 — the outcome is what we assert on
            outcomes[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_two_officials_approving_at_once_one_wins(
    kepala_opd_a, tim_pertimbangan, pegawai_a, unit_b
):
    from pegawai.access import Role

    pejabat_1 = UserFactory(roles=[Role.PEJABAT_PENETAP])
    pejabat_2 = UserFactory(roles=[Role.PEJABAT_PENETAP])
    usulan = file_proposal(kepala_opd_a, pegawai_a, FormasiFactory(unit=unit_b))
    Usulan.objects.filter(pk=usulan.pk).update(
        status=StatusUsulan.DIPERTIMBANGKAN, rekomendasi="setujui"
    )
    # Rules are checked at approval; let both see a proposal that passes them.
    lengkapi(usulan)

    outcomes = race(
        lambda: services.setujui(usulan.pk, pejabat_1, "ok"),
        lambda: services.setujui(usulan.pk, pejabat_2, "ok"),
    )
    winners = [o for o in outcomes if isinstance(o, Usulan)]
    losers = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert "berstatus Disetujui" in losers[0].messages[0]
    assert AuditLog.objects.filter(action="mutasi.usulan.disetujui").count() == 1


def test_two_reviewers_accepting_an_analysis_at_once_one_wins(
    opd_a, kepala_opd_a, verifikator, unit_a
):
    from pegawai.access import Role

    other = UserFactory(roles=[Role.VERIFIKATOR_BKD])
    formasi = FormasiFactory(unit=unit_a)
    analisis = abk_services.buat_analisis(kepala_opd_a, opd_a, 2026, 1250, Pembulatan.KE_ATAS)
    row = {"uraian": "Layanan", "satuan_hasil": "x", "volume": 100, "waktu_menit": 60}
    abk_services.simpan_tugas(analisis.pk, formasi, [row], kepala_opd_a)
    abk_services.ajukan(analisis.pk, kepala_opd_a)

    outcomes = race(
        lambda: abk_services.terima(analisis.pk, verifikator),
        lambda: abk_services.kembalikan(analisis.pk, other, "Perbaiki volume."),
    )
    errors = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(errors) == 1, outcomes
    analisis.refresh_from_db()
    assert analisis.status in (StatusAnalisis.DITERIMA, StatusAnalisis.DIKEMBALIKAN)


def test_two_approvals_of_the_last_seat_one_wins(kepala_opd_a, tim_pertimbangan, unit_a, unit_b):
    """Two proposals into a formasi with one free seat, approved at the same moment by two
    officials: the formasi row is locked, so the second sees the first and is refused."""
    from pegawai.access import Role

    seat = FormasiFactory(unit=unit_b, kebutuhan=1)
    proposals = []
    for _i in range(2):
        pegawai = PegawaiFactory(unit=unit_a, jabatan=seat.jabatan)
        usulan = file_proposal(kepala_opd_a, pegawai, seat)
        lengkapi(usulan)
        Usulan.objects.filter(pk=usulan.pk).update(
            status=StatusUsulan.DIPERTIMBANGKAN, rekomendasi="setujui"
        )
        proposals.append(usulan)
    officials = [UserFactory(roles=[Role.PEJABAT_PENETAP]) for _i in range(2)]

    outcomes = race(
        lambda: services.setujui(proposals[0].pk, officials[0], "ok"),
        lambda: services.setujui(proposals[1].pk, officials[1], "ok"),
    )
    winners = [o for o in outcomes if isinstance(o, Usulan)]
    losers = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert "tidak punya kursi kosong" in losers[0].messages[0]
    assert Usulan.objects.filter(formasi_tujuan=seat, status=StatusUsulan.DISETUJUI).count() == 1
