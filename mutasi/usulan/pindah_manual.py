"""What the workflow says when BKD changes the master data by hand: an employee's post
(``pegawai.signals.pindah_jabatan_diperiksa``) not while a move of theirs is under way, and
not into a formasi whose seats are all held or promised (``kursi``); a formasi's need
(``instansi.signals.kebutuhan_diturunkan``) not below the seats its approved moves hold."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from instansi.models import Formasi
from instansi.signals import kebutuhan_diturunkan
from mutasi.models import Usulan
from mutasi.usulan import kursi
from mutasi.usulan.choices import STATUS_TERBUKA, StatusUsulan
from pegawai.signals import pindah_jabatan_diperiksa

# Filed, decided or in a published letter, but not yet carried out.
BERJALAN = (*STATUS_TERBUKA, StatusUsulan.DITETAPKAN)


@receiver(pindah_jabatan_diperiksa)
def periksa_pindah_manual(sender, pegawai, unit, jabatan, **kwargs) -> list[str]:
    reasons = []
    usulan = Usulan.objects.filter(pegawai=pegawai, status__in=BERJALAN).first()
    if usulan is not None:
        reasons.append(
            _(
                "Pegawai ini sedang dalam usulan mutasi %(u)s (%(s)s); jabatan dan unitnya "
                "berubah ketika mutasi itu dilaksanakan, tidak diubah di sini."
            )
            % {"u": usulan.kode, "s": usulan.get_status_display()}
        )
    formasi = Formasi.objects.filter(unit=unit, jabatan=jabatan).first()
    if formasi is not None and (seats := kursi.hitung(formasi)).bebas < 1:
        reasons.append(
            _("Formasi %(f)s tidak punya kursi kosong (%(k)s).") % {"f": formasi, "k": seats}
        )
    return reasons


@receiver(kebutuhan_diturunkan)
def periksa_kebutuhan(sender, formasi, kebutuhan, **kwargs) -> list[str]:
    seats = kursi.hitung(formasi)
    paling_sedikit = seats.terisi + seats.masuk - seats.keluar
    if seats.masuk and kebutuhan < paling_sedikit:
        return [
            _(
                "Kebutuhan paling sedikit %(n)s: %(m)s pindah masuk sudah disetujui atau "
                "ditetapkan ke formasi ini dan memegang kursinya (%(k)s). Selesaikan usulan itu "
                "lebih dahulu."
            )
            % {"n": paling_sedikit, "m": seats.masuk, "k": seats}
        ]
    return []
