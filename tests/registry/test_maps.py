"""Maps drawn from the bundled boundaries: every shape present, inside the picture, in the right class."""

import re

import pytest

from registry import maps


def test_mexico_has_its_32_states_with_paths():
    mexico = maps.mexico_map()
    assert [shape.id for shape in mexico.shapes] == [f"{n:02d}" for n in range(1, 33)]
    assert {shape.name for shape in mexico.shapes} >= {"Jalisco", "Oaxaca", "Ciudad de México"}
    for shape in mexico.shapes:
        assert re.fullmatch(r"(M-?[\d.]+ -?[\d.]+l[-\d. ]+z)+", shape.d), shape.id
        min_x, min_y, max_x, max_y = shape.box
        assert 0 <= min_x < max_x <= mexico.width and 0 <= min_y < max_y <= mexico.height
    assert (mexico.width, mexico.height) == (800, 506)


def test_world_has_its_countries_but_not_antarctica():
    world = maps.world_map()
    ids = {shape.id for shape in world.shapes}
    assert len(ids) == 174  # 177 features, minus Antarctica and the two without an ISO code
    assert {"MX", "JP", "US", "FR", "NO", "XK", "TW"} <= ids
    assert "AQ" not in ids
    assert world.outline.startswith("M")


@pytest.mark.parametrize(
    ("longitude", "latitude", "shape"),
    [(-103.35, 20.68, "14"), (-96.72, 17.06, "20"), (-99.13, 19.43, "09")],  # Guadalajara, Oaxaca, CDMX
)
def test_points_fall_inside_their_state(longitude, latitude, shape):
    mexico = maps.mexico_map()
    x, y = mexico.point(longitude, latitude)
    min_x, min_y, max_x, max_y = next(s.box for s in mexico.shapes if s.id == shape)
    assert min_x <= x <= max_x and min_y <= y <= max_y


def test_world_points_are_east_and_north_where_they_should_be():
    world = maps.world_map()
    tokyo, mexico_city, sydney = (
        world.point(139.69, 35.69),
        world.point(-99.13, 19.43),
        world.point(151.2, -33.87),
    )
    assert mexico_city[0] < tokyo[0] < sydney[0]
    assert tokyo[1] < mexico_city[1] < sydney[1]  # y grows downwards


def test_class_breaks_and_legend():
    assert maps.class_breaks([0, 0]) == []
    assert maps.class_breaks([3, 1, 1, 0]) == [1, 3]
    breaks = maps.class_breaks(list(range(0, 101)))
    assert breaks == [20, 40, 60, 80, 100]
    assert [maps.class_of(v, breaks) for v in (0, 1, 20, 21, 100)] == [0, 1, 1, 2, 5]
    assert maps.legend(breaks) == [(1, None, 20), (2, 21, 40), (3, 41, 60), (4, 61, 80), (5, 81, 100)]
    # Two classes only: they take the middle and the darkest colours, and the legend says so.
    assert [maps.class_of(v, [1, 3]) for v in (1, 2, 3)] == [3, 5, 5]
    assert maps.legend([1, 3]) == [(3, None, 1), (5, 2, 3)]


def test_choropleth_colours_titles_and_links():
    drawn = maps.choropleth(
        maps.mexico_map(),
        {"14": 5, "20": 1},
        title=lambda shape, n: f"{shape.name}: {n}",
        url=lambda code: f"/estados/{code}/",
    )
    by_title = {shape.title: shape for shape in drawn["shapes"]}
    assert (by_title["Jalisco: 5"].css_class, by_title["Jalisco: 5"].url) == (5, "/estados/14/")
    assert (by_title["Oaxaca: 1"].css_class, by_title["Oaxaca: 1"].url) == (3, "/estados/20/")
    assert (by_title["Sonora: 0"].css_class, by_title["Sonora: 0"].url) == (0, "")
    assert drawn["viewbox"] == "0 0 800 506"


def test_zoomed_map_frames_the_state():
    mexico = maps.mexico_map()
    jalisco = next(s for s in mexico.shapes if s.id == "14")
    drawn = maps.plain(mexico, [], highlight="14", zoom=True)
    x, y, width, height = (float(v) for v in drawn["viewbox"].split())
    assert x <= jalisco.box[0] and y <= jalisco.box[1]
    assert x + width >= jalisco.box[2] and y + height >= jalisco.box[3]
    assert width < mexico.width / 2
    assert round(width / height, 2) == round(mexico.width / mexico.height, 2)  # the whole map's shape
    assert drawn["point_radius"] == round(4 * width / mexico.width, 2)
    assert [s.css_class for s in drawn["shapes"] if s.css_class] == [1]


def test_a_request_projects_only_its_points(monkeypatch):
    """The shapes are projected once per process (and kept in the cache across processes); a page's map then
    projects nothing but the points it adds."""
    maps.mexico_map(), maps.world_map()  # the process's first request
    projected = []

    def counting(projection):
        def wrapper(longitude, latitude):
            projected.append((longitude, latitude))
            return projection(longitude, latitude)

        return wrapper

    # Both ways in: a shape's projection is the module's function, a point's is looked up in PROJECTIONS.
    wrapped = {"_equal_earth": counting(maps._equal_earth), "_mexico_plate": counting(maps._mexico_plate)}
    for name, function in wrapped.items():
        monkeypatch.setattr(maps, name, function)
    monkeypatch.setattr(
        maps,
        "PROJECTIONS",
        {"equal_earth": wrapped["_equal_earth"], "mexico_plate": wrapped["_mexico_plate"]},
    )
    world = maps.world_map()
    points = [maps.DrawnPoint(*world.point(139.69, 35.69), "Kioto", "", "partner")]
    maps.plain(world, points, title=lambda shape: shape.name)
    maps.choropleth(maps.mexico_map(), {"14": 5}, title=lambda shape, n: shape.name)
    assert projected == [(139.69, 35.69)]
