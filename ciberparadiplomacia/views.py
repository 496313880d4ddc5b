from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from ciberparadiplomacia import selectors


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(counts=selectors.site_counts(), **kwargs)


class AboutDataView(TemplateView):
    template_name = "about_data.html"


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and compose healthchecks: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
