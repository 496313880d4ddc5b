from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from accounts import permissions as roles
from agreements.models import WorkingFile
from agreements.steps import registry as wizard
from guide import law, selfcheck, services
from guide.faq import FAQ
from guide.forms import SelfCheckForm, StartFileForm
from guide.glossary import GLOSSARY
from guide.process import PROCESS


class LawView(TemplateView):
    """/guia/ley/: the law's text (Spanish, the only official version) with an anchor per article."""

    template_name = "guide/law.html"

    def get_context_data(self, **kwargs):
        preamble, sections = law.law()
        articles = [a for s in sections for a in s.articles]
        return super().get_context_data(preamble=preamble, sections=sections, articles=articles, **kwargs)


def wizard_links(user) -> dict[str, str]:
    """Where each wizard step is for this visitor: in their latest draft, else where a file is started
    (officials) or the list of files (which asks anybody else to log in)."""
    draft = None
    roles.load_memberships(user)
    if roles.municipalities_of(user):
        draft = (
            WorkingFile.objects.filter(
                municipality__in=[m.pk for m in roles.municipalities_of(user)],
                state__in=[WorkingFile.State.DRAFT, WorkingFile.State.OBSERVATIONS],
            )
            .order_by("-updated_at", "-pk")
            .only("pk")
            .first()
        )
    if draft is not None:
        return {step.name: reverse("agreements:step", args=[draft.pk, step.name]) for step in wizard.STEPS}
    start = reverse("agreements:file_create" if roles.municipalities_of(user) else "agreements:file_list")
    return dict.fromkeys(wizard.STEPS_BY_NAME, start)


def process_rows(user) -> list[dict]:
    links = wizard_links(user)
    portal = {
        "selfcheck": (reverse("guide:selfcheck"), _("Autodiagnóstico: ¿está listo su municipio?")),
        "board": (reverse("board:list"), _("Buscan socio: solicitudes de ciudades socias")),
        "status": (reverse("agreements:file_list"), _("Estado de sus expedientes ante la SRE")),
        "registry": (reverse("registry:list"), _("Registro público de acuerdos")),
    }
    rows = []
    for step in PROCESS:
        wizard_step = wizard.STEPS_BY_NAME.get(step.wizard_step)
        rows.append(
            {
                "step": step,
                "wizard": wizard_step,
                "wizard_url": links.get(step.wizard_step, ""),
                "portal": portal.get(step.portal),
            }
        )
    return rows


def guide_index(request):
    """/guia/: the process step by step, from the municipality's side."""
    context = {"rows": process_rows(request.user), "total_steps": len(wizard.STEPS)}
    return render(request, "guide/index.html", context)


def glossary(request):
    return render(request, "guide/glossary.html", {"terms": GLOSSARY})


def faq(request):
    return render(request, "guide/faq.html", {"questions": FAQ})


def selfcheck_view(request):
    """/guia/autodiagnostico/: the questionnaire (GET), its result (POST), and for a titular the button that
    starts a working file with the answers."""
    if request.method == "POST":
        form = SelfCheckForm(request.POST)
        if form.is_valid():
            return show_result(request, form)
        return render(request, "guide/selfcheck.html", {"form": form}, status=400)
    return render(request, "guide/selfcheck.html", {"form": SelfCheckForm()})


def titular_municipalities(user) -> list:
    roles.load_memberships(user)
    return roles.titular_municipalities_of(user)


def show_result(request, form: SelfCheckForm, start_form: StartFileForm | None = None, status: int = 200):
    result = selfcheck.score(form.answers())
    municipalities = titular_municipalities(request.user)
    if start_form is None and municipalities:
        initial = {**form.cleaned_data, "municipality": municipalities[0].pk}
        start_form = StartFileForm(initial=initial, municipalities=municipalities)
    login_url = f"{reverse('account_login')}?next={reverse('guide:selfcheck')}"
    context = {"result": result, "form": form, "start_form": start_form, "login_url": login_url}
    return render(request, "guide/selfcheck_result.html", context, status=status)


@login_required
@require_POST
def selfcheck_start(request):
    municipalities = titular_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied(_("Sólo la persona titular de un municipio inicia un expediente desde aquí."))
    form = StartFileForm(request.POST, municipalities=municipalities)
    if not form.is_valid():
        answers = SelfCheckForm(request.POST)
        if answers.is_valid():
            return show_result(request, answers, start_form=form, status=400)
        return render(request, "guide/selfcheck.html", {"form": answers}, status=400)
    data = form.cleaned_data
    working_file = services.selfcheck_start_file(
        municipality=data["municipality"],
        office=data["oficina_nombre"],
        objective=data["objetivo_texto"],
        city=data["ciudad"],
        by=request.user,
    )
    messages.success(
        request,
        _(
            "Se creó el expediente con sus respuestas del autodiagnóstico. Continúe con el paso 1, "
            "«Diagnóstico»."
        ),
    )
    return redirect("agreements:file_detail", pk=working_file.pk)
