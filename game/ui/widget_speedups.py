"""Exact speed-ups for pygame_gui 0.6, which the game's screens rebuild all the time.

pygame_gui measures a text by drawing it (a whole render, thrown away), and keys its theme
look-ups with a string made by joining the ids into each other (`str(a).join(str(b))`, a long
string for every element, which it also keeps). Both answers depend only on their inputs,
so remembering them is exact, as is sharing its cache of drawn shapes between managers and
keeping each shape whole instead of packing it: `tests/ui/test_widget_speedups.py` compares
them with pygame_gui's own. A rebuilt screen
asks for the same texts, ids and shapes again, and gets its answers without the work. And
pygame_gui's own catalog is kept off the translation path, and a container stops looking for
elements anchored to the one just added while no element anywhere is anchored to another.
"""

from __future__ import annotations

import json
import os
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import i18n  # python-i18n: pygame_gui's own translation library
import pygame
import pygame_gui
from pygame_gui.core import UIContainer, UIElement
from pygame_gui.core.gui_font_pygame import GUIFontPygame
from pygame_gui.core.surface_cache import SurfaceCache
from pygame_gui.core.ui_appearance_theme import UIAppearanceTheme
from pygame_gui.core.ui_font_dictionary import UIFontDictionary
from pygame_gui.elements import UIForm

REMEMBERED_TEXTS = 20_000
"""Text sizes one font remembers before it forgets them all (a few MB at most)."""

Ids = list[str | None] | None
"""One of pygame_gui's id lists (element ids are never None inside)."""


def _frozen(ids: Ids | list[str]) -> tuple[str | None, ...] | None:
    """A hashable copy of one of pygame_gui's id lists."""
    return None if ids is None else tuple(ids)


class RememberingTheme(UIAppearanceTheme):
    """pygame_gui's theme, remembering each element's combined ids by a cheap key."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._ids_by_key: dict[tuple[Any, ...], list[str]] = {}
        self.remembered_theming: dict[Hashable, dict[str, Any]] = {}
        """What elements read from this theme, by element kind, locale and combined ids
        (see widgets/label.py); forgotten when the theme loads other data."""
        self.overflowing_texts: set[Hashable] = set()
        """Texts known to overflow their text boxes under this theme (widgets/text_box.py);
        forgotten when the theme loads other data."""
        self.shape_cache = shared_shape_cache()

    def build_all_combined_ids(self, element_base_ids: Ids, element_ids: list[str] | None,
                               class_ids: Ids, object_ids: Ids) -> list[str]:
        """The same list pygame_gui builds (and caches), found by a tuple key."""
        key = (_frozen(element_base_ids), _frozen(element_ids), _frozen(class_ids),
               _frozen(object_ids))
        ids = self._ids_by_key.get(key)
        if ids is None:
            ids = super().build_all_combined_ids(element_base_ids, element_ids, class_ids,
                                                 object_ids)
            # pygame_gui keeps its own copy under its joined key, which for a nested element
            # runs to hundreds of KB (28 MB after a term): this cache serves it instead.
            self.unique_theming_ids.clear()
            self._ids_by_key[key] = ids
        return ids

    def load_theme(self, *args: Any, **kwargs: Any) -> None:
        """Load a theme; ids and theming remembered under the old one are forgotten."""
        self._ids_by_key = {}
        self.remembered_theming = {}
        self.overflowing_texts = set()
        super().load_theme(*args, **kwargs)


SHAPE_PIXELS = 3 * 1024 * 1024
"""Pixels of drawn shapes the process keeps (12 MB): what pygame_gui's own cache holds at
most, in its three 1024x1024 surfaces."""
SHAPE_SIDE = 1024
"""Longest side of a shape that is kept (pygame_gui keeps nothing larger either)."""


class KeptShapeCache(SurfaceCache):
    """pygame_gui's shape cache, keeping each drawn shape as its own surface.

    pygame_gui packs one shape a frame into its long-term surfaces, splitting and tidying
    their free rectangles in Python: with the hundreds of free rectangles a played game
    leaves, several milliseconds a frame, and 5 % of building the screens in the tests. Its
    shapes are found by an id that names everything drawn (size, borders, colours, corners),
    and every user copies the surface it is given, so a shape kept whole gives the same
    pixels without the packing. The most recently used shapes are kept, up to SHAPE_PIXELS.
    """

    def __init__(self) -> None:
        super().__init__()
        self.cache_surfaces.clear()  # no packing surfaces: 4 MB that would stay empty
        self.kept: OrderedDict[str, pygame.Surface] = OrderedDict()
        self.kept_pixels = 0

    def add_surface_to_cache(self, surface: pygame.Surface, string_id: str) -> None:
        """Keep a copy of a shape drawn for `string_id`, forgetting the least recently used
        shapes beyond SHAPE_PIXELS."""
        width, height = surface.get_size()
        if width > SHAPE_SIDE or height > SHAPE_SIDE:
            return
        old = self.kept.pop(string_id, None)
        if old is not None:
            self.kept_pixels -= old.get_width() * old.get_height()
        self.kept[string_id] = surface.copy()
        self.kept_pixels += width * height
        while self.kept_pixels > SHAPE_PIXELS:
            _, gone = self.kept.popitem(last=False)
            self.kept_pixels -= gone.get_width() * gone.get_height()

    def update(self) -> None:
        """Nothing to move between caches: a shape is kept as it is added."""

    def find_surface_in_cache(self, lookup_id: str) -> pygame.Surface | None:
        """The shape kept for an id (its user copies it), or None."""
        surface = self.kept.get(lookup_id)
        if surface is not None:
            self.kept.move_to_end(lookup_id)
        return surface

    def remove_user_from_cache_item(self, string_id: str) -> None:
        """A shape's user is gone; the shape stays while it is among the recently used."""

    def remove_user_and_request_clean_up_of_cached_item(self, string_id: str) -> None:
        """Forget a shape that will not be used again soon."""
        gone = self.kept.pop(string_id, None)
        if gone is not None:
            self.kept_pixels -= gone.get_width() * gone.get_height()


