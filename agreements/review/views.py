"""Pages of the review workflow. SRE staff: the queue (/revision/) and a file's review page with its forms
(take, observations, «pedir cambios», dictamen, inscription). The municipality: the signature record, the
withdrawal and «nueva versión»; the answers to observations go with the wizard's last step (views.py).

Thin: permissions and reads from review_selectors, every state change through `workflow.transition`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts import permissions as roles
from agreements.domain import selectors
from agreements.models import WorkingFile, WorkingFileEvent
from agreements.review import selectors as review_selectors
from agreements.review.forms import (
    DictamenForm,
    ObservationForm,
    QueueFilterForm,
    ReassignForm,
    SignatureForm,
    TakeForm,
    WithdrawForm,
)
from agreements.steps import diffs, prechecks, services
from agreements.steps import registry as wizard
from agreements.workflow import transitions as workflow
from agreements.workflow import web
from agreements.workflow.forms import TransitionForm

State = WorkingFile.State
Action = workflow.Action
Kind = WorkingFileEvent.Kind
QUEUE_PAGE_SIZE = 50
STATE_CSS = {
    State.DRAFT: "tag-grey",
    State.SUBMITTED: "tag-blue",
    State.RESUBMITTED: "tag-blue",
    State.IN_REVIEW: "tag-yellow",
    State.OBSERVATIONS: "tag-red",
    State.FAVORABLE: "tag-green",
    State.UNFAVORABLE: "tag-red",
    State.SIGNED: "tag-green",
    State.INSCRIBED: "tag-green",
    State.WITHDRAWN: "tag-grey",
}


# --- What both sides see: the timeline, observations, dictamen, signature -----------------------------------
def describe_event(event: WorkingFileEvent) -> tuple[str, str]:
    """(what happened, detail) in the reader's language."""
    steps = wizard.STEPS_BY_NAME
    section = str(steps[event.step].label) if event.step in steps else ""
    what, detail = str(event.get_kind_display()), event.detail
    if event.kind == Kind.STATE_CHANGED:
        what = str(State(event.to_state).label) if event.to_state in State.values else what
        if event.action == Action.REASSIGN:
            what = _("Expediente reasignado")
        if event.action in (Action.TAKE, Action.REASSIGN) and event.detail:
            detail = _("asignado a %(name)s") % {"name": event.detail}
        elif event.action == Action.REQUEST_CHANGES and event.detail.isdigit():
            n = int(event.detail)
            detail = ngettext("%(n)d observación", "%(n)d observaciones", n) % {"n": n}
        elif event.action == Action.INSCRIBE and event.detail:
            detail = _("número de registro %(number)s") % {"number": event.detail}
    elif event.kind == Kind.OBSERVATION:
        what = _("Observación de la SRE en «%(section)s»") % {"section": section}
    elif event.kind == Kind.ANSWER:
        what = _("Respuesta del municipio en «%(section)s»") % {"section": section}
    elif event.kind == Kind.CREATED and event.detail:
        detail = _("nueva versión del expediente n.º %(n)s") % {"n": event.detail}
    elif event.kind == Kind.NEW_VERSION:
        detail = _("expediente n.º %(n)s") % {"n": event.detail}
    elif event.kind in (Kind.STEP_COMPLETED, Kind.CONFLICT_RESOLVED) and section:
        what = f"{what}: {section}"
    return what, detail


def timeline_rows(events: Iterable[WorkingFileEvent]) -> list[dict]:
    rows = []
    for event in events:
        what, detail = describe_event(event)
        by = event.by
        rows.append(
            {
                "event": event,
                "what": what,
                "detail": detail,
                "by": by.get_full_name() or by.email if by else "",
            }
        )
    return rows


def observation_rounds(observations) -> list[dict]:
    """Sent observations grouped by round, each with its section and field labels."""
    rounds: dict[int, list] = {}
    for observation in observations:
        rounds.setdefault(observation.round, []).append(observation)
    return [{"number": number, "observations": items} for number, items in sorted(rounds.items())]


