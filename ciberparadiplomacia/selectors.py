from agreements.models import Agreement
from municipalities.models import Municipality, State
from partners.models import Country, PartnerCity


def site_counts() -> dict[str, int]:
    """The live figures on the home page, straight from the database."""
    agreements = Agreement.objects.exclude(source=Agreement.Source.SYNTHETIC)
    return {
        "states": State.objects.count(),
        "municipalities": Municipality.objects.count(),
        "partner_cities": PartnerCity.objects.count(),
        "partner_countries": Country.objects.filter(agreements__in=agreements).distinct().count(),
        "known_relationships": agreements.filter(source=Agreement.Source.PUBLIC_RECORD).count(),
        "registered_agreements": agreements.filter(source=Agreement.Source.RAI).count(),
        "municipalities_with_relationships": agreements.exclude(municipality=None)
        .values("municipality")
        .distinct()
        .count(),
    }
