from django.urls import path

from agreements.review import municipality_views as review_views
from agreements.wizard import views

# The wizard's pages, and the status page of a sent file (a review page) under the same namespace.
app_name = "agreements"
urlpatterns = [
    path("expedientes/", views.file_list, name="file_list"),
    path("expedientes/nuevo/", views.FileCreateView.as_view(), name="file_create"),
    path("expedientes/<int:pk>/", views.file_detail, name="file_detail"),
    path("expedientes/<int:pk>/pasos/<slug:step>/", views.StepView.as_view(), name="step"),
    path("expedientes/<int:pk>/enviar/", views.file_submit, name="submit"),
    path("expedientes/<int:pk>/estado/", review_views.file_status, name="status"),
    path("expedientes/<int:pk>/documentos/<int:upload_pk>/", views.upload_download, name="upload"),
]
