"""Photos of the showcase: checked by content, size and dimensions; re-encoded without metadata; served
publicly through their municipality's address only."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from showcase.models import MunicipalityPhoto
from tests.factories import MunicipalityPhotoFactory, jpeg_bytes, official, showcase_world

pytestmark = pytest.mark.django_db

ADD = "/municipios/20067/vitrina/fotos/"


@pytest.fixture
def oaxaca():
    return showcase_world()["municipalities"]["oaxaca"]


@pytest.fixture
def titular_client(client, oaxaca):
    client.force_login(official(oaxaca))
    return client


def image_bytes(size=(800, 600), fmt="PNG", mode="RGB", color=(10, 120, 200), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color if mode != "1" else 0).save(buffer, fmt, **save)
    return buffer.getvalue()


def upload(client, data: bytes, name="foto.jpg", content_type="image/jpeg", caption="El zócalo de noche"):
    return client.post(
        ADD, {"image": SimpleUploadedFile(name, data, content_type), "caption": caption, "credit": "Ana"}
    )


def stored(photo) -> Image.Image:
    with photo.image.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_a_photo_is_re_encoded_without_metadata_and_turned_upright(titular_client):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x013B] = "Fotógrafo Secreto"  # Artist
    exif[0x010F] = "CameraMaker"  # Make
    original = jpeg_bytes(3000, 2000, exif=exif.tobytes())
    assert b"CameraMaker" in original
    response = upload(titular_client, original)
    assert response.status_code == 302 and response["Location"] == "/municipios/20067/vitrina/#fotos"
    photo = MunicipalityPhoto.objects.get()
    image = stored(photo)
    # Upright (2000 × 3000 after the rotation), then at most 1,600 px a side.
    assert (image.format, image.size) == ("JPEG", (1067, 1600))
    assert (photo.width, photo.height) == (1067, 1600)
    assert dict(image.getexif()) == {} and "exif" not in image.info
    with photo.image.open("rb") as handle:
        data = handle.read()
    assert b"CameraMaker" not in data and "Fotógrafo".encode() not in data
    assert photo.size == len(data)
    assert photo.image.name.startswith("vitrina/20067/") and photo.image.name.endswith(".jpg")
    assert "foto" not in photo.image.name.split("/")[-1]  # nothing of the uploaded name is kept
    assert (photo.caption, photo.credit, photo.position) == ("El zócalo de noche", "Ana", 1)


def test_png_with_transparency_and_webp_are_accepted(titular_client):
    assert (
        upload(
            titular_client, image_bytes(mode="RGBA", color=(0, 0, 0, 0)), "logo.png", "image/png"
        ).status_code
        == 302
    )
    assert upload(titular_client, image_bytes(fmt="WEBP"), "foto.webp", "image/webp").status_code == 302
    first, second = MunicipalityPhoto.objects.order_by("position")
    assert stored(first).getpixel((10, 10)) == (255, 255, 255)  # transparent became white, not black
    assert (stored(second).format, second.position) == ("JPEG", 2)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (lambda: b"%PDF-1.4 no soy una foto", "El archivo no es una imagen que podamos leer."),
        (lambda: image_bytes(fmt="GIF"), "El archivo es una imagen GIF; se aceptan JPEG, PNG y WebP."),
        (lambda: image_bytes((300, 200)), "La foto mide 300 × 200 píxeles; necesita al menos 400 × 300."),
        (
            lambda: image_bytes((10_001, 400), mode="1"),
            "La foto mide 10001 × 400 píxeles; el máximo es 10,000 píxeles por lado.",
        ),
        (
            lambda: image_bytes((8_000, 6_000), mode="1"),
            "La imagen tiene demasiados píxeles (el máximo es 40 millones). Redúzcala.",
        ),
        (lambda: jpeg_bytes(800, 600)[:600], "La imagen está dañada o incompleta."),
    ],
    ids=["not-an-image", "gif", "too-small", "too-wide", "too-many-pixels", "truncated"],
)
def test_bad_files_are_refused_with_their_message(titular_client, data, message):
    response = upload(titular_client, data())
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "No se subió la foto" in html
    assert not MunicipalityPhoto.objects.exists()


def test_a_decompression_bomb_is_refused_before_decoding(titular_client, monkeypatch):
    from PIL import Image as PILImage

    # Pillow warns between MAX_IMAGE_PIXELS and twice that, and refuses beyond: both are refused here.
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 100_000)
    for size in [(500, 300), (1_000, 1_000)]:  # 150,000 (a warning) and 1,000,000 pixels (an error)
        response = upload(titular_client, image_bytes(size, mode="1"))
        assert response.status_code == 400
        assert "La imagen tiene demasiados píxeles" in response.content.decode()
    assert not MunicipalityPhoto.objects.exists()


def test_a_file_over_the_size_limit_is_refused(titular_client, settings):
    settings.MUNICIPALITIES_PHOTO_MAX_BYTES = 2_000
    response = upload(titular_client, jpeg_bytes(800, 600, color=(1, 2, 3)) + b"\0" * 3_000)
    assert (
        "La foto pesa" in response.content.decode() and "el máximo es 2.0\xa0KB" in response.content.decode()
    )
    assert response.status_code == 400


def test_a_caption_is_required(titular_client):
    response = upload(titular_client, jpeg_bytes(), caption="")
    assert response.status_code == 400
    assert "Descripción de la foto: Este campo es requerido." in response.content.decode()


def test_at_most_six_photos(titular_client, oaxaca):
    for _ in range(MunicipalityPhoto.MAX_PER_MUNICIPALITY):
        MunicipalityPhotoFactory(municipality=oaxaca)
    response = upload(titular_client, jpeg_bytes())
    assert response.status_code == 400
    assert (
        "La vitrina ya tiene 6 fotos, el máximo. Borre una antes de subir otra." in response.content.decode()
    )
    assert MunicipalityPhoto.objects.count() == 6


def test_deleting_a_photo_removes_its_file(titular_client, oaxaca, django_capture_on_commit_callbacks):
    photo = MunicipalityPhotoFactory(municipality=oaxaca, caption="Vieja")
    storage, name = photo.image.storage, photo.image.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = titular_client.post(f"/municipios/20067/vitrina/fotos/{photo.pk}/borrar/")
    assert response["Location"] == "/municipios/20067/vitrina/#fotos"
    assert not MunicipalityPhoto.objects.exists()
    assert not storage.exists(name)


def test_officials_of_another_municipality_cannot_touch_photos(client, oaxaca):
    photo = MunicipalityPhotoFactory(municipality=oaxaca)
    guadalajara = photo.municipality.__class__.objects.get(pk="14039")
    client.force_login(official(guadalajara))
    assert client.post(f"/municipios/20067/vitrina/fotos/{photo.pk}/borrar/").status_code == 403
    assert client.post(f"/municipios/14039/vitrina/fotos/{photo.pk}/borrar/").status_code == 404
    assert upload(client, jpeg_bytes()).status_code == 403
    assert MunicipalityPhoto.objects.count() == 1


def test_photos_are_public_through_their_own_municipality_only(client, oaxaca):
    photo = MunicipalityPhotoFactory(municipality=oaxaca)
    response = client.get(f"/municipios/20067/fotos/{photo.pk}.jpg")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == photo.image.open("rb").read()
    assert "public" in response["Cache-Control"]
    assert client.get(f"/municipios/14039/fotos/{photo.pk}.jpg").status_code == 404
    assert client.post(f"/municipios/20067/fotos/{photo.pk}.jpg").status_code == 405
