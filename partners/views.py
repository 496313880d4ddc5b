from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import cache_control

from partners.selectors import partner_city_search


@cache_control(private=True, max_age=300)
def city_autocomplete(request: HttpRequest) -> JsonResponse:
    """Step 2's partner-city search: up to 10 cities for ?q= (two letters or more), in the page's language."""
    query = request.GET.get("q", "")[:100].replace("\x00", "")
    results = [
        {
            "id": city.pk,
            "name": city.name,
            "country": city.country.name,
            "label": f"{city.name}, {city.country.name}",
        }
        for city in partner_city_search(query)
    ]
    return JsonResponse({"results": results})