def file_summary(request: HttpRequest, working_file: WorkingFile, *, sre: bool) -> dict:
    """The context both sides' pages share (a constant number of queries: events, observations)."""
    observations = review_selectors.observations(working_file, drafts=sre)
    for observation in observations:
        observation.section_label = wizard.section_label(observation.step, observation.field)
        observation.field_label = wizard.field_label(observation.step, observation.field)
    today = timezone.localdate()
    return {
        "wf": working_file,
        "state_label": State(working_file.state).label,
        "state_css": STATE_CSS[working_file.state],
        "timeline": timeline_rows(selectors.working_file_history(working_file)),
        "rounds": observation_rounds([o for o in observations if o.sent_at]),
        "drafts": [o for o in observations if not o.sent_at and o.round == working_file.review_round],
        "dictamen": review_selectors.related(working_file, "dictamen"),
        "signature": review_selectors.related(working_file, "signature"),
        "actions": {t.action for t in workflow.allowed_actions(request.user, working_file)},
        "clock": review_selectors.clock(working_file, today),
        "waiting_days": review_selectors.waiting_days(working_file, today),
        "results": prechecks.describe(working_file.precheck_results),
    }


def precheck_counts(results: list[dict]) -> dict:
    return {
        "blocking": sum(1 for r in results if r["level"] == prechecks.BLOCKING),
        "warning": sum(1 for r in results if r["level"] == prechecks.WARNING),
    }


