"""The pygame_gui speed-ups give pygame_gui's own answers, and its catalog stays off the path."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import i18n
import pytest
from pygame_gui.core.gui_font_pygame import GUIFontPygame
from pygame_gui.core.ui_appearance_theme import UIAppearanceTheme
from pygame_gui.core.ui_font_dictionary import UIFontDictionary

from game.ui.widget_speedups import WIDGET_CATALOG, RememberingTheme


def _pygame_fonts(app: Any) -> list[GUIFontPygame]:
    fonts = app.manager.get_theme().get_font_dictionary()
    assert isinstance(fonts, UIFontDictionary)
    return [r.loaded_font for r in fonts.loaded_fonts.values()
            if isinstance(getattr(r, "loaded_font", None), GUIFontPygame)]


def test_remembered_text_sizes_are_pygame_gui_s_measures(make_app: Any) -> None:
    """Also across managers: the second app's fonts share what the first one measured."""
    texts = ["", "Ciudad Juárez", "Ciudad Juárez", "2.5 M. Más de 100 %", "ñ" * 40]
    for lang, scale in (("en", 100), ("es", 150), ("es", 100)):
        app = make_app(lang)
        app.set_scale(scale)
        fonts = _pygame_fonts(app)
        assert fonts and all(getattr(f.get_rect, "remembering", False) for f in fonts)
        for font in fonts:
            for text in texts:
                expected = GUIFontPygame.get_rect(font, text)  # pygame_gui's own, unremembered
                got = font.get_rect(text)
                assert got == expected, (text, got, expected)
                got.x += 99  # a caller moving its rect does not move the remembered one
                assert font.get_rect(text) == expected


def test_remembered_theme_ids_are_pygame_gui_s(make_app: Any) -> None:
    app = make_app()
    theme = app.manager.get_theme()
    assert isinstance(theme, RememberingTheme)
    cases = [(["button"], ["button"], [None], [None]),
             (["panel", "button"], ["panel", "button"], [None, "@card"], [None, "#enact"]),
             ([None, "label"], ["panel", "label"], ["@x", None], ["#a", "#b"])]
    for base, elements, classes, objects in cases:
        expected = UIAppearanceTheme.build_all_combined_ids(theme, base, elements, classes,
                                                             objects)
        assert theme.build_all_combined_ids(base, elements, classes, objects) == expected
        assert theme.build_all_combined_ids(list(base), list(elements), list(classes),
                                            list(objects)) == expected


def test_new_managers_never_put_pygame_gui_s_catalog_back(make_app: Any) -> None:
    app = make_app()
    for _ in range(3):
        app.relayout(new_manager=True)
    make_app("es")
    assert WIDGET_CATALOG not in [str(p) for p in i18n.load_path]
    label_text = "Ciudad Juárez. 2.5 M"
    from pygame_gui.core.utility import translate
    assert translate(label_text) == label_text  # a text with dots is shown as it is


def test_a_new_manager_reuses_drawn_shapes_and_draws_the_same_pixels(
        make_app: Any, monkeypatch: Any) -> None:
    """The title drawn by a second app (a new manager with a newly loaded theme) draws no
    shape again, and every button looks exactly as the first app, which started from an
    empty cache, drew it."""
    import pygame
    from pygame_gui.core.drawable_shapes.rounded_rect_drawable_shape import (
        RoundedRectangleShape,
    )
    from pygame_gui.elements import UIButton

    from game.ui import widget_speedups

    monkeypatch.setattr(widget_speedups, "_SHAPES", [])
    monkeypatch.setattr(widget_speedups, "_THEMES", OrderedDict())  # each app loads its own
    drawn: list[object] = []
    draw = RoundedRectangleShape.clear_and_create_shape_surface

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        drawn.append(self)
        return draw(self, *args, **kwargs)

    monkeypatch.setattr(RoundedRectangleShape, "clear_and_create_shape_surface", counted)

    def buttons(app: Any) -> dict[str, bytes]:
        app.start()
        app.frame()
        return {e.text: pygame.image.tobytes(e.image, "RGBA")
                for e in app.manager.get_root_container().elements
                if isinstance(e, UIButton)} | {
            e.text: pygame.image.tobytes(e.image, "RGBA")
            for e in app.top.root.elements if isinstance(e, UIButton)}

    first = buttons(make_app())
    assert first and drawn
    drawn.clear()
    widget_speedups._THEMES.clear()  # a theme loaded again, as after a pygame.quit()
    second = buttons(make_app())
    assert drawn == []
    assert second == first


