import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, UpdateView

from mutasi.audit import log
from mutasi.lib.riwayat import change_log
from mutasi.lib.views import ObjectListView, RoleRequiredMixin, role_required
from mutasi.lib.xlsx import FileRejected
from pegawai import importer
from pegawai.access import GOVERNMENT_WIDE, MASTER_DATA_EDITORS, has_role
from pegawai.filters import PegawaiFilter
from pegawai.forms import ImportPegawaiForm, PegawaiForm
from pegawai.models import Pegawai, RiwayatJabatan
from pegawai.tables import PegawaiTable

logger = logging.getLogger(__name__)


def get_pegawai_for_user(user, pk):
    """The employee, if this user may see them; 404 otherwise, also for guessed URLs."""
    queryset = Pegawai.objects.for_user(user).select_related(
        "unit__perangkat_daerah", "unit__parent", "jabatan", "bidang_pendidikan"
    )
    return get_object_or_404(queryset, pk=pk)


class PegawaiListView(ObjectListView):
    model = Pegawai
    table_class = PegawaiTable
    filterset_class = PegawaiFilter
    export_name = "pegawai"
    title = gettext_lazy("Pegawai")

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("jabatan", "unit__perangkat_daerah")
            .only(
                "nip",
                "nama",
                "gelar_depan",
                "gelar_belakang",
                "jenis_asn",
                "golongan",
                "golongan_pppk",
                "tmt_jabatan",
                "jabatan__nama",
                "unit__nama",
                "unit__perangkat_daerah__singkatan",
                "unit__perangkat_daerah__nama",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if has_role(self.request.user, *MASTER_DATA_EDITORS):
            context["create_url"] = "pegawai:create"
            context["extra_actions"] = [("pegawai:import", _("Impor"), "bi-upload")]
        return context


@login_required
def pegawai_detail(request, pk):
    pegawai = get_pegawai_for_user(request.user, pk)
    riwayat = RiwayatJabatan.objects.filter(pegawai=pegawai).select_related(
        "jabatan", "unit__perangkat_daerah"
    )
    context = {
        "pegawai": pegawai,
        "riwayat": riwayat,
        "skp": pegawai.skp.all(),
        "hukdis": pegawai.hukuman_disiplin.all(),
        "kompetensi": pegawai.kompetensi.all(),
        "formasi": pegawai.unit.formasi.filter(jabatan_id=pegawai.jabatan_id)
        .with_bezetting()
        .first(),
        "can_edit": has_role(request.user, *MASTER_DATA_EDITORS),
    }
    if has_role(request.user, *GOVERNMENT_WIDE):
        context["changes"] = change_log(pegawai)
    return render(request, "pegawai/pegawai_detail.html", context)


class PegawaiCreateView(RoleRequiredMixin, CreateView):
    roles = MASTER_DATA_EDITORS
    model = Pegawai
    form_class = PegawaiForm
    template_name = "inc/object_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Pegawai %(p)s disimpan.") % {"p": self.object})
        return response


class PegawaiUpdateView(PegawaiCreateView, UpdateView):
    def get_queryset(self):
        return Pegawai.objects.for_user(self.request.user)


@login_required
def my_profile(request):
    if request.user.pegawai_id:
        return redirect("pegawai:detail", pk=request.user.pegawai_id)
    messages.info(request, _("Akun Anda tidak terhubung dengan data pegawai."))
    return redirect("home")


# --- import from a staff file (docs/impor-pegawai.md) ---------------------------------

IMPORT_SESSION_KEY = "pegawai_impor"
# A file full of mistakes would make a page nobody can read; the count says how many more.
MAX_PROBLEMS_SHOWN = 1000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@role_required(MASTER_DATA_EDITORS)
def import_upload(request):
    """Upload a staff file. A readable file gets a preview; nothing is saved yet."""
    if request.method == "POST":
        form = ImportPegawaiForm(request.POST, request.FILES)
        if form.is_valid():
            berkas = form.cleaned_data["berkas"]
            try:
                plan = importer.build_plan(berkas, form.format)
            except FileRejected as e:
                form.add_error("berkas", e.message)
            else:
                _forget_pending_import(request)
                token = None
                if plan.ok:
                    token = importer.store(berkas)
                    request.session[IMPORT_SESSION_KEY] = {
                        "token": token,
                        "format": form.format,
                        "nama": berkas.name,
                        "user": request.user.pk,
                    }
                return _render_import_preview(request, plan, berkas.name, token)
    else:
        form = ImportPegawaiForm()
    context = {
        "form": form,
        "skp_years": importer.skp_template_years(),
        "max_upload_mb": settings.MAX_UPLOAD_MB,
    }
    return render(request, "pegawai/impor.html", context)


