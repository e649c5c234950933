"""The settings kept in the app and the region's extra rules (issue 20, ``mutasi.ketentuan``):
what is in force for a proposal, and the lines of the extra rules that apply."""

from django.utils.translation import gettext as _

from mutasi.ketentuan.berlaku import Berlaku, Terapan
from mutasi.ketentuan.choices import DihitungDari, JenisAturan
from mutasi.lib.tanggal import tanggal_indonesia
from mutasi.usulan.choices import StatusDokumen, StatusUsulan
from mutasi.usulan.eligibility.syarat import (
    GAGAL,
    INFO,
    LULUS,
    SEBELUM_PUTUSAN,
    TINJAU,
    Syarat,
    lama,
    tahun_penuh,
)


def ketentuan_usulan(usulan, asal, today, berlaku: Berlaku | None = None) -> Terapan:
    """The thresholds and extra rules in force for this proposal on ``today``."""
    if berlaku is None or berlaku.hari != today:
        berlaku = Berlaku(today)
    return berlaku.untuk_usulan(usulan, asal)


def _aturan_daerah(usulan, pegawai, today, k: Terapan) -> list[Syarat]:
    by_kind = {kind: [a for a in k.aturan if a.jenis == kind] for kind in JenisAturan.values}
    results = []
    if by_kind[JenisAturan.DOKUMEN]:
        results.append(_daerah_dokumen(usulan, by_kind[JenisAturan.DOKUMEN]))
    if by_kind[JenisAturan.MASA_KUNCI]:
        results.append(_daerah_masa_kunci(pegawai, today, by_kind[JenisAturan.MASA_KUNCI]))
    if by_kind[JenisAturan.LARANGAN]:
        results.append(_daerah_larangan(usulan, by_kind[JenisAturan.LARANGAN]))
    return results


def _versi(rules) -> str:
    return "; ".join(a.versi for a in rules)


def _daerah_dokumen(usulan, rules):
    """Each document a regional rule requires must be accepted by the verifier."""
    accepted = (
        {d.jenis for d in usulan.dokumen.all() if d.status == StatusDokumen.DITERIMA}
        if usulan.pk
        else set()
    )
    missing = [a for a in rules if a.jenis_dokumen not in accepted]
    if missing:
        fakta = " ".join(
            _("%(p)s (%(d)s belum diterima verifikator)")
            % {"p": a.pesan.strip(), "d": a.get_jenis_dokumen_display()}
            for a in missing
        )
        return Syarat("daerah_dokumen", GAGAL, fakta, ketentuan=_versi(rules))
    fakta = _("Diterima verifikator: %(d)s") % {
        "d": ", ".join(a.get_jenis_dokumen_display() for a in rules)
    }
    return Syarat("daerah_dokumen", LULUS, fakta, ketentuan=_versi(rules))


def _daerah_masa_kunci(pegawai, today, rules):
    """No move within the lock period after appointment or taking the current post."""
    failing, facts = [], []
    for a in rules:
        start = (
            pegawai.tmt_pengangkatan
            if a.dihitung_dari == DihitungDari.TMT_CPNS
            else pegawai.tmt_jabatan
        )
        if start is None:  # a PPPK whose contract start is not recorded
            failing.append(
                _("%(p)s (tanggal pengangkatan tidak tercatat; lengkapi data pegawai)")
                % {"p": a.pesan.strip()}
            )
            continue
        fakta = _("masa kunci %(n)s tahun sejak %(dari)s %(t)s; baru %(d)s") % {
            "n": a.tahun,
            "dari": a.get_dihitung_dari_display(),
            "t": tanggal_indonesia(start),
            "d": lama(start, today),
        }
        if tahun_penuh(start, today) < a.tahun:
            failing.append(f"{a.pesan.strip()} ({fakta})")
        else:
            facts.append(fakta)
    if failing:
        return Syarat("daerah_masa_kunci", GAGAL, " ".join(failing), ketentuan=_versi(rules))
    fakta = _("Masa kunci sudah lewat: %(f)s") % {"f": "; ".join(facts)}
    return Syarat("daerah_masa_kunci", LULUS, fakta, ketentuan=_versi(rules))


# Where a blackout stops a proposal: at the official's approval and at publication. Before,
# the work goes on and the line asks for review; after publication it only informs.
MENUNGGU_PUTUSAN = (StatusUsulan.DIPERTIMBANGKAN, StatusUsulan.DISETUJUI)


def _daerah_larangan(usulan, rules):
    """No proposal is approved or published within a blackout period."""
    fakta = " ".join(
        _("%(p)s (%(a)s sampai %(b)s)")
        % {
            "p": a.pesan.strip(),
            "a": tanggal_indonesia(a.berlaku_mulai),
            "b": tanggal_indonesia(a.berlaku_sampai),
        }
        for a in rules
    )
    versi = _versi(rules)
    if usulan.status in MENUNGGU_PUTUSAN:
        return Syarat("daerah_larangan", GAGAL, fakta, ketentuan=versi)
    if usulan.status in SEBELUM_PUTUSAN:
        note = _("; persetujuan dan penetapan menunggu masa larangan berakhir")
        return Syarat("daerah_larangan", TINJAU, fakta + note, wajib=False, ketentuan=versi)
    return Syarat("daerah_larangan", INFO, fakta, wajib=False, ketentuan=versi)