def _ink(image: Any) -> tuple[tuple[int, int, int, int], tuple[int, int, int]]:
    """The box around a label's drawn pixels (x0, y0, x1, y1), and its most opaque colour."""
    import numpy as np
    import pygame

    alpha = pygame.surfarray.array_alpha(image)
    xs, ys = np.nonzero(alpha > 40)
    assert xs.size, "the label drew nothing"
    x, y = np.unravel_index(int(np.argmax(alpha)), alpha.shape)
    colour = image.unmap_rgb(image.get_at_mapped((int(x), int(y))))
    return ((int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())),
            (colour.r, colour.g, colour.b))


@pytest.mark.parametrize("scale", [100, 150])
def test_the_game_s_label_looks_like_pygame_gui_s(make_app: Any, scale: int) -> None:
    """Same words, font, colour and alignment as pygame_gui's UILabel, in every label class
    the screens use most: the same columns, and rows at most one pixel apart (pygame_gui
    centres on the baseline, the game's label on the line's height)."""
    import pygame
    from pygame_gui.elements import UILabel

    from game.ui.widgets.label import Label

    app = make_app()
    app.set_scale(scale)
    s = app.scale
    for cls in (None, "@small", "@muted_centre", "@bold_right", "@heading", "@title",
                "@bar_strong", "@warn_right", "@bar_caption"):
        for text, (w, h) in (("Ciudad Juárez", (300, 30)), ("Sí, 2.5 M (ñ)", (260, 26)),
                             ("Plaza", (200, 64))):
            rect = pygame.Rect(0, 0, round(w * s), round(h * s))
            ours = Label(rect, text, app.manager, object_id=cls)
            theirs = UILabel(rect, text, app.manager, object_id=cls)
            if theirs.font.get_rect(text).height > rect.h:
                continue  # a text too tall for its box is a layout fault the screen tests find
            (ox0, oy0, ox1, oy1), our_colour = _ink(ours.image)
            (tx0, ty0, tx1, ty1), their_colour = _ink(theirs.image)
            where = (scale, cls, text)
            assert (ox0, ox1) == (tx0, tx1), where
            assert abs(oy0 - ty0) <= 1 and abs(oy1 - ty1) <= 1, where
            assert our_colour == their_colour, where
            assert ours.text == theirs.text and ours.font is theirs.font
            ours.kill()
            theirs.kill()


def test_labels_after_the_first_of_their_class_read_what_pygame_gui_s_label_reads(
        make_app: Any, monkeypatch: Any) -> None:
    """The theming a label takes from the ones before it (font, colours, shadow, alignment,
    padding) is what pygame_gui's label reads from the theme for the same class; a theme
    that loads other data forgets it."""
    import pygame
    from pygame_gui.elements import UILabel

    from game.ui import widget_speedups
    from game.ui.widgets.label import THEMED, Label

    monkeypatch.setattr(widget_speedups, "_THEMES", OrderedDict())  # its own theme, changed
    app = make_app()
    theme = app.manager.get_theme()
    rect = pygame.Rect(0, 0, 200, 30)
    for cls in (None, "@small", "@muted_centre", "@bold_right", "@warn_right", "@bar_caption"):
        Label(rect, "first", app.manager, object_id=cls).kill()
        ours = Label(rect, "second", app.manager, object_id=cls)
        theirs = UILabel(rect, "second", app.manager, object_id=cls)
        assert any(key[2] == tuple(ours.combined_element_ids)
                   for key in theme.remembered_theming), cls
        for name in THEMED:
            assert getattr(ours, name) == getattr(theirs, name), (cls, name)
        ours.kill()
        theirs.kill()
    theme.load_theme({"label": {"colours": {"normal_text": "#102030"}}})
    assert theme.remembered_theming == {}
    again = Label(rect, "third", app.manager)
    assert again.text_colour == pygame.Color("#102030")


