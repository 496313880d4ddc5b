"""Writes for the municipality's international showcase ("vitrina"): the profile and its photos."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max

from municipalities.models import Municipality
from showcase.images import CheckedImage
from showcase.models import MunicipalityPhoto, MunicipalityProfile
from showcase.permissions import can_edit_showcase


class PhotoLimitReached(Exception):
    """The showcase already has MunicipalityPhoto.MAX_PER_MUNICIPALITY photos."""


PROFILE_FIELDS = [
    "presentation",
    "economic_sectors",
    "offers",
    "seeks",
    "languages",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "website",
    "social_links",
]


@transaction.atomic
def profile_update(*, municipality: Municipality, data: dict, by) -> MunicipalityProfile:
    """Save the showcase from a valid ProfileForm's cleaned_data; the council's size and term end go on the
    municipality itself, where the wizard reads them (CPEUM 115 fr. II b)."""
    if not can_edit_showcase(by, municipality.pk):
        raise PermissionDenied
    profile, _created = MunicipalityProfile.objects.select_for_update().get_or_create(
        municipality=municipality
    )
    for name in PROFILE_FIELDS:
        setattr(profile, name, data[name])
    profile.updated_by = by
    profile.save()
    profile.themes.set(data["themes"])
    profile.desired_countries.set(data["desired_countries"])
    profile.desired_regions.set(data["desired_regions"])
    council = {"cabildo_members": data["cabildo_members"], "term_ends_on": data["term_ends_on"]}
    if any(getattr(municipality, key) != value for key, value in council.items()):
        Municipality.objects.filter(pk=municipality.pk).update(**council)
        for key, value in council.items():
            setattr(municipality, key, value)
    return profile


@transaction.atomic
def photo_add(
    *, municipality: Municipality, checked: CheckedImage, caption: str, credit: str, by
) -> MunicipalityPhoto:
    """Store an already checked and re-encoded photo at the end of the showcase."""
    if not can_edit_showcase(by, municipality.pk):
        raise PermissionDenied
    # Lock the municipality's row: two uploads at once must not both pass the limit.
    Municipality.objects.select_for_update().filter(pk=municipality.pk).exists()
    photos = MunicipalityPhoto.objects.filter(municipality=municipality)
    if photos.count() >= MunicipalityPhoto.MAX_PER_MUNICIPALITY:
        raise PhotoLimitReached
    position = (photos.aggregate(last=Max("position"))["last"] or 0) + 1
    photo = MunicipalityPhoto(
        municipality=municipality,
        caption=caption,
        credit=credit,
        width=checked.width,
        height=checked.height,
        size=len(checked.content),
        position=position,
        uploaded_by=by,
    )
    photo.image.save("foto.jpg", ContentFile(checked.content), save=False)
    try:
        photo.save()
    except Exception:
        photo.image.storage.delete(photo.image.name)  # no row, no file
        raise
    return photo


def photo_delete(*, photo: MunicipalityPhoto, by) -> None:
    if not can_edit_showcase(by, photo.municipality_id):
        raise PermissionDenied
    storage, name = photo.image.storage, photo.image.name
    photo.delete()
    # The file goes only once the row is gone for good: a rolled-back delete keeps both.
    transaction.on_commit(lambda: storage.delete(name))
