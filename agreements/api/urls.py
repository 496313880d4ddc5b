from rest_framework.routers import SimpleRouter

from agreements.api import views

app_name = "review-api"

router = SimpleRouter()
router.register("expedientes", views.WorkingFileViewSet, basename="working-file")

urlpatterns = router.urls
