"""Thin views for the wizard: they check permissions, call services and selectors, and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from agreements.domain import permissions, selectors
from agreements.models import WorkingFile
from agreements.steps import prechecks, services
from agreements.steps import registry as wizard
from agreements.steps import selectors as step_selectors
from agreements.steps.base import display
from agreements.steps.diffs import answer_sections
from agreements.wizard.forms import NewWorkingFileForm
from agreements.workflow import transitions as workflow
from agreements.workflow import web
from agreements.workflow.forms import ResubmitForm
from municipalities.models import Municipality

Status = WorkingFile.StepStatus
STATUS_CSS = {
    Status.NOT_STARTED: "tag-grey",
    Status.IN_PROGRESS: "tag-blue",
    Status.COMPLETE: "tag-green",
    Status.ATTENTION: "tag-red",
}


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


# The answers a step page started from travel with the page, signed (django.core.signing), rather than as a
# server-side history of every saved version: the merge needs exactly the version *this* page was built from,
# which only the page knows (two tabs, an autosave in between, a phone left open for days); a signed copy
# needs no table, no pruning and no migration, and it cannot be forged into a base that would make someone
# else's change look like "unchanged here" and drop it. It is bound to the file and the step.
BASE_SALT = "agreements.wizard.step-base"
RESOLUTION_SALT = "agreements.wizard.step-resolution"


def base_token(working_file: WorkingFile, step_name: str) -> str:
    answers = working_file.answers.get(step_name) or {}
    payload = {"f": working_file.pk, "s": step_name, "v": working_file.version, "a": answers}
    return signing.dumps(payload, salt=BASE_SALT, compress=True)


def read_signed(token: str, *, salt: str, working_file: WorkingFile, step_name: str) -> dict | None:
    try:
        payload = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    if payload.get("f") != working_file.pk or payload.get("s") != step_name:
        return None
    return payload


def field_names(names: list[str], fields: dict) -> str:
    return ", ".join(str(fields[n].label) if n in fields else n for n in names)


def quoted(names: list[str], fields: dict) -> str:
    return ", ".join(f"«{fields[n].label if n in fields else n}»" for n in names)


def step_rows(working_file: WorkingFile, observations: dict[str, list] | None = None) -> list[dict]:
    """The task list. A step with open SRE observations "requiere atención", with the observations."""
    statuses = working_file.step_statuses or {}
    observations = observations or {}
    rows = []
    for step in wizard.STEPS:
        status = statuses.get(step.name, Status.NOT_STARTED)
        # The answers to the observations are written on the last step: it needs attention too.
        if observations.get(step.name) or (observations and step is wizard.LAST_STEP):
            status = Status.ATTENTION
        rows.append(
            {
                "step": step,
                "status": status,
                "status_label": Status(status).label,
                "css": STATUS_CSS[status],
                "missing": wizard.missing_dependencies(working_file, step),
                "url": reverse("agreements:step", args=[working_file.pk, step.name]),
                "observations": observations.get(step.name, []),
            }
        )
    return rows


@never_cache  # the back button must not show an old list (bfcache, HTTP cache)
@login_required
def file_list(request: HttpRequest) -> HttpResponse:
    files = list(selectors.working_file_list_for_user(request.user))
    for working_file in files:
        working_file.status_label = WorkingFile.State(working_file.state).label
    return render(
        request,
        "agreements/wizard/file_list.html",
        {
            "files": files,
            "is_official": permissions.is_official(request.user),
            "total_steps": len(wizard.STEPS),
        },
    )


class FileCreateView(View):
    @method_decorator(login_required)
    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_official(request.user):
            raise PermissionDenied
        self.municipalities = Municipality.objects.filter(memberships__user=request.user).select_related(
            "state"
        )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = NewWorkingFileForm(municipalities=self.municipalities)
        return render(request, "agreements/wizard/file_new.html", {"form": form})

    def post(self, request):
        form = NewWorkingFileForm(request.POST, municipalities=self.municipalities)
        if not form.is_valid():
            return render(request, "agreements/wizard/file_new.html", {"form": form}, status=400)
        working_file = services.working_file_create(
            municipality=form.cleaned_data["municipality"], by=request.user
        )
        return redirect("agreements:file_detail", pk=working_file.pk)


@never_cache  # the back button must not show steps as undone that were done meanwhile
@login_required
def file_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The task list: every step with its status, reachable in any order."""
    working_file = selectors.working_file_get_for_user(request.user, pk)
    if not working_file.is_editable:
        return redirect("agreements:status", pk=pk)
    observations = step_selectors.open_observations_by_step(working_file)
    return render(
        request,
        "agreements/wizard/task_list.html",
        {
            "wf": working_file,
            "rows": step_rows(working_file, observations),
            "total_steps": len(wizard.STEPS),
            "can_edit": permissions.can_edit_file(request.user, working_file),
            "open_observations": sum(len(v) for v in observations.values()),
        },
    )


