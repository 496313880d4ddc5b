from django.urls import path

from showcase import views

app_name = "showcase"

# Inside i18n_patterns, next to the registry's public page /municipios/<cvegeo>/.
urlpatterns = [
    path("municipios/<str:cvegeo>/vitrina/", views.ProfileEditView.as_view(), name="edit"),
    path("municipios/<str:cvegeo>/vitrina/fotos/", views.photo_add, name="photo_add"),
    path("municipios/<str:cvegeo>/vitrina/fotos/<int:pk>/borrar/", views.photo_delete, name="photo_delete"),
    path("municipios/<str:cvegeo>/fotos/<int:pk>.jpg", views.photo, name="photo"),
    path("municipios/<str:cvegeo>/tarjeta.png", views.card, name="card"),
]
