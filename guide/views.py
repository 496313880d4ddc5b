from django.views.generic import TemplateView

from . import law


class LawView(TemplateView):
    """/guia/ley/: the law's text (Spanish, the only official version) with an anchor per article."""

    template_name = "guide/law.html"

    def get_context_data(self, **kwargs):
        preamble, sections = law.law()
        articles = [a for s in sections for a in s.articles]
        return super().get_context_data(preamble=preamble, sections=sections, articles=articles, **kwargs)
