"""The pygame_gui speed-ups give pygame_gui's own answers, and its catalog stays off the path."""

from __future__ import annotations

from typing import Any

import i18n
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
