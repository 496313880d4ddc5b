from django.urls import path

from agreements.review import views as review_views

app_name = "review"
urlpatterns = [
    # SRE staff: the queue and a file's review page with its forms.
    path("revision/", review_views.queue, name="queue"),
    path("revision/expedientes/<int:pk>/", review_views.file_review, name="file"),
    path("revision/expedientes/<int:pk>/tomar/", review_views.take, name="take"),
    path("revision/expedientes/<int:pk>/reasignar/", review_views.reassign, name="reassign"),
    path(
        "revision/expedientes/<int:pk>/observaciones/", review_views.observation_add, name="observation_add"
    ),
    path(
        "revision/expedientes/<int:pk>/observaciones/<int:observation_pk>/borrar/",
        review_views.observation_delete,
        name="observation_delete",
    ),
    path(
        "revision/expedientes/<int:pk>/pedir-cambios/", review_views.request_changes, name="request_changes"
    ),
    path("revision/expedientes/<int:pk>/dictamen/", review_views.dictamen, name="dictamen"),
    path("revision/expedientes/<int:pk>/inscribir/", review_views.inscribe, name="inscribe"),
    # The municipality (the answers to observations are posted on the wizard's last step).
    path("expedientes/<int:pk>/firma/", review_views.sign, name="sign"),
    path("expedientes/<int:pk>/retirar/", review_views.withdraw, name="withdraw"),
    path("expedientes/<int:pk>/nueva-version/", review_views.new_version, name="new_version"),
]
