from django.urls import path

from guide import views

app_name = "guide"
urlpatterns = [
    path("guia/", views.guide_index, name="index"),
    path("guia/ley/", views.LawView.as_view(), name="law"),
    path("guia/glosario/", views.glossary, name="glossary"),
    path("guia/preguntas-frecuentes/", views.faq, name="faq"),
    path("guia/autodiagnostico/", views.selfcheck_view, name="selfcheck"),
    path("guia/autodiagnostico/expediente/", views.selfcheck_start, name="selfcheck_start"),
]