_SHAPES: list[SurfaceCache] = []
"""The one shape cache of this process (empty until the first theme asks for it)."""


def shared_shape_cache() -> SurfaceCache:
    """pygame_gui's cache of drawn shapes, one for every theme and manager of the process.

    A shape is found by an id naming its size, borders, shadow, colours and corners, so the
    same id draws the same pixels under any theme: a theme loaded again (after a
    pygame.quit()) reuses the buttons drawn before instead of drawing each again, four times
    larger for its anti-aliasing. And the themes the process keeps (REMEMBERED_THEMES) share
    one cache, of SHAPE_PIXELS at most, instead of one each.
    """
    if not _SHAPES:
        _SHAPES.append(KeptShapeCache())
    return _SHAPES[0]


REMEMBERED_THEMES = 4
"""Loaded themes one process keeps (a scale and a look each: 100 %, 150 %, projector...)."""

_THEMES: OrderedDict[str, RememberingTheme] = OrderedDict()
"""Loaded themes by their data (dropped when pygame is quit and their fonts end)."""


def _fonts_alive(theme: UIAppearanceTheme) -> bool:
    """Whether a theme's fonts still draw (pygame_gui's fonts end with a pygame.quit())."""
    try:
        theme.get_font_dictionary().get_default_font().render_premul(" ", pygame.Color(0, 0, 0))
    except pygame.error:
        return False
    return True


class UIManager(pygame_gui.UIManager):
    """pygame_gui's manager with the remembering theme, loaded once per theme data.

    Loading parses pygame_gui's default theme and then the game's, colour by colour: about
    40 ms, every time a scale, a window or a new game's App makes a manager. The same data
    loads the same theme, so a manager reuses the one loaded for that data (its fonts are
    loaded; pygame_gui keeps nothing of a manager in it).
    """

    def create_new_theme(self, theme_path: Any = None) -> UIAppearanceTheme:
        """As pygame_gui's, with a RememberingTheme, reused for the same theme data."""
        key = json.dumps(theme_path, sort_keys=True) if isinstance(theme_path, dict) else None
        if key is not None and key in _THEMES:
            if _fonts_alive(_THEMES[key]):
                _THEMES.move_to_end(key)
                return _THEMES[key]
            _THEMES.clear()  # pygame was quit: every remembered theme's fonts are gone
        theme = RememberingTheme(self.resource_loader, self._locale)
        if theme_path is not None:
            theme.load_theme(theme_path)
        if key is not None:
            _THEMES[key] = theme
            while len(_THEMES) > REMEMBERED_THEMES:
                _THEMES.popitem(last=False)
        return theme


_SIZES_BY_FONT: dict[str, dict[str, pygame.Rect]] = {}
"""Remembered text sizes by pygame_gui's font id, which names the font, its style, its
antialiasing and its size: every manager of this process loads the same file for one id, so
a new manager (a new scale, language or test) starts with what the last one measured."""


