"""Step 7, revisión y envío: the answers to check, the legal pre-check, and sending the file to the SRE.

No form of its own: the page is the summary of every other step (their `summary_rows`), and the submit or,
after the SRE's observations, the answers and «Reenviar». Both are transitions of the review workflow, which
sits above the steps, so the wizard's view builds this page.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from agreements.models import WorkingFile
from agreements.steps.base import Status, Step
from agreements.steps.forms import StepContext


class SendStep(Step):
    number = 7
    name = "envio"
    label = _("Revisión y envío")
    summary = _("Revise sus respuestas, la revisión legal previa y envíe a la SRE")
    template_name = "agreements/wizard/summary.html"
    depends_on = ("diagnostico", "contraparte", "objeto", "carta", "texto", "cabildo")

    def done(self, working_file: WorkingFile) -> bool:
        """The completion rule: the file has left the municipality."""
        return not working_file.is_draft

    def status(
        self, working_file: WorkingFile, context: StepContext, *, blocked: bool, earlier: Mapping[str, str]
    ) -> str:
        if self.done(working_file):
            return Status.COMPLETE
        ready = all(s == Status.COMPLETE for s in earlier.values())
        return Status.IN_PROGRESS if ready else Status.NOT_STARTED
