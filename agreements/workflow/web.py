"""Running a workflow transition from a page: the one way a view turns the workflow's answers (done,
moved meanwhile, refused, bad input) into messages and a redirect. The wizard (resubmit) and the review
pages use it."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from agreements.models import WorkingFile
from agreements.steps import services
from agreements.workflow import transitions as workflow
from agreements.workflow.forms import TransitionForm

State = WorkingFile.State


def transition_call(
    request: HttpRequest, working_file: WorkingFile, action: str, data: dict | None = None
) -> Callable[[], WorkingFile]:
    """`action` on the file by the person asking, as the call `attempt` runs."""
    return lambda: workflow.transition(file_id=working_file.pk, action=action, by=request.user, data=data)


def moved(request: HttpRequest, working_file: WorkingFile, back: str) -> HttpResponse:
    current = WorkingFile.objects.filter(pk=working_file.pk).values_list("state", flat=True).first()
    messages.error(
        request,
        _("El expediente cambió mientras tanto: ahora está «%(state)s». Revise la página antes de seguir.")
        % {"state": State(current).label if current else "—"},
    )
    return redirect(back)


def attempt(
    request: HttpRequest,
    working_file: WorkingFile,
    run: Callable[[], object],
    *,
    form: TransitionForm | None,
    invalid: Callable[[TransitionForm], HttpResponse],
    done: Callable[[object], str],
    back: str,
) -> HttpResponse:
    """Run a workflow call. Success: the message `done(result)` and back to `back` (a URL). The file moved
    meanwhile: say so and go back. Bad input: the form again, with the workflow's messages on it."""
    try:
        result = run()
    except workflow.TransitionNotAllowed:
        return moved(request, working_file, back)
    except services.SubmitRefused as refused:
        for reason in refused.reasons:
            messages.error(request, _("No se puede enviar todavía: %(reason)s") % {"reason": reason})
        return redirect(back)
    except ValidationError as error:
        if form is None:
            form = TransitionForm(data={})
            form.is_valid()
        form.add_service_errors(error)
        return invalid(form)
    messages.success(request, done(result))
    return redirect(back)