def _remembering(measure: Callable[[str], pygame.Rect],
                 sizes: dict[str, pygame.Rect]) -> Callable[[str], pygame.Rect]:
    """`measure` remembering its answers in `sizes` (a copy each time: callers move rects)."""

    def get_rect(text: str) -> pygame.Rect:
        rect = sizes.get(text)
        if rect is None:
            if len(sizes) >= REMEMBERED_TEXTS:
                sizes.clear()
            rect = sizes[text] = measure(text)
        return rect.copy()

    get_rect.remembering = True  # type: ignore[attr-defined]
    return get_rect


def remember_text_sizes(manager: pygame_gui.UIManager) -> None:
    """Make every font loaded so far remember its text sizes."""
    fonts = manager.get_theme().get_font_dictionary()
    assert isinstance(fonts, UIFontDictionary)
    for font_id, resource in fonts.loaded_fonts.items():
        font = getattr(resource, "loaded_font", None)
        if isinstance(font, GUIFontPygame) and not getattr(font.get_rect, "remembering", False):
            sizes = _SIZES_BY_FONT.setdefault(str(font_id), {})
            font.get_rect = _remembering(font.get_rect, sizes)  # type: ignore[method-assign, assignment]


WIDGET_CATALOG = os.path.normpath(Path(pygame_gui.__file__).parent / "data" / "translations")
"""pygame_gui's own catalog: words for its built-in dialogs, which the game never opens."""


def forget_widget_catalog() -> None:
    """Take pygame_gui's catalog off python-i18n's search path (where each manager adds it).

    Every text the game shows comes already translated from its own catalogs, yet pygame_gui
    looks each one up again: a miss on a text with a dot lists each directory on the path, and
    a new manager (a new scale, language or test) adds the catalog once more, so drawing got
    slower all session. With the path empty a miss costs nothing, and texts are unchanged.
    """
    i18n.load_path[:] = [path for path in i18n.load_path
                         if os.path.normpath(path) != WIDGET_CATALOG]


_ELEMENT_ANCHORS = [False]
"""Whether an element of this process was ever anchored to another element (the game anchors
none; pygame_gui's forms and file dialogs do)."""


def _noting_element_anchors(set_anchors: Callable[..., None]) -> Callable[..., None]:
    """pygame_gui's `set_anchors`, noting when an element is anchored to another (its own
    search, at the end, could find nothing yet: no element was anchored to another before)."""

    def noting(self: UIElement, *args: Any, **kwargs: Any) -> None:
        set_anchors(self, *args, **kwargs)
        if self.get_anchor_targets():
            _ELEMENT_ANCHORS[0] = True

    noting.__name__ = noting.__qualname__ = "set_anchors"
    noting.__doc__ = set_anchors.__doc__
    return noting


def _anchoring_first(init: Callable[..., None]) -> Callable[..., None]:
    """A form's set-up, which writes anchors between its own elements itself: from the first
    form on, containers search as pygame_gui does."""

    def setting_up(self: Any, *args: Any, **kwargs: Any) -> None:
        _ELEMENT_ANCHORS[0] = True
        init(self, *args, **kwargs)

    setting_up.__name__ = setting_up.__qualname__ = "__init__"
    return setting_up


def _only_with_element_anchors(changed: Callable[..., None]) -> Callable[..., None]:
    """pygame_gui's update of the elements anchored to one that moved, skipped while no
    element is anchored to another (it would find none)."""

    def on_contained_elements_changed(self: UIContainer, target: Any) -> None:
        if _ELEMENT_ANCHORS[0]:
            changed(self, target)

    return on_contained_elements_changed


def skip_anchor_search() -> None:
    """Stop containers searching all their elements for anchors on each one added or moved.

    pygame_gui asks every element of a container whether it is anchored to the one just
    added, moved or resized: for a screen of 70 elements, 2,500 questions each build (8 % of
    building the main screen), all answered "no" in a game that anchors nothing to an element.
    The search runs as before from the first element anchored to another, through
    `set_anchors` or a form (which writes its own anchors); the game makes neither.
    """
    if getattr(UIContainer.on_contained_elements_changed, "skips", False):
        return
    UIElement.set_anchors = _noting_element_anchors(  # type: ignore[method-assign]
        UIElement.set_anchors)
    UIForm.__init__ = _anchoring_first(UIForm.__init__)  # type: ignore[method-assign]
    skipping = _only_with_element_anchors(UIContainer.on_contained_elements_changed)
    skipping.skips = True  # type: ignore[attr-defined]
    UIContainer.on_contained_elements_changed = skipping  # type: ignore[method-assign]