# --- SRE: the queue -----------------------------------------------------------------------------------------
@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    if not roles.is_sre_staff(request.user):
        raise PermissionDenied
    choices = review_selectors.queue_filter_choices()
    reviewers = list(choices["reviewers"])
    form = QueueFilterForm(
        request.GET if any(k != "page" for k in request.GET) else None,
        municipalities=choices["municipalities"],
        countries=choices["countries"],
        reviewers=reviewers,
    )
    status = 200
    files = WorkingFile.objects.none()
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        cleaned = form.cleaned_data if form.is_bound else {}
        files = review_selectors.review_queue(
            situation=cleaned.get("situacion", ""),
            state=cleaned.get("estado"),
            municipality=cleaned.get("municipio"),
            country=cleaned.get("pais"),
            reviewer=cleaned.get("dictaminador", ""),
            min_days=cleaned.get("dias"),
            user=request.user,
        )
    page = Paginator(files, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [
        {
            "wf": wf,
            "state_css": STATE_CSS[wf.state],
            "waiting_days": review_selectors.waiting_days(wf, today),
            "clock": review_selectors.clock(wf, today),
            "prechecks": precheck_counts(wf.precheck_results),
            "can_take": wf.state in (State.SUBMITTED, State.RESUBMITTED),
        }
        for wf in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "agreements/review/queue.html",
        {
            "form": form,
            "rows": rows,
            "page": page,
            "query": query.urlencode(),
            "reviewers": reviewers,
            "is_admin": roles.is_sre_admin(request.user),
            "is_reviewer": roles.is_sre_reviewer(request.user),
            "review_target": settings.AGREEMENTS_REVIEW_TARGET_DAYS,
            "inscription_target": settings.AGREEMENTS_INSCRIPTION_TARGET_DAYS,
        },
        status=status,
    )


# --- SRE: a file's review page ------------------------------------------------------------------------------
@login_required
@require_GET
def file_review(request: HttpRequest, pk: int) -> HttpResponse:
    return review_page(request, review_selectors.file_for_review(request.user, pk))


def review_page(
    request: HttpRequest, working_file: WorkingFile, *, bound=None, status: int = 200
) -> HttpResponse:
    """The SRE's page of one file. `bound`: a form that came back with errors, shown in its place."""
    bound = bound or {}
    summary = file_summary(request, working_file, sre=True)
    context = services.load_context(working_file)
    may_observe = (
        working_file.state == State.IN_REVIEW
        and workflow.Role.ASSIGNED_REVIEWER in workflow.roles_of(request.user, working_file)
    )
    sections = diffs.answer_sections(working_file, context)
    for section in sections:
        name = section["step"].name
        section["observations"] = [o for o in summary["drafts"] if o.step == name]
        if may_observe:
            section["form"] = bound.get(f"observation-{name}") or ObservationForm(step=name)
    previous, latest = review_selectors.last_two_rounds(working_file)
    reviewers = review_selectors.reviewers()
    if Action.TAKE not in summary["actions"] and Action.REASSIGN not in summary["actions"]:
        reviewers = reviewers.none()
    return render(
        request,
        "agreements/review/file.html",
        {
            **summary,
            "sections": sections,
            "may_observe": may_observe,
            "uploads": list(context.uploads.values()),
            "diff": diffs.round_diff(previous, latest, context) if previous else None,
            "previous_round": previous,
            "latest_round": latest,
            "take_form": bound.get("take")
            or TakeForm(reviewers=reviewers, myself=roles.is_sre_reviewer(request.user)),
            "reassign_form": bound.get("reassign") or ReassignForm(reviewers=reviewers),
            "is_admin": roles.is_sre_admin(request.user),
            "dictamen_form": bound.get("dictamen") or DictamenForm(),
            "request_changes_errors": bound.get("request_changes"),
            "inscribe_errors": bound.get("inscribe"),
        },
        status=status,
    )


def _sre_post(view):
    """POST only, SRE staff only (404 otherwise), with the file loaded as the review page needs it."""

    @login_required
    @require_POST
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
        return view(request, review_selectors.file_for_review(request.user, pk), **kwargs)

    return wrapper


def _sre_attempt(request, working_file, run, *, form=None, key: str, done, anchor: str = "") -> HttpResponse:
    """`attempt` for the review page: errors come back on it (under `key`), success returns to it (at
    `anchor`, the section the reviewer was working on)."""
    return web.attempt(
        request,
        working_file,
        run,
        form=form,
        invalid=lambda f: review_page(request, working_file, bound={key: f}, status=400),
        done=done,
        back=reverse("review:file", args=[working_file.pk]) + (f"#{anchor}" if anchor else ""),
    )


def _transition(request, working_file, action: str, data=None):
    return lambda: workflow.transition(file_id=working_file.pk, action=action, by=request.user, data=data)


def _assign(
    request, working_file, action: str, *, key: str, form_class, done_message, **options
) -> HttpResponse:
    """Take/assign and reassign: a reviewer to choose, the same success message."""
    form = form_class(request.POST, reviewers=review_selectors.reviewers(), **options)
    if not form.is_valid():
        return review_page(request, working_file, bound={key: form}, status=400)
    title = working_file.display_title
    return _sre_attempt(
        request,
        working_file,
        _transition(request, working_file, action, {"assignee": form.cleaned_data.get("assignee")}),
        form=form,
        key=key,
        done=lambda wf: (
            done_message
            % {"name": wf.assigned_reviewer.get_full_name() or wf.assigned_reviewer.email, "file": title}
        ),
    )


@_sre_post
def take(request: HttpRequest, working_file: WorkingFile) -> HttpResponse:
    """Take the file for review (a reviewer), or assign it to a reviewer (an administrator)."""
    return _assign(
        request,
        working_file,
        Action.TAKE,
        key="take",
        form_class=TakeForm,
        done_message=_("Expediente asignado a %(name)s: %(file)s."),
        myself=roles.is_sre_reviewer(request.user),
    )


@_sre_post
def reassign(request: HttpRequest, working_file: WorkingFile) -> HttpResponse:
    """An administrator hands a file in review to another reviewer."""
    return _assign(
        request,
        working_file,
        Action.REASSIGN,
        key="reassign",
        form_class=ReassignForm,
        done_message=_("Expediente reasignado a %(name)s: %(file)s."),
    )


@_sre_post
def observation_add(request: HttpRequest, working_file: WorkingFile) -> HttpResponse:
    step = request.POST.get("step", "")
    if step not in wizard.STEPS_BY_NAME or wizard.STEPS_BY_NAME[step].form_class is None:
        raise Http404("No such section.")
    form = ObservationForm(request.POST, step=step)
    key = f"observation-{step}"
    if not form.is_valid():
        return review_page(request, working_file, bound={key: form}, status=400)
    return _sre_attempt(
        request,
        working_file,
        lambda: workflow.observation_add(file_id=working_file.pk, by=request.user, data=form.cleaned_data),
        form=form,
        key=key,
        done=lambda _o: _("Observación guardada. Se enviará al municipio con «Pedir cambios»."),
        anchor=f"seccion-{step}",
    )


@_sre_post
def observation_delete(request: HttpRequest, working_file: WorkingFile, observation_pk: int) -> HttpResponse:
    return _sre_attempt(
        request,
        working_file,
        lambda: (
            workflow.observation_delete(
                file_id=working_file.pk, observation_id=observation_pk, by=request.user
            )
            or _not_a_draft()
        ),
        key="request_changes",
        done=lambda _r: _("Observación borrada."),
        anchor="decision",
    )


def _not_a_draft():
    raise Http404("No draft observation with that number on this file.")


@_sre_post
def request_changes(request: HttpRequest, working_file: WorkingFile) -> HttpResponse:
    return _sre_attempt(
        request,
        working_file,
        _transition(request, working_file, Action.REQUEST_CHANGES),
        key="request_changes",
        done=lambda _wf: _("Se enviaron las observaciones al municipio."),
    )


@_sre_post
def dictamen(request: HttpRequest, working_file: WorkingFile) -> HttpResponse:
    form = DictamenForm(request.POST)
    if not form.is_valid():
        return review_page(request, working_file, bound={"dictamen": form}, status=400)
    action = form.cleaned_data["decision"]
    return _sre_attempt(
        request,
        working_file,
        _transition(request, working_file, action, {"reasoning": form.cleaned_data["reasoning"]}),
        form=form,
        key="dictamen",
        done=lambda _wf: _("Dictamen emitido: %(sense)s.") % {"sense": Action(action).label.lower()},
    )


@_sre_post
def inscribe(request: HttpRequest, working_file: WorkingFile) -> HttpResponse:
    return _sre_attempt(
        request,
        working_file,
        _transition(request, working_file, Action.INSCRIBE),
        key="inscribe",
        done=lambda wf: (
            _("Acuerdo inscrito en el registro con el número %(number)s.")
            % {"number": wf.agreement.registration_number}
        ),
    )


# --- The municipality: signature, withdrawal, new version ---------------------------------------------------
def _form_page(template: str, action: str, form_class, *, data: Callable[[TransitionForm], dict], done):
    """A page with the form of one municipal action (GET shows it, POST performs the transition)."""

    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        working_file = review_selectors.file_for_status(request.user, pk)
        status_url = reverse("agreements:status", args=[pk])
        rule = workflow.TRANSITIONS.get((working_file.state, action))
        if rule is None:
            return web.moved(request, working_file, status_url)
        if not workflow.roles_of(request.user, working_file) & rule.roles:
            raise PermissionDenied

        def show(form, status=200):
            dictamen = review_selectors.related(working_file, "dictamen")
            context = {"wf": working_file, "form": form, "dictamen": dictamen}
            return render(request, template, context, status=status)

        if request.method != "POST":
            return show(form_class())
        form = form_class(request.POST, request.FILES)
        if not form.is_valid():
            return show(form, 400)
        return web.attempt(
            request,
            working_file,
            _transition(request, working_file, action, data(form)),
            form=form,
            invalid=lambda f: show(f, 400),
            done=lambda _wf: str(done),
            back=status_url,
        )

    view.__name__ = f"{action}_page"
    return view


sign = _form_page(
    "agreements/review/sign.html",
    Action.SIGN,
    SignatureForm,
    data=lambda form: {**form.cleaned_data},
    done=_lazy("Firma registrada. La SRE inscribirá el acuerdo en el registro."),
)
withdraw = _form_page(
    "agreements/review/withdraw.html",
    Action.WITHDRAW,
    WithdrawForm,
    data=lambda form: {"reason": form.cleaned_data["reason"]},
    done=_lazy("El expediente se retiró."),
)


@login_required
@require_POST
def new_version(request: HttpRequest, pk: int) -> HttpResponse:
    working_file = review_selectors.file_for_status(request.user, pk)
    try:
        copy = workflow.new_version(file_id=working_file.pk, by=request.user)
    except workflow.TransitionNotAllowed:
        return web.moved(request, working_file, reverse("agreements:status", args=[pk]))
    messages.success(
        request, _("Se creó una nueva versión del expediente: revísela y envíela a la SRE cuando esté lista.")
    )
    return redirect("agreements:file_detail", pk=copy.pk)


def status_context(request: HttpRequest, working_file: WorkingFile) -> dict:
    """The municipality's status page (views.file_status): where the file stands and all that happened."""
    summary = file_summary(request, working_file, sre=False)
    newer = (
        working_file.newer_versions.order_by("pk").first() if working_file.state in workflow.ENDED else None
    )
    return {
        **summary,
        "uploads": list(selectors.uploads_latest_by_kind(working_file).values()),
        "newer_version": newer,
        "may_copy": newer is None and workflow.may_copy(request.user, working_file),
    }


@login_required
def file_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Where the file stands, what the SRE said (observations, dictamen), the signature, the registry entry,
    what the user may do next, and everything that happened (the timeline)."""
    working_file = review_selectors.file_for_status(request.user, pk)
    return render(request, "agreements/review/status.html", status_context(request, working_file))
