"""What the user typed, kept across the redirect that follows a refused action.

Most action forms of the app post, then redirect back to the page they sit on with the
outcome as a message (POST → redirect → GET). When that message is an error, what was typed
would go with the POST: a long objection, a panel comment, a training's details. So
``IsianMiddleware`` keeps the posted values in the session when a POST adds an error message
and answers with a redirect, and hands them to the next full page only (``request.isian_lama``).
There, ``isi_kembali`` — or the ``{% isian_lama %}`` tag in a template — puts them back into
the form that posted them, matched by its action URL, as the form's initial values.

Files cannot be carried over a redirect; secrets (passwords, one-time codes, tokens) are
never kept. Forms that answer a mistake by rendering the page again with the bound form
(the usual Django way) keep what was typed without any of this.
"""

from django.contrib.messages import constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import QueryDict

KUNCI = "isian_lama"
# Never stored, whatever the form: names containing these.
RAHASIA = ("csrfmiddlewaretoken", "password", "passphrase", "sandi", "token", "otp")
# A session row stays small: the longest text a form of the app takes is a few thousand
# characters.
MAKS_NILAI = 20_000
MAKS_MEDAN = 300


class PenyimpananPesan(FallbackStorage):
    """Django's message storage, noting whether this request added an error."""

    ada_galat = False

    def add(self, level, message, extra_tags=""):
        if level >= constants.ERROR:
            self.ada_galat = True
        super().add(level, message, extra_tags)


def _boleh_disimpan(nama: str) -> bool:
    nama = nama.lower()
    return not any(kata in nama for kata in RAHASIA)


class IsianMiddleware:
    """Keep a refused POST's values for the page it redirects to (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.isian_lama = {}
        session = getattr(request, "session", None)
        halaman = request.method == "GET" and not request.headers.get("HX-Request")
        if session is not None and halaman and KUNCI in session:
            request.isian_lama = session.pop(KUNCI)
        response = self.get_response(request)
        pesan = getattr(request, "_messages", None)
        if (
            session is not None
            and request.method == "POST"
            and response.status_code in (302, 303)
            and getattr(pesan, "ada_galat", False)
        ):
            data = {
                nama: [nilai[:MAKS_NILAI] for nilai in request.POST.getlist(nama)]
                for nama in list(request.POST)[:MAKS_MEDAN]
                if _boleh_disimpan(nama)
            }
            session[KUNCI] = {"aksi": request.path, "data": data}
        return response


def nilai_lama(request, aksi: str) -> dict:
    """What was posted to ``aksi`` and refused, name → list of values; empty otherwise."""
    lama = getattr(request, "isian_lama", None) or {}
    return lama.get("data", {}) if lama.get("aksi") == aksi else {}


def isi_kembali(request, form, aksi: str):
    """``form`` (unbound) with what was last posted to ``aksi`` and refused as its initial
    values; the form unchanged when nothing was."""
    data = nilai_lama(request, aksi)
    if not data or form.is_bound:
        return form
    posted = QueryDict(mutable=True)
    for nama, nilai in data.items():
        posted.setlist(nama, nilai)
    for nama, field in form.fields.items():
        kunci, widget = form.add_prefix(nama), field.widget
        # An unticked checkbox is not posted, yet "not omitted": it comes back unticked.
        if not field.disabled and not widget.value_omitted_from_data(posted, {}, kunci):
            form.initial[nama] = widget.value_from_datadict(posted, {}, kunci)
    return form
