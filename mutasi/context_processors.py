"""What the navigation and the home page show: unread notices, waiting tasks, filing rights.

The counts are lazy: their queries run only on a page whose template uses them.
"""

from django.utils.functional import SimpleLazyObject

from mutasi.models import PEMBACA_SK, Notifikasi
from mutasi.usulan.tugas import jumlah_tugas
from mutasi.usulan.views import PENGUSUL
from pegawai.access import roles_of


def usulan(request):
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "notifikasi_belum_dibaca": SimpleLazyObject(
            lambda: Notifikasi.objects.filter(penerima=user, dibaca=False).count()
        ),
        "jumlah_tugas": SimpleLazyObject(lambda: jumlah_tugas(user)),
        "boleh_mengusulkan": bool(roles_of(user) & PENGUSUL),
        "boleh_membaca_sk": bool(roles_of(user) & PEMBACA_SK),
    }
