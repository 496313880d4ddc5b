"""The SRE's pages of the review workflow: the queue (/revision/) and a file's review page with its forms
(take or assign, reassign, observations, «pedir cambios», dictamen, inscription).

Thin: permissions and reads from review_selectors, every state change through `workflow.transition`.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import permissions as roles
from agreements.models import WorkingFile
from agreements.review import selectors as review_selectors
from agreements.review.forms import DictamenForm, ObservationForm, QueueFilterForm, ReassignForm, TakeForm
from agreements.review.summary import STATE_CSS, file_summary
from agreements.steps import diffs, prechecks, services
from agreements.steps import registry as wizard
from agreements.workflow import observations, web
from agreements.workflow import transitions as workflow

State = WorkingFile.State
Action = workflow.Action
QUEUE_PAGE_SIZE = 50


# --- SRE: the queue -----------------------------------------------------------------------------------------
def precheck_counts(results: list[dict]) -> dict:
    return {
        "blocking": sum(1 for r in results if r["level"] == prechecks.BLOCKING),
        "warning": sum(1 for r in results if r["level"] == prechecks.WARNING),
    }


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
        web.transition_call(request, working_file, action, {"assignee": form.cleaned_data.get("assignee")}),
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
        lambda: observations.observation_add(
            file_id=working_file.pk, by=request.user, data=form.cleaned_data
        ),
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
            observations.observation_delete(
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
        web.transition_call(request, working_file, Action.REQUEST_CHANGES),
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
        web.transition_call(request, working_file, action, {"reasoning": form.cleaned_data["reasoning"]}),
        form=form,
        key="dictamen",
        done=lambda _wf: _("Dictamen emitido: %(sense)s.") % {"sense": Action(action).label.lower()},
    )


@_sre_post
def inscribe(request: HttpRequest, working_file: WorkingFile) -> HttpResponse:
    return _sre_attempt(
        request,
        working_file,
        web.transition_call(request, working_file, Action.INSCRIBE),
        key="inscribe",
        done=lambda wf: (
            _("Acuerdo inscrito en el registro con el número %(number)s.")
            % {"number": wf.agreement.registration_number}
        ),
    )