def _render_import_preview(request, plan, file_name, token):
    split_names = plan.split_names
    context = {
        "plan": plan,
        "file_name": file_name,
        "token": token,
        "to_create": plan.to_create[: importer.PREVIEW_ROWS],
        "to_update": plan.to_update[: importer.PREVIEW_ROWS],
        "problems": plan.problems[:MAX_PROBLEMS_SHOWN],
        "problems_hidden": max(0, len(plan.problems) - MAX_PROBLEMS_SHOWN),
        "skipped": plan.skipped[: importer.PREVIEW_LIST_ROWS],
        "skipped_hidden": max(0, len(plan.skipped) - importer.PREVIEW_LIST_ROWS),
        "notes": plan.notes[: importer.PREVIEW_LIST_ROWS],
        "notes_hidden": max(0, len(plan.notes) - importer.PREVIEW_LIST_ROWS),
        "split_names": split_names[: importer.PREVIEW_LIST_ROWS],
        "split_names_hidden": max(0, len(split_names) - importer.PREVIEW_LIST_ROWS),
    }
    return render(request, "pegawai/impor_pratinjau.html", context)


def _forget_pending_import(request):
    pending = request.session.pop(IMPORT_SESSION_KEY, None)
    if pending:
        importer.discard(pending.get("token", ""))


@role_required(MASTER_DATA_EDITORS)
@require_POST
def import_confirm(request):
    """Save every row of the previewed file in one transaction, or none of them."""
    pending = request.session.get(IMPORT_SESSION_KEY) or {}
    token = request.POST.get("token", "")
    path = importer.stored_path(token)
    if (
        path is None
        or pending.get("user") != request.user.pk
        or not constant_time_compare(pending.get("token", ""), token)
    ):
        messages.error(
            request,
            _(
                "Pratinjau impor ini tidak berlaku lagi (sudah disimpan, dibatalkan, kedaluwarsa "
                "atau milik sesi lain). Tidak ada data yang diubah; unggah file lagi."
            ),
        )
        return redirect("pegawai:import")
    try:
        # The data may have changed since the preview: check the file again before writing.
        with path.open("rb") as stored:
            plan = importer.build_plan(stored, pending["format"])
        if not plan.ok:
            messages.error(
                request,
                _(
                    "Data berubah sejak pratinjau dan file ini kini bermasalah. "
                    "Tidak ada data yang disimpan."
                ),
            )
            return _render_import_preview(request, plan, pending["nama"], None)
        result = importer.commit(
            plan, request.user, reason=_("Impor dari %(file)s") % {"file": pending["nama"]}
        )
        log(
            "pegawai.impor",
            request.user,
            berkas=pending["nama"],
            baru=result.created,
            diubah=result.updated,
            tetap=result.unchanged,
        )
    except FileRejected as e:
        messages.error(request, e.message)
        return redirect("pegawai:import")
    except DatabaseError:
        logger.exception("import of %s failed", pending.get("nama"))
        messages.error(
            request,
            _("Impor gagal disimpan dan dibatalkan seluruhnya; tidak ada data yang diubah."),
        )
        return redirect("pegawai:import")
    finally:
        _forget_pending_import(request)
    messages.success(
        request,
        _(
            "Impor selesai: %(created)s pegawai baru, %(updated)s diperbarui, "
            "%(unchanged)s tidak berubah."
        )
        % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
    )
    return redirect("pegawai:list")


@role_required(MASTER_DATA_EDITORS)
@require_POST
def import_cancel(request):
    _forget_pending_import(request)
    messages.info(request, _("Impor dibatalkan; tidak ada data yang diubah."))
    return redirect("pegawai:import")


@role_required(MASTER_DATA_EDITORS)
def import_template(request):
    """The template workbook: the header row and one example row."""
    response = HttpResponse(importer.template_workbook(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="templat-impor-pegawai.xlsx"'
    return response
