"""What the workflow says when BKD changes the master data by hand: an employee's post
(``pegawai.signals.pindah_jabatan_diperiksa``) not while a move of theirs is under way, and
not into a formasi whose seats are all held or promised (``kursi``); a formasi's need
(``instansi.signals.kebutuhan_diturunkan``) not below the seats its approved moves hold."""

from collections import defaultdict

from django.dispatch import receiver
from django.utils.translation import gettext as _

from instansi.models import Formasi
from instansi.signals import kebutuhan_diturunkan
from mutasi.lib.models import salah_satu
from mutasi.models import Usulan
from mutasi.usulan import kursi
from mutasi.usulan.choices import STATUS_TERBUKA, StatusUsulan
from pegawai.signals import pindah_jabatan_diperiksa

# Filed, decided or in a published letter, but not yet carried out.
BERJALAN = (*STATUS_TERBUKA, StatusUsulan.DITETAPKAN)


@receiver(pindah_jabatan_diperiksa)
def periksa_pindah_manual(sender, pindah, **kwargs) -> dict[int, list[str]]:
    """Refuse anyone whose move is under way, and arrivals beyond a formasi's free seats,
    counting the seats the same changes free there (two people swapping posts in one file)."""
    reasons = defaultdict(list)
    berjalan = Usulan.objects.filter(
        salah_satu("pegawai_id", [p.pegawai_id for p in pindah]), status__in=BERJALAN
    ).order_by("pk")
    for usulan in berjalan:
        reasons[usulan.pegawai_id].append(
            _(
                "Pegawai ini sedang dalam usulan mutasi %(u)s (%(s)s); jabatan dan unitnya "
                "berubah ketika mutasi itu dilaksanakan, tidak diubah di sini."
            )
            % {"u": usulan.kode, "s": usulan.get_status_display()}
        )
    pindah = [p for p in pindah if p.pegawai_id not in reasons]
    units = {key[0] for p in pindah for key in (p.dari, p.ke)}
    posts = {key[1] for p in pindah for key in (p.dari, p.ke)}
    formasi = {
        (f.unit_id, f.jabatan_id): f
        for f in kursi.daftar_kursi(
            Formasi.objects.filter(salah_satu("unit_id", units), salah_satu("jabatan_id", posts))
        )
    }
    bebas = {key: f.kursi for key, f in formasi.items()}
    for p in pindah:
        if p.dari in bebas:
            bebas[p.dari] += 1
    for p in pindah:
        if p.ke not in bebas:
            continue
        if bebas[p.ke] < 1:
            f = formasi[p.ke]
            seats = kursi.Kursi(f.kebutuhan, f.bezetting, f.masuk, f.keluar)
            reasons[p.pegawai_id].append(
                _("Formasi %(f)s tidak punya kursi kosong (%(k)s).") % {"f": f, "k": seats}
            )
        bebas[p.ke] -= 1
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
