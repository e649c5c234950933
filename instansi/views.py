from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, UpdateView

from instansi import abk, abk_excel, beban, services
from instansi.choices import StatusAnalisis
from instansi.filters import AnalisisFilter, JabatanFilter, PerangkatDaerahFilter, UnitKerjaFilter
from instansi.forms import (
    XLSX,
    AnalisisForm,
    CatatanForm,
    FormasiForm,
    JabatanForm,
    PerangkatDaerahForm,
    UnggahAbkForm,
    UnitKerjaForm,
    UraianTugasForm,
    UraianTugasFormSet,
)
from instansi.models import AnalisisBebanKerja, Formasi, Jabatan, PerangkatDaerah, UnitKerja
from instansi.tables import AnalisisTable, JabatanTable, PerangkatDaerahTable, UnitKerjaTable
from mutasi import audit
from mutasi.lib.models import count_of
from mutasi.lib.riwayat import change_log
from mutasi.lib.views import ObjectListView, RoleRequiredMixin, pk_from, role_required
from mutasi.lib.xlsx import FileRejected
from pegawai.access import (
    ABK_EDITORS,
    ABK_REVIEWERS,
    GOVERNMENT_WIDE,
    MASTER_DATA_EDITORS,
    STAFF_ROLES,
    has_role,
)
from pegawai.models import Pegawai