class StepView(View):
    """GET shows a step; POST saves it (HTML form) or autosaves it (fetch with Accept: application/json)."""

    @method_decorator(never_cache)  # never shown stale by the back button (bfcache, HTTP cache)
    @method_decorator(login_required)
    def dispatch(self, request, pk: int, step: str):
        self.working_file = selectors.working_file_get_for_user(request.user, pk)
        self.step = wizard.get_step(step)
        if self.step is None:
            raise Http404("No such step.")
        if not self.working_file.is_editable:
            if wants_json(request):
                return JsonResponse({"saved": False, "message": _("El expediente ya se envió.")}, status=409)
            return redirect("agreements:status", pk=pk)
        if not permissions.can_edit_file(request.user, self.working_file):
            raise PermissionDenied
        missing = wizard.missing_dependencies(self.working_file, self.step)
        if missing:
            return self.refuse(missing)
        return super().dispatch(request, pk=pk, step=step)

    def refuse(self, missing):
        """A step reached out of turn: say which steps it needs, with links (HTTP 409, nothing saved)."""
        if wants_json(self.request):
            return JsonResponse(
                {"saved": False, "message": _("Este paso todavía no está disponible.")}, status=409
            )
        links = [
            {"step": s, "url": reverse("agreements:step", args=[self.working_file.pk, s.name])}
            for s in missing
        ]
        context = {"wf": self.working_file, "step": self.step, "missing": links}
        return render(self.request, "agreements/wizard/step_blocked.html", context, status=409)

    def get(self, request, pk, step):
        if self.step.form_class is None:
            return self.review()
        context = services.load_context(self.working_file)
        form = self.step.unbound(self.working_file, context)
        return self.render_step(form, context)

    def post(self, request, pk, step):
        if self.step.form_class is None:
            if self.working_file.state == WorkingFile.State.OBSERVATIONS:
                return self.resubmit()
            return HttpResponse(status=405)
        if "resolucion" in request.POST:
            data, base_version, base_answers = self.resolution()
            resolved = True
        else:
            data, (base_version, base_answers) = request.POST, self.base()
            resolved = request.POST.get("resolve") == "mine"
        try:
            outcome = services.step_save(
                working_file_id=self.working_file.pk,
                step_name=self.step.name,
                data=data,
                files=request.FILES,
                base_version=base_version,
                base_answers=base_answers,
                by=request.user,
                resolved=resolved,
            )
        except services.StepConflict as conflict:
            return self.conflict(conflict)
        except services.NotEditable:
            return redirect("agreements:status", pk=pk)
        saved_at = time_format(timezone.localtime(), "H:i")
        working_file = outcome.working_file
        status = working_file.step_statuses.get(self.step.name, Status.NOT_STARTED)
        fields = self.step.answer_fields
        merged = ", ".join(str(fields[n].label) for n in outcome.merged if n in fields)
        if wants_json(request):
            message = _("Guardado %(time)s") % {"time": saved_at}
            if merged:
                message += ". " + _("Se incorporaron los cambios de otra persona en: %(fields)s.") % {
                    "fields": merged
                }
            saved = working_file.answers.get(self.step.name) or {}
            payload = {
                "saved": True,
                "version": working_file.version,
                "base": base_token(working_file, self.step.name),
                "saved_at": saved_at,
                "message": message,
                "status": str(Status(status).label),
                # The page puts these values in its fields, so that its next autosave starts from them.
                "merged": self.field_list(outcome.merged, saved),
                "conflicts": [],
                **self.step.live_context(request=request, working_file=working_file),
            }
            return JsonResponse(payload)
        if outcome.valid:
            messages.success(
                request,
                _("Guardado %(time)s. «%(step)s»: %(status)s.")
                % {"time": saved_at, "step": self.step.label, "status": Status(status).label},
            )
        if merged:
            messages.info(
                request,
                _(
                    "Se incorporaron también los cambios que otra persona guardó mientras usted escribía: "
                    "%(fields)s."
                )
                % {"fields": merged},
            )
        if outcome.valid:
            return redirect("agreements:file_detail", pk=pk)
        self.working_file = working_file
        return self.render_step(
            outcome.form, services.load_context(working_file), saved_at=saved_at, status=400
        )

    def render_step(self, form, context, *, saved_at: str = "", status: int = 200):
        uploads = context.uploads
        observations = step_selectors.open_observations_by_step(self.working_file).get(self.step.name, [])
        for observation in observations:
            observation.field_label = wizard.field_label(observation.step, observation.field)
        extra = self.step.extra_context(
            request=self.request, working_file=self.working_file, form=form, context=context
        )
        return render(
            self.request,
            self.step.template_name,
            {
                "wf": self.working_file,
                "step": self.step,
                "form": form,
                "upload": uploads.get(self.step.upload_kind) if self.step.upload_kind else None,
                "saved_at": saved_at,
                "base_token": base_token(self.working_file, self.step.name),
                "step_status": Status.ATTENTION
                if observations
                else Status(self.working_file.step_statuses.get(self.step.name, Status.NOT_STARTED)),
                "total_steps": len(wizard.STEPS),
                "observations": observations,
                **extra,
            },
            status=status,
        )

    def base(self) -> tuple[int, dict | None]:
        """The version and answers the page started from: from its signed copy; a page without one (or with
        a forged one) gives the version only, and any field that differs from a later save is a conflict."""
        payload = read_signed(
            self.request.POST.get("base", ""),
            salt=BASE_SALT,
            working_file=self.working_file,
            step_name=self.step.name,
        )
        if payload is not None:
            return payload["v"], payload["a"]
        try:
            return int(self.request.POST.get("version", "")), None
        except ValueError:
            return 0, None  # no version: the page predates any save, so any saved change is a conflict

    def resolution(self) -> tuple[QueryDict, int, dict]:
        """The conflict page's choice per field, applied to the merge it showed. The merge is done again
        against what was saved then (the base), so a third save in between is merged, not overwritten."""
        payload = read_signed(
            self.request.POST["resolucion"],
            salt=RESOLUTION_SALT,
            working_file=self.working_file,
            step_name=self.step.name,
        )
        if payload is None:
            raise SuspiciousOperation("Bad conflict resolution.")
        answers = dict(payload["merged"])
        for name in payload["conflicts"]:
            side = payload["mine"] if self.request.POST.get(f"elegir-{name}") == "mine" else payload["theirs"]
            if name in side:
                answers[name] = side[name]
            else:
                answers.pop(name, None)
        return services.answers_as_data(answers), payload["v"], payload["theirs"]

    def field_list(self, names: list[str], answers: dict | None = None) -> list[dict]:
        fields = self.step.answer_fields
        rows = []
        for name in names:
            row = {"name": name, "label": str(fields[name].label) if name in fields else name}
            if answers is not None:
                row["value"] = answers.get(name)
            rows.append(row)
        return rows

    def conflict(self, conflict: services.StepConflict):
        fields = self.step.answer_fields
        if wants_json(self.request):
            message = _(
                "Otra persona guardó este paso mientras usted escribía y cambió también: %(fields)s. "
                "Pulse «Guardar» para comparar."
            ) % {"fields": field_names(conflict.conflicts, fields)}
            payload = {
                "saved": False,
                "conflict": True,
                "message": message,
                "conflicts": self.field_list(conflict.conflicts),
                "merged": self.field_list(conflict.taken, conflict.theirs),
            }
            return JsonResponse(payload, status=409)
        base = conflict.base
        rows = []
        for name in conflict.conflicts:
            field = fields.get(name)
            if field is None:
                continue
            rows.append(
                {
                    "name": name,
                    "label": field.label,
                    "base": display(field, base.get(name)) if base is not None else "",
                    "theirs": display(field, conflict.theirs.get(name)),
                    "mine": display(field, conflict.mine.get(name)),
                }
            )
        blank = services.empty_as_none
        kept_mine = [
            n
            for n in conflict.merged
            if n not in conflict.conflicts
            and n not in conflict.taken
            and blank(conflict.mine.get(n)) != blank(conflict.theirs.get(n))
        ]
        kept = []
        if conflict.taken:
            kept.append(_("de la otra persona, %(fields)s") % {"fields": quoted(conflict.taken, fields)})
        if kept_mine:
            kept.append(_("de usted, %(fields)s") % {"fields": quoted(kept_mine, fields)})
        resolution = signing.dumps(
            {
                "f": self.working_file.pk,
                "s": self.step.name,
                "v": conflict.version,
                "mine": conflict.mine,
                "theirs": conflict.theirs,
                "merged": conflict.merged,
                "conflicts": conflict.conflicts,
            },
            salt=RESOLUTION_SALT,
            compress=True,
        )
        return render(
            self.request,
            "agreements/wizard/step_conflict.html",
            {
                "wf": self.working_file,
                "step": self.step,
                "rows": rows,
                "has_base": base is not None,
                "kept": "; ".join(str(k) for k in kept),
                "resolution": resolution,
                "had_files": bool(self.request.FILES),
            },
            status=409,
        )

    def review(self, resubmit_form=None, status: int = 200):
        """Step 7: check your answers, the legal pre-check, and the submit button for the titular. After the
        SRE's observations: the answer to each one, and «Reenviar a la SRE»."""
        working_file = self.working_file
        context = services.load_context(working_file)
        sections = answer_sections(working_file, context)
        for section in sections:
            section["url"] = reverse("agreements:step", args=[working_file.pk, section["step"].name])
        results = prechecks.describe(working_file.precheck_results)
        incomplete = [s for s in sections if s["status"] != Status.COMPLETE]
        blocking = [r for r in results if r["level"] == prechecks.BLOCKING]
        resubmitting = working_file.state == WorkingFile.State.OBSERVATIONS
        if resubmitting and resubmit_form is None:
            resubmit_form = ResubmitForm(observations=step_selectors.open_observations(working_file))
        for observation, _field in resubmit_form.rows() if resubmit_form else []:
            observation.section_label = wizard.section_label(observation.step, observation.field)
        return render(
            self.request,
            self.step.template_name,
            {
                "wf": working_file,
                "step": self.step,
                "sections": sections,
                "results": results,
                "incomplete": incomplete,
                "blocking": blocking,
                "is_titular": workflow.Role.TITULAR in workflow.roles_of(self.request.user, working_file),
                "total_steps": len(wizard.STEPS),
                "resubmit_form": resubmit_form,
            },
            status=status,
        )

    def resubmit(self):
        """POST on the last step while the SRE's observations are open: the answers; the file goes back."""
        working_file = self.working_file
        observations = step_selectors.open_observations(working_file)
        form = ResubmitForm(self.request.POST, observations=observations)
        if not form.is_valid():
            return self.review(form, status=400)
        return web.attempt(
            self.request,
            working_file,
            lambda: workflow.transition(
                file_id=working_file.pk,
                action=workflow.Action.RESUBMIT,
                by=self.request.user,
                data={"answers": form.answers()},
            ),
            form=form,
            invalid=lambda f: self.review(f, status=400),
            done=lambda _wf: _("Se reenvió el expediente a la SRE con sus respuestas."),
            back=reverse("agreements:status", args=[working_file.pk]),
        )


