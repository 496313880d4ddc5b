"""The municipality's pages of the review workflow: the status page of a sent file (where it stands, what the
SRE said, what happened), the signature record, the withdrawal and «nueva versión». The answers to the SRE's
observations go with the wizard's last step (agreements/wizard/views.py).

Thin: permissions and reads from review_selectors, every state change through `workflow.transition`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from agreements.domain import selectors
from agreements.models import WorkingFile
from agreements.review import selectors as review_selectors
from agreements.review.forms import SignatureForm, WithdrawForm
from agreements.review.summary import file_summary
from agreements.workflow import transitions as workflow
from agreements.workflow import versions, web
from agreements.workflow.forms import TransitionForm

Action = workflow.Action


def _form_page(
    template: str,
    action: str,
    form_class,
    *,
    data: Callable[[TransitionForm], dict],
    done,
    form_kwargs: Callable[[HttpRequest, WorkingFile], dict] = lambda request, working_file: {},
    on_invalid: Callable[[TransitionForm], None] = lambda form: None,
):
    """A page with the form of one municipal action (GET shows it, POST performs the transition).
    form_kwargs: what the form needs besides the data; on_invalid: run on a form about to be shown with errors
    (the signature form keeps its PDF there)."""

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
            if status == 400:
                on_invalid(form)
            dictamen = review_selectors.related(working_file, "dictamen")
            context = {"wf": working_file, "form": form, "dictamen": dictamen}
            return render(request, template, context, status=status)

        kwargs = form_kwargs(request, working_file)
        if request.method != "POST":
            return show(form_class(**kwargs))
        form = form_class(request.POST, request.FILES, **kwargs)
        if not form.is_valid():
            return show(form, 400)
        return web.attempt(
            request,
            working_file,
            web.transition_call(request, working_file, action, data(form)),
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
    form_kwargs=lambda request, working_file: {"working_file": working_file, "user": request.user},
    on_invalid=SignatureForm.keep_document,
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
        copy = versions.new_version(file_id=working_file.pk, by=request.user)
    except workflow.TransitionNotAllowed:
        return web.moved(request, working_file, reverse("agreements:status", args=[pk]))
    messages.success(
        request, _("Se creó una nueva versión del expediente: revísela y envíela a la SRE cuando esté lista.")
    )
    return redirect("agreements:file_detail", pk=copy.pk)


def status_context(request: HttpRequest, working_file: WorkingFile) -> dict:
    """The municipality's status page (file_status below): where the file stands and all that happened."""
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