def test_a_label_drawn_from_a_remembered_text_shows_the_same_pixels(
        make_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Labels showing words already drawn in their font and colour take that picture: the
    same pixels as a label drawing them afresh; other words, or the same words in another
    colour, are drawn for themselves, as the font draws them."""
    import pygame

    from game.ui.widgets import label as labels
    from game.ui.widgets.label import Label

    app = make_app()
    rect = pygame.Rect(0, 0, 300, 30)

    def pixels(text: str, cls: str | None) -> bytes:
        label = Label(rect, text, app.manager, object_id=cls)
        drawn = pygame.image.tobytes(label.image, "RGBA")
        label.kill()
        return drawn

    for cls in (None, "@heading", "@muted_centre"):
        monkeypatch.setattr(labels, "_INKS", OrderedDict())
        monkeypatch.setattr(labels, "_INK_PIXELS", [0])
        fresh = pixels("Ciudad Juárez", cls)
        kept = len(labels._INKS)
        assert pixels("Ciudad Juárez", cls) == fresh and len(labels._INKS) == kept, cls
        assert pixels("Tijuana", cls) != fresh and len(labels._INKS) == kept + 1, cls
    font = Label(rect, "x", app.manager).font
    for colour in (pygame.Color(20, 30, 40), pygame.Color(200, 30, 40), pygame.Color(20, 30, 40)):
        drawn = labels._drawn_text(font, "Ciudad Juárez", colour)
        assert pygame.image.tobytes(drawn, "RGBA") == pygame.image.tobytes(
            font.render_premul("Ciudad Juárez", colour), "RGBA"), colour


def test_a_label_shows_its_new_text(make_app: Any) -> None:
    """set_text (the hot seat's timer) draws the new words, and only when they change."""
    import pygame

    from game.ui.widgets.label import Label

    app = make_app()
    label = Label(pygame.Rect(0, 0, 120, 24), "5:00", app.manager, object_id="@bar_strong")
    before = label.image
    label.set_text("5:00")
    assert label.image is before
    label.set_text("4:59")
    assert label.text == "4:59" and label.image is not before
    assert pygame.image.tobytes(label.image, "RGBA") != pygame.image.tobytes(before, "RGBA")


def test_the_game_s_button_draws_pygame_gui_s_looks_when_they_show(
        make_app: Any, monkeypatch: Any) -> None:
    """Normal, hovered, selected (focused) and disabled: the same pixels as pygame_gui's
    button, in the classes the screens use; a look the player never brings up is never
    drawn (pygame_gui draws three of them ahead, over the next frames)."""
    import pygame
    from pygame_gui.elements import UIButton

    from game.ui.widgets import button as buttons
    from game.ui.widgets.button import Button

    monkeypatch.setattr(buttons, "_LOOKS", OrderedDict())  # every button draws its own
    app = make_app()
    manager = app.manager

    def pixels(button: Any) -> bytes:
        return pygame.image.tobytes(button.image, "RGBA")

    for cls in (None, "@primary", "@flat", "@card", "@row", "@bar_button"):
        rect = pygame.Rect(10, 10, 220, 44)
        ours = Button(rect, "Fin del trimestre", manager, object_id=cls)
        theirs = UIButton(rect, "Fin del trimestre", manager, object_id=cls)
        for _ in range(6):
            manager.update(1 / 60)
        assert not any(s.generated for k, s in ours.drawable_shape.states.items()
                       if k != "normal"), cls
        assert all(theirs.drawable_shape.states[k].generated
                   for k in ("hovered", "selected", "active")), cls
        assert pixels(ours) == pixels(theirs), (cls, "normal")
        for look in ("on_hovered", "select", "on_unhovered", "unselect", "disable"):
            for button in (ours, theirs):
                getattr(button, look)()
            manager.update(1 / 60)
            assert pixels(ours) == pixels(theirs), (cls, look)
        ours.kill()
        theirs.kill()


def test_a_theme_is_loaded_once_per_look_and_again_after_pygame_quits(make_app: Any) -> None:
    """Apps at one scale share one loaded theme, another scale has its own, and after a
    pygame.quit() (its fonts end) a new app loads a fresh one and draws with it."""
    import pygame

    first = make_app()
    theme = first.manager.get_theme()
    assert make_app().manager.get_theme() is theme
    first.set_scale(150)
    assert first.manager.get_theme() is not theme
    first.set_scale(100)
    assert first.manager.get_theme() is theme
    pygame.quit()
    again = make_app()
    assert again.manager.get_theme() is not theme
    again.start()
    again.frame()
    assert again.top is not None and again.top.root is not None


def _screen_pixels(app: Any, cache: Any, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The window's pixels after the top screen is built twice with `cache` as the theme's
    shape cache (the second build finds its shapes in it, not in the buttons' own looks)."""
    from collections import OrderedDict

    import pygame

    from game.ui.widgets import button as buttons

    app.manager.get_theme().shape_cache = cache
    for _ in range(2):
        monkeypatch.setattr(buttons, "_LOOKS", OrderedDict())
        monkeypatch.setattr(buttons, "_LOOK_PIXELS", [0])
        app.top.rebuild()
        while cache.cache_short_term_lookup:  # pygame_gui packs one shape a frame
            cache.update()
        app.frame()
    return pygame.image.tobytes(app.window, "RGBA")


def test_screens_drawn_from_kept_shapes_are_pygame_gui_s(make_app: Any,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The main screen, its card and the charts, built with their shapes kept whole, show
    the same pixels as built with pygame_gui's packing cache."""
    from pygame_gui.core.surface_cache import SurfaceCache
    from test_screens import _start

    from game.ui.screen import Pop, Push
    from game.ui.screens.action import ActionScreen
    from game.ui.screens.charts import ChartsScreen
    from game.ui.widget_speedups import KeptShapeCache

    app = _start(make_app, "es", (1280, 720))
    theme = app.manager.get_theme()
    monkeypatch.setattr(theme, "shape_cache", theme.shape_cache)  # the process's, afterwards
    option = next(o for o in app.top.options() if o.possible)
    for screen in (None, ActionScreen(app, option), ChartsScreen(app)):
        if screen is not None:
            app.apply(Push(screen))
        packing, keeping = SurfaceCache(), KeptShapeCache()
        theirs = _screen_pixels(app, packing, monkeypatch)
        ours = _screen_pixels(app, keeping, monkeypatch)
        assert packing.cache_long_term_lookup and keeping.kept, app.top.name
        assert ours == theirs, app.top.name
        if screen is not None:
            app.apply(Pop())


def test_the_kept_shape_cache_gives_back_what_it_kept() -> None:
    """Hundreds of shapes of random sizes, added, used and let go: each one kept reads back
    with its own pixels, the most recently used are kept, the pixels kept stay within
    SHAPE_PIXELS, and a shape larger than pygame_gui would keep is not kept."""
    import random

    import pygame

    from game.ui import widget_speedups
    from game.ui.widget_speedups import KeptShapeCache

    cache = KeptShapeCache()
    chance = random.Random(5)
    colours: dict[str, tuple[int, int, int]] = {}
    budget_reached = False
    for frame in range(900):
        name = f"shape-{frame}"
        size = (chance.randint(1, 260), chance.choice([chance.randint(1, 40), 64, 120]))
        shape = pygame.Surface(size, pygame.SRCALPHA)
        colours[name] = (frame % 256, chance.randrange(256), 200)
        shape.fill((*colours[name], 255))
        cache.add_surface_to_cache(shape, name)
        cache.update()
        shape.fill((0, 0, 0, 0))  # the cache kept its own copy
        assert cache.find_surface_in_cache(name) is not None, frame
        if chance.random() < 0.3:
            cache.remove_user_from_cache_item(chance.choice(list(colours)))
        assert cache.kept_pixels <= widget_speedups.SHAPE_PIXELS
        assert cache.kept_pixels == sum(s.get_width() * s.get_height()
                                        for s in cache.kept.values())
        budget_reached |= cache.kept_pixels > widget_speedups.SHAPE_PIXELS * 0.95
    assert budget_reached
    kept = [name for name in colours if cache.find_surface_in_cache(name) is not None]
    assert 100 < len(kept) < len(colours)
    assert "shape-899" in kept and "shape-0" not in kept
    for name in kept:
        drawn = cache.find_surface_in_cache(name)
        assert drawn is not None and drawn.get_at((0, 0))[:3] == colours[name], name
    cache.remove_user_and_request_clean_up_of_cached_item("shape-899")
    assert cache.find_surface_in_cache("shape-899") is None
    cache.add_surface_to_cache(pygame.Surface((1025, 10), pygame.SRCALPHA), "wide")
    assert cache.find_surface_in_cache("wide") is None


def test_a_button_shown_from_a_remembered_look_behaves_as_pygame_gui_s(
        make_app: Any, monkeypatch: Any) -> None:
    """The second button of a size, class and text shows the first one's look without a
    drawable shape; pointed at, pressed, released, disabled and given a new text it builds
    one and shows pygame_gui's own pixels each time; left without being pointed at, or
    hidden and shown again with its screen, it needs none and still shows pygame_gui's
    pixels; a click on it is a click; a point in a rounded corner is outside it, as for
    pygame_gui's button."""
    import pygame
    import pygame_gui
    from pygame_gui.elements import UIButton

    from game.ui.widgets import button as buttons
    from game.ui.widgets.button import Button

    monkeypatch.setattr(buttons, "_LOOKS", OrderedDict())
    monkeypatch.setattr(buttons, "_LOOK_PIXELS", [0])
    app = make_app()
    manager = app.manager

    def pixels(button: Any) -> bytes:
        return pygame.image.tobytes(button.image, "RGBA")

    actions: list[tuple[str, Any]] = [
        ("pointed at", lambda b: b.on_hovered()), ("pressed", lambda b: b._set_active()),
        ("released", lambda b: b._set_inactive()), ("left", lambda b: b.on_unhovered()),
        ("selected", lambda b: b.select()), ("disabled", lambda b: b.disable()),
        ("new text", lambda b: b.set_text("Otro texto")),
        ("new size", lambda b: b.set_dimensions((200, 40))),
        ("hidden and shown", lambda b: (b.hide(), b.show()))]
    needs_no_shape = {"left", "hidden and shown"}
    for cls in (None, "@primary", "@card", "@row"):
        rect = pygame.Rect(300, 200, 240, 48)
        Button(rect, "Cerrar trimestre", manager, object_id=cls).kill()
        for name, act in actions:  # each on a button showing the remembered look
            ours = Button(rect, "Cerrar trimestre", manager, object_id=cls)
            theirs = UIButton(rect, "Cerrar trimestre", manager, object_id=cls)
            manager.update(1 / 60)
            assert ours.drawable_shape is None, cls  # the remembered look, no shape built
            assert pixels(ours) == pixels(theirs), (cls, "normal")
            for button in (ours, theirs):
                act(button)
            manager.update(1 / 60)
            assert (ours.drawable_shape is None) == (name in needs_no_shape), (cls, name)
            assert pixels(ours) == pixels(theirs), (cls, name)
            ours.kill()
            theirs.kill()

        ours = Button(rect, "Cerrar trimestre", manager, object_id=cls)
        theirs = UIButton(rect, "Cerrar trimestre", manager, object_id=cls)
        for corner in (rect.topleft, (rect.left + 1, rect.top + 1), rect.center):
            assert ours.hover_point(*corner) == theirs.hover_point(*corner), (cls, corner)
        ours.kill()
        theirs.kill()

    Button(pygame.Rect(300, 200, 240, 48), "Jugar", manager).kill()
    target = Button(pygame.Rect(300, 200, 240, 48), "Jugar", manager)
    assert target.drawable_shape is None
    pygame.event.clear()
    centre = target.rect.center
    for event in (pygame.event.Event(pygame.MOUSEMOTION, pos=centre, rel=(0, 0),
                                     buttons=(0, 0, 0)),
                  pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=centre, button=1),
                  pygame.event.Event(pygame.MOUSEBUTTONUP, pos=centre, button=1)):
        manager.process_events(event)
        manager.update(1 / 60)
    pressed = [e for e in pygame.event.get(pygame_gui.UI_BUTTON_PRESSED)
               if e.ui_element is target]
    assert len(pressed) == 1


def test_a_hidden_button_posts_events_only_if_the_pointer_was_on_it(make_app: Any) -> None:
    """Hidden with its screen, a button the pointer is not on posts nothing (pygame_gui posts
    two "unhovered" events for it); one the pointer is on is left as pygame_gui leaves it:
    the same events, and shown again, pygame_gui's normal pixels."""
    import pygame
    import pygame_gui
    from pygame_gui.elements import UIButton

    from game.ui.widgets.button import Button

    app = make_app()
    manager = app.manager
    rect = pygame.Rect(300, 200, 240, 48)

    def hidden_events(button: Any, pointed: bool) -> list[int]:
        at = rect.center if pointed else (5, 5)
        pygame.mouse.set_pos(at)
        pygame.event.pump()
        manager.process_events(pygame.event.Event(pygame.MOUSEMOTION, pos=at, rel=(0, 0),
                                                  buttons=(0, 0, 0)))
        manager.update(1 / 60)
        assert button.hovered == pointed
        pygame.event.clear()
        button.hide()
        posted = [e.type for e in pygame.event.get()]
        pygame.mouse.set_pos((5, 5))
        pygame.event.pump()
        button.show()
        manager.update(1 / 60)
        return posted

    unhovered = {pygame_gui.UI_BUTTON_ON_UNHOVERED, pygame.USEREVENT}
    for pointed in (False, True):
        seen = {}
        for kind in (Button, UIButton):  # one at a time: the pointer is on one button only
            button = kind(rect, "Ver gráficas", manager)
            posted = hidden_events(button, pointed)
            assert button.visible and not button.hovered
            seen[kind] = (posted, pygame.image.tobytes(button.image, "RGBA"))
            button.kill()
        assert set(seen[UIButton][0]) >= unhovered
        assert seen[Button][0] == (seen[UIButton][0] if pointed else []), pointed
        assert seen[Button][1] == seen[UIButton][1], pointed


def _element_rects(app: Any) -> list[tuple[str, tuple[int, int, int, int]]]:
    """Every element of the manager: its kind and where it is drawn, in order."""
    return [(type(e).__name__, tuple(e.get_abs_rect()))
            for e in app.manager.get_sprite_group().sprites()]


def test_screens_skipping_the_anchor_search_lay_out_as_with_it(
        make_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A screen built while containers skip pygame_gui's search for anchored elements has
    every element where pygame_gui's own search puts it; an element anchored to another turns
    the search back on, and still follows the element it is anchored to."""
    import pygame
    from pygame_gui.core import UIContainer
    from pygame_gui.elements import UIButton
    from test_screens import _start

    from game.ui import widget_speedups

    app = _start(make_app, "es", (1280, 720))
    assert getattr(UIContainer.on_contained_elements_changed, "skips", False)
    monkeypatch.setattr(widget_speedups, "_ELEMENT_ANCHORS", [False])
    app.top.rebuild()
    skipped = _element_rects(app)
    monkeypatch.setattr(widget_speedups, "_ELEMENT_ANCHORS", [True])  # search as pygame_gui does
    app.top.rebuild()
    assert _element_rects(app) == skipped

    monkeypatch.setattr(widget_speedups, "_ELEMENT_ANCHORS", [False])
    box = UIContainer(pygame.Rect(0, 0, 400, 100), app.manager)
    first = UIButton(pygame.Rect(10, 10, 80, 30), "A", app.manager, container=box)
    assert widget_speedups._ELEMENT_ANCHORS[0] is False
    second = UIButton(pygame.Rect(5, 10, 80, 30), "B", app.manager, container=box,
                      anchors={"left_target": first})
    assert widget_speedups._ELEMENT_ANCHORS[0] is True
    assert second.get_abs_rect().x == 95
    first.set_relative_position((40, 10))
    assert second.get_abs_rect().x == 125


def _text_boxes(app: Any) -> list[tuple[Any, ...]]:
    """What each text box of the top screen shows: its text, place, layout, scroll bar and
    pixels."""
    import pygame
    from pygame_gui.elements import UITextBox
    from test_screens import _belongs

    boxes = []
    for element in app.manager.get_sprite_group().sprites():
        if isinstance(element, UITextBox) and _belongs(element, app.top.root):
            bar = element.scroll_bar
            boxes.append((element.html_text, tuple(element.get_abs_rect()),
                          tuple(element.text_box_layout.layout_rect),
                          None if bar is None else round(bar.visible_percentage, 9),
                          pygame.image.tobytes(element.image, "RGBA")))
    return sorted(boxes)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_text_boxes_known_to_overflow_are_pygame_gui_s(make_app: Any,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       lang: str) -> None:
    """Screens whose texts overflow their boxes, built again (each overflowing text is then
    laid out only at the width left by its scroll bar), show every box as pygame_gui's own
    text box does: the same text, place, layout, scroll bar and pixels. A known text in a box
    with room for it has no scroll bar."""
    import pygame
    from pygame_gui.elements import UITextBox
    from test_screens import _start

    from game.ui import screen as screens
    from game.ui.screen import Pop, Push
    from game.ui.screens.help import HelpScreen
    from game.ui.screens.indicators import IndicatorsScreen
    from game.ui.widgets import text_box

    skipped: list[str] = []
    feed = text_box.TextBox._feed_parser

    def noting(self: Any) -> None:
        skipped.append(self.html_text)
        feed(self)

    monkeypatch.setattr(text_box.TextBox, "_feed_parser", noting)
    app = _start(make_app, lang, (1024, 600))
    for screen in (None, HelpScreen(app), IndicatorsScreen(app, app.top.region)):
        if screen is not None:
            app.apply(Push(screen))
        app.top.rebuild()  # the texts that overflowed are known now
        ours = _text_boxes(app)
        monkeypatch.setattr(screens, "TextBox", UITextBox)
        app.top.rebuild()
        theirs = _text_boxes(app)
        monkeypatch.setattr(screens, "TextBox", text_box.TextBox)
        assert ours == theirs, app.top.name
        if screen is not None:
            app.apply(Pop())
    assert skipped, "no text overflowed its box"
    assert all(box[3] is not None for box in ours if box[0] in skipped)

    long_text = skipped[0]
    small = text_box.TextBox(long_text, pygame.Rect(0, 0, 300, 60), app.manager)
    small.rebuild()
    assert small.scroll_bar is not None and skipped.count(long_text) >= 2
    roomy = text_box.TextBox(long_text, pygame.Rect(0, 0, 300, 6000), app.manager)
    assert roomy.scroll_bar is None