@login_required
@require_POST
def file_submit(request: HttpRequest, pk: int) -> HttpResponse:
    working_file = selectors.working_file_get_for_user(request.user, pk)
    if not permissions.can_submit_file(request.user, working_file):
        if not working_file.is_draft:
            return redirect("agreements:status", pk=pk)
        raise PermissionDenied
    try:
        workflow.transition(file_id=pk, action=workflow.Action.SUBMIT, by=request.user)
    except services.SubmitRefused as refused:
        for reason in refused.reasons:
            messages.error(request, _("No se puede enviar todavía: %(reason)s") % {"reason": reason})
        return redirect("agreements:step", pk=pk, step=wizard.LAST_STEP.name)
    except workflow.TransitionNotAllowed:
        return redirect("agreements:status", pk=pk)
    messages.success(request, _("El expediente se envió a la SRE."))
    return redirect("agreements:status", pk=pk)


@login_required
def upload_download(request: HttpRequest, pk: int, upload_pk: int) -> FileResponse:
    """A document of a working file, only for people who may see the file (404 otherwise)."""
    working_file = selectors.working_file_get_for_user(request.user, pk)
    upload = working_file.uploads.filter(Q(pk=upload_pk)).first()
    if upload is None:
        raise Http404("No such document.")
    response = FileResponse(
        upload.file.open("rb"),
        as_attachment=True,
        filename=upload.original_name,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
