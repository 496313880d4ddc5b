from django.urls import path

from agreements.review import municipality_views, sre_views

app_name = "review"
urlpatterns = [
    # SRE staff: the queue and a file's review page with its forms.
    path("revision/", sre_views.queue, name="queue"),
    path("revision/expedientes/<int:pk>/", sre_views.file_review, name="file"),
    path("revision/expedientes/<int:pk>/tomar/", sre_views.take, name="take"),
    path("revision/expedientes/<int:pk>/reasignar/", sre_views.reassign, name="reassign"),
    path("revision/expedientes/<int:pk>/observaciones/", sre_views.observation_add, name="observation_add"),
    path(
        "revision/expedientes/<int:pk>/observaciones/<int:observation_pk>/borrar/",
        sre_views.observation_delete,
        name="observation_delete",
    ),
    path("revision/expedientes/<int:pk>/pedir-cambios/", sre_views.request_changes, name="request_changes"),
    path("revision/expedientes/<int:pk>/dictamen/", sre_views.dictamen, name="dictamen"),
    path("revision/expedientes/<int:pk>/inscribir/", sre_views.inscribe, name="inscribe"),
    # The municipality (the answers to observations are posted on the wizard's last step).
    path("expedientes/<int:pk>/firma/", municipality_views.sign, name="sign"),
    path("expedientes/<int:pk>/retirar/", municipality_views.withdraw, name="withdraw"),
    path("expedientes/<int:pk>/nueva-version/", municipality_views.new_version, name="new_version"),
]