class PerangkatDaerahListView(ObjectListView):
    model = PerangkatDaerah
    table_class = PerangkatDaerahTable
    filterset_class = PerangkatDaerahFilter
    export_name = "perangkat-daerah"
    title = gettext_lazy("Perangkat daerah")

    def get_queryset(self):
        # A COUNT(*) per agency, which PostgreSQL answers from the index on (unit, jabatan,
        # aktif) alone, one look-up per unit: 31 ms at 250,000 employees where a grouped
        # join over every employee's row took 190 ms, and the page count needs no join.
        return (
            super()
            .get_queryset()
            .annotate(
                jumlah_unit=count_of(
                    UnitKerja.objects.filter(perangkat_daerah=OuterRef("pk")), "perangkat_daerah"
                ),
                jumlah_pegawai=count_of(
                    Pegawai.objects.filter(aktif=True, unit__perangkat_daerah=OuterRef("pk")),
                    "unit__perangkat_daerah",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if has_role(self.request.user, *MASTER_DATA_EDITORS):
            context["create_url"] = "instansi:opd_create"
        return context


class UnitKerjaListView(ObjectListView):
    model = UnitKerja
    table_class = UnitKerjaTable
    filterset_class = UnitKerjaFilter
    export_name = "unit-kerja"
    title = gettext_lazy("Unit kerja")

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("perangkat_daerah", "parent")
            .annotate(
                jumlah_pegawai=count_of(
                    Pegawai.objects.filter(aktif=True, unit=OuterRef("pk")), "unit"
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if has_role(self.request.user, *MASTER_DATA_EDITORS):
            context["create_url"] = "instansi:unit_create"
        return context


class JabatanListView(ObjectListView):
    model = Jabatan
    table_class = JabatanTable
    filterset_class = JabatanFilter
    export_name = "jabatan"
    title = gettext_lazy("Jabatan")

    def get_queryset(self):
        return Jabatan.objects.all()  # the catalogue of positions is the same for everyone

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if has_role(self.request.user, *MASTER_DATA_EDITORS):
            context["create_url"] = "instansi:jabatan_create"
        return context


def _tree(units):
    """Units in depth-first order, each with its depth, for an indented listing."""
    children = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered = []

    def walk(parent_id, depth):
        for unit in children.get(parent_id, []):
            unit.depth = depth
            ordered.append(unit)
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return ordered


@role_required()
def perangkat_daerah_detail(request, pk):
    opd = get_object_or_404(PerangkatDaerah.objects.for_user(request.user), pk=pk)
    units = opd.unit_kerja.annotate(
        jumlah_pegawai=count_of(Pegawai.objects.filter(aktif=True, unit=OuterRef("pk")), "unit")
    ).order_by("kode")
    formasi = Formasi.objects.filter(unit__perangkat_daerah=opd).with_bezetting()
    totals = {"kebutuhan": 0, "bezetting": 0}
    for f in formasi:
        totals["kebutuhan"] += f.kebutuhan
        totals["bezetting"] += f.bezetting
    totals["selisih"] = totals["bezetting"] - totals["kebutuhan"]
    return render(
        request,
        "instansi/perangkatdaerah_detail.html",
        {
            "opd": opd,
            "units": _tree(list(units)),
            "totals": totals,
            "jam_efektif_pemerintah": settings.ABK_JAM_EFEKTIF,
            "can_edit": has_role(request.user, *MASTER_DATA_EDITORS),
            "changes": _riwayat(request.user, opd),
        },
    )


PEGAWAI_DI_UNIT = 100


@role_required()
def unit_kerja_detail(request, pk):
    unit = get_object_or_404(
        UnitKerja.objects.for_user(request.user).select_related("perangkat_daerah", "parent"),
        pk=pk,
    )
    formasi = unit.formasi.select_related("jabatan").with_bezetting().order_by("jabatan__nama")
    for f in formasi:
        f.selisih = f.bezetting - f.kebutuhan
    pegawai = Pegawai.objects.filter(unit=unit, aktif=True)
    jumlah_pegawai = pegawai.count()
    # A large unit lists its first people here; the employee list filtered by the unit has
    # them all, with paging, search and export.
    pegawai = pegawai.select_related("jabatan").order_by("nama", "pk")[:PEGAWAI_DI_UNIT]
    return render(
        request,
        "instansi/unitkerja_detail.html",
        {
            "unit": unit,
            "ancestors": unit.ancestors(),
            "children": unit.children.order_by("kode"),
            "formasi": formasi,
            "pegawai": pegawai,
            "jumlah_pegawai": jumlah_pegawai,
            "can_edit": has_role(request.user, *MASTER_DATA_EDITORS),
            "changes": _riwayat(request.user, unit),
        },
    )


def _riwayat(user, obj):
    """The change log of a master-data record, for BKD (None: not shown)."""
    return change_log(obj) if has_role(user, *GOVERNMENT_WIDE) else None


@role_required()
def jabatan_detail(request, pk):
    jabatan = get_object_or_404(Jabatan, pk=pk)
    formasi = (
        Formasi.objects.for_user(request.user)
        .filter(jabatan=jabatan)
        .select_related("unit__perangkat_daerah")
        .with_bezetting()
    )
    return render(
        request,
        "instansi/jabatan_detail.html",
        {
            "jabatan": jabatan,
            "bidang": jabatan.bidang_pendidikan.all(),
            "kompetensi": jabatan.kompetensi.all(),
            "formasi": formasi,
            "can_edit": has_role(request.user, *MASTER_DATA_EDITORS),
            "changes": _riwayat(request.user, jabatan),
        },
    )


class MasterDataFormView(RoleRequiredMixin):
    """Create or edit master data: Operator BKD and Admin only."""

    roles = MASTER_DATA_EDITORS
    template_name = "inc/object_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("%(o)s disimpan.") % {"o": self.object})
        return response


class PerangkatDaerahCreateView(MasterDataFormView, CreateView):
    model = PerangkatDaerah
    form_class = PerangkatDaerahForm


class PerangkatDaerahUpdateView(MasterDataFormView, UpdateView):
    model = PerangkatDaerah
    form_class = PerangkatDaerahForm


class UnitKerjaCreateView(MasterDataFormView, CreateView):
    model = UnitKerja
    form_class = UnitKerjaForm


class UnitKerjaUpdateView(MasterDataFormView, UpdateView):
    model = UnitKerja
    form_class = UnitKerjaForm


class JabatanCreateView(MasterDataFormView, CreateView):
    model = Jabatan
    form_class = JabatanForm


class JabatanUpdateView(MasterDataFormView, UpdateView):
    model = Jabatan
    form_class = JabatanForm


class FormasiCreateView(MasterDataFormView, CreateView):
    model = Formasi
    form_class = FormasiForm

    def get_initial(self):
        unit = pk_from(self.request.GET.get("unit"))
        return {"unit": unit} if unit else {}


class FormasiUpdateView(MasterDataFormView, UpdateView):
    model = Formasi
    form_class = FormasiForm

    def get_queryset(self):
        return Formasi.objects.for_user(self.request.user).select_related("unit", "jabatan")


# --- Needs analysis (ANJAB/ABK) -------------------------------------------------------


class AnalisisListView(ObjectListView):
    model = AnalisisBebanKerja
    table_class = AnalisisTable
    filterset_class = AnalisisFilter
    export_name = "analisis-beban-kerja"
    title = gettext_lazy("Analisis beban kerja")

    def get_queryset(self):
        return super().get_queryset().select_related("perangkat_daerah")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if has_role(self.request.user, *ABK_EDITORS):
            context["create_url"] = "instansi:abk_create"
        return context


def get_analisis_for_user(user, pk):
    queryset = AnalisisBebanKerja.objects.for_user(user).select_related("perangkat_daerah")
    return get_object_or_404(queryset, pk=pk)


@role_required(ABK_EDITORS)
def analisis_create(request):
    form = AnalisisForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        analisis = services.buat_analisis(
            request.user, salin=form.cleaned_data["salin"], **_model_fields(form)
        )
        messages.success(request, _("Analisis %(a)s dibuat.") % {"a": analisis})
        return redirect(analisis)
    return render(request, "inc/object_form.html", {"form": form})


def _model_fields(form):
    return {name: form.cleaned_data[name] for name in form._meta.fields}


@role_required(STAFF_ROLES)
def analisis_detail(request, pk):
    analisis = get_analisis_for_user(request.user, pk)
    hasil = services.hasil_analisis(analisis)
    totals = beban.jumlah(hasil, analisis.jam_efektif)
    can_edit = analisis.dapat_diubah and has_role(request.user, *ABK_EDITORS)
    can_review = analisis.status == StatusAnalisis.DIAJUKAN and has_role(
        request.user, *ABK_REVIEWERS
    )
    return render(
        request,
        "instansi/analisis_detail.html",
        {
            "analisis": analisis,
            "hasil": hasil,
            "totals": totals,
            "jam_efektif_pemerintah": settings.ABK_JAM_EFEKTIF,
            "log": audit.for_object(analisis),
            "can_edit": can_edit,
            "can_review": can_review,
            "catatan_form": CatatanForm(),
            # For the confirmations: posts left without tasks keep the need in force.
            "belum_diisi": sum(1 for h in hasil if not h.jumlah_tugas),
            "diisi": sum(1 for h in hasil if h.jumlah_tugas),
        },
    )


def _tugas_formset(request, analisis, formasi, extra=0):
    kwargs = {"form_kwargs": {"jam_efektif": analisis.jam_efektif}, "prefix": "tugas"}
    if request.method == "POST":
        return UraianTugasFormSet(request.POST, **kwargs)
    initial = list(
        analisis.tugas.filter(formasi=formasi).values(
            "uraian", "satuan_hasil", "volume", "waktu_menit"
        )
    )
    formset_class = forms.formset_factory(
        UraianTugasForm, extra=extra or (0 if initial else 3), can_delete=True
    )
    return formset_class(initial=initial, **kwargs)


def _valid_rows(formset):
    """The rows of a formset that are complete and valid, for saving or a live preview."""
    rows = []
    for form in formset.forms:
        if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE"):
            rows.append({k: v for k, v in form.cleaned_data.items() if k != "DELETE"})
    return rows


def _formasi_of(analisis, formasi_pk):
    return get_object_or_404(
        Formasi.objects.filter(unit__perangkat_daerah=analisis.perangkat_daerah)
        .select_related("unit", "jabatan")
        .with_bezetting(),
        pk=formasi_pk,
    )


def _preview(analisis, formasi, formset):
    rows = _valid_rows(formset) if formset.is_bound else formset.initial or []
    return services.hitung(
        analisis, formasi, formasi.bezetting, [(r["volume"], r["waktu_menit"]) for r in rows]
    )


@role_required(STAFF_ROLES)
def analisis_formasi(request, pk, formasi_pk):
    """Enter the tasks of one jabatan in one unit; the summary updates as you type.

    Whoever may see the analysis but not change it — BKD's verifier, an analysis already
    submitted or accepted — reads the tasks here, without downloading the Excel file."""
    analisis = get_analisis_for_user(request.user, pk)
    formasi = _formasi_of(analisis, formasi_pk)
    editor = has_role(request.user, *ABK_EDITORS)
    if request.method == "POST" and not editor:
        raise PermissionDenied(_("Peran Anda tidak mengizinkan mengubah analisis beban kerja."))
    if request.method != "POST" and not (editor and analisis.dapat_diubah):
        return _baca_tugas(request, analisis, formasi)
    if not analisis.dapat_diubah:
        messages.error(
            request,
            _("Analisis ini berstatus %(s)s dan tidak dapat diubah.")
            % {"s": analisis.get_status_display()},
        )
        return redirect(analisis)
    formset = _tugas_formset(request, analisis, formasi)
    if request.method == "POST" and formset.is_valid():
        try:
            services.simpan_tugas(analisis.pk, formasi, _valid_rows(formset), request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Uraian tugas %(f)s disimpan.") % {"f": formasi})
            return redirect(analisis)
    return render(
        request,
        "instansi/analisis_formasi.html",
        {
            "analisis": analisis,
            "formasi": formasi,
            "formset": formset,
            "hasil": _preview(analisis, formasi, formset),
        },
    )


def _baca_tugas(request, analisis, formasi):
    tugas = [
        {"tugas": t, "jam": abk.beban_jam([(t.volume, t.waktu_menit)])}
        for t in analisis.tugas.filter(formasi=formasi).order_by("pk")
    ]
    return render(
        request,
        "instansi/analisis_tugas.html",
        {
            "analisis": analisis,
            "formasi": formasi,
            "tugas": tugas,
            "hasil": _preview(analisis, formasi, _tugas_formset(request, analisis, formasi)),
            "can_edit": analisis.dapat_diubah and has_role(request.user, *ABK_EDITORS),
        },
    )


@role_required(ABK_EDITORS)
@require_POST
def analisis_hitung(request, pk, formasi_pk):
    """The live summary of the rows being typed (htmx), without saving anything."""
    analisis = get_analisis_for_user(request.user, pk)
    formasi = _formasi_of(analisis, formasi_pk)
    formset = _tugas_formset(request, analisis, formasi)
    formset.is_valid()
    return render(
        request,
        "instansi/inc/ringkasan_formasi.html",
        {"analisis": analisis, "hasil": _preview(analisis, formasi, formset)},
    )


def _transition(request, pk, action, success, *args):
    analisis = get_analisis_for_user(request.user, pk)
    try:
        action(analisis.pk, request.user, *args)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(analisis)


@role_required(ABK_EDITORS)
@require_POST
def analisis_ajukan(request, pk):
    return _transition(request, pk, services.ajukan, _("Analisis diajukan ke BKD."))


@role_required(ABK_REVIEWERS)
@require_POST
def analisis_terima(request, pk):
    message = _("Analisis diterima; kebutuhan formasi diperbarui.")
    return _transition(request, pk, services.terima, message, request.POST.get("versi", ""))


@role_required(ABK_REVIEWERS)
@require_POST
def analisis_kembalikan(request, pk):
    form = CatatanForm(request.POST)
    catatan = form.cleaned_data["catatan"] if form.is_valid() else ""
    message = _("Analisis dikembalikan dengan catatan.")
    return _transition(request, pk, services.kembalikan, message, catatan)


# --- The analysis as an Excel form: download, fill in offline, upload ------------------


@role_required()
def analisis_unduh(request, pk):
    analisis = get_analisis_for_user(request.user, pk)
    return HttpResponse(
        abk_excel.write_workbook(analisis),
        content_type=XLSX,
        headers={
            "Content-Disposition": content_disposition_header(
                as_attachment=True, filename=abk_excel.file_name(analisis)
            )
        },
    )


@role_required()
def analisis_unggah(request, pk):
    """Replace every task of the analysis with the rows of an uploaded form, or none."""
    analisis = get_analisis_for_user(request.user, pk)
    services._check_editor(request.user, analisis)  # 403 for a role that may not edit
    if not analisis.dapat_diubah:
        messages.error(
            request,
            _("Analisis ini berstatus %(s)s; uraian tugas tidak dapat diganti dari Excel.")
            % {"s": analisis.get_status_display()},
        )
        return redirect(analisis)
    form = UnggahAbkForm(request.POST or None, request.FILES or None)
    masalah = []
    if request.method == "POST" and form.is_valid():
        try:
            hasil = abk_excel.read_workbook(form.cleaned_data["file"], analisis)
        except FileRejected as error:
            form.add_error("file", error.message)
        else:
            if not hasil.masalah:
                return _simpan(request, analisis, hasil)
            masalah = hasil.masalah
    return render(
        request,
        "instansi/analisis_impor.html",
        {
            "analisis": analisis,
            "form": form,
            "masalah": masalah,
            "max_upload_mb": settings.MAX_UPLOAD_MB,
        },
    )


def _simpan(request, analisis, hasil):
    try:
        jumlah = abk_excel.replace_all_tasks(analisis.pk, hasil.tugas, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "%(tugas)s uraian tugas untuk %(formasi)s jabatan diimpor dari Excel; "
                "%(tugas_lama)s uraian tugas sebelumnya diganti."
            )
            % jumlah,
        )
    return redirect(analisis)
