"""The notification centre, its unread count (JSON, for the header's script) and the e-mail preferences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from notifications import selectors, services
from notifications.forms import PreferencesForm

PAGE_SIZE = 25


class NotificationListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        paginator = Paginator(selectors.notifications_for_user(request.user), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("pagina"))
        return render(
            request,
            "notifications/notification_list.html",
            {
                "page": page,
                "notifications": list(page.object_list),
                "unread": selectors.unread_count(request.user),
            },
        )


@never_cache
@require_GET
def unread(request: HttpRequest) -> JsonResponse:
    """{"unread": n} for the header's badge; 0 for anonymous visitors (nothing to tell them)."""
    if not request.user.is_authenticated:
        return JsonResponse({"unread": 0})
    cached = selectors.unread_count_cached(request.user.pk)
    count = cached if cached is not None else selectors.unread_count(request.user)
    return JsonResponse({"unread": count})


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark read and go to what it is about. Someone else's notification: 404, as if it did not exist."""
    notification = services.notification_mark_read(user=request.user, notification_id=pk)
    if notification is None:
        raise Http404("No such notification.")
    if request.POST.get("only_read") or not notification.url:
        return redirect("notifications:list")
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect("notifications:list")
    return redirect(notification.url)


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("Todas las notificaciones quedaron marcadas como leídas."))
    return redirect("notifications:list")


class PreferencesView(LoginRequiredMixin, View):
    template_name = "notifications/preferences.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PreferencesForm(instance=selectors.preferences_for(request.user))
        return render(request, self.template_name, {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PreferencesForm(request.POST, instance=selectors.preferences_for(request.user))
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        services.preferences_update(
            user=request.user,
            email_reminders=form.cleaned_data["email_reminders"],
            email_digest=form.cleaned_data["email_digest"],
        )
        messages.success(request, _("Preferencias guardadas."))
        return redirect("notifications:preferences")
