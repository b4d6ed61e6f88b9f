"""The glossary and findings browser: plain-language terms, and the research with citations."""

from __future__ import annotations

import html

from game.core.i18n import load_catalog
from game.ui.screen import Pop, Screen, Transition

FINDING_IDS: tuple[str, ...] = tuple(f"F{i}" for i in range(1, 17))


def glossary_terms(lang: str) -> list[str]:
    """Return the glossary's term ids, in the catalog's order when it gives one."""
    catalog = load_catalog(lang)
    english = load_catalog("en")
    order = catalog.get("glossary.order") or english.get("glossary.order")
    if order:
        return [t.strip() for t in order.replace(",", " ").split() if t.strip()]
    keys = set(catalog) | set(english)
    terms = {k.split(".")[1] for k in keys if k.startswith("glossary.") and k.endswith(".term")}
    return sorted(terms)


class LibraryScreen(Screen):
    """Two tabs, a list on the left and the chosen entry on the right."""

    name = "library"
    changes_nothing = True

    def __init__(self, app: object, tab: str = "glossary", selected: str | None = None) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.tab = tab
        self.selected = selected

    def items(self) -> list[tuple[str, str]]:
        """Return (id, title) for every entry of the current tab."""
        if self.tab == "glossary":
            return [(term, self.t(f"glossary.{term}.term"))
                    for term in glossary_terms(self.app.settings.lang)]
        pack = self.app.session.pack
        ids = sorted(pack.findings, key=lambda f: int(f[1:])) if pack else list(FINDING_IDS)
        return [(fid, f"{fid} · {self.t(f'finding.{fid}.title')}") for fid in ids]

    def layout(self) -> None:
        """Build tabs, the list and the entry text."""
        self.label(self.R(64, 28, 700, 44), self.t("ui.library.title"), "@heading")
        x = 64.0
        for tab in ("glossary", "findings"):
            self.button(self.R(x, 80, 200, 40), self.t(f"ui.library.{tab}"),
                        self.assign(tab=tab, selected=None, page=0),
                        cls="@primary" if tab == self.tab else None)
            x += 210
        items = self.items()
        room = self.height - 136 - 130
        shown, pages = self.paged(items, max(3, int(room // 38)))
        if self.selected is None and items:
            self.selected = items[0][0]
        y = 136.0
        for item_id, title in shown:
            cls = "@primary" if item_id == self.selected else "@flat"
            self.button(self.R(64, y, 380, 34),
                        self.fitted(380, cls, title, self.first_line(title, 364, cls),
                                    element="button"),
                        self.assign(selected=item_id), tip=title, cls=cls)
            y += 38
        self.page_row(64, self.height - 120, 380, pages, 120, 36)
        if not items:
            self.label(self.R(64, 140, 380, 30), self.t("ui.library.empty"), "@muted")
        self.text(self.R(470, 136, self.width - 534, self.height - 220), self.entry_html(),
                  "@boxed")
        self.button(self.R(64, self.height - 68, 180, 44), self.t("ui.common.back"), self.close,
                    cls="@primary")

    def entry_html(self) -> str:
        """Return the chosen entry as text-box HTML."""
        if self.selected is None:
            return ""
        if self.tab == "glossary":
            term = self.selected
            return (f"<b>{html.escape(self.t(f'glossary.{term}.term'))}</b><br><br>"
                    f"{html.escape(self.t(f'glossary.{term}.text'))}")
        return finding_html(self, self.selected)

    def close(self) -> Transition:
        """Leave the library."""
        return Pop()


def finding_html(screen: Screen, fid: str) -> str:
    """Describe a finding with its citations, as text-box HTML."""
    parts = [f"<b>{fid} · {html.escape(screen.t(f'finding.{fid}.title'))}</b><br><br>",
             html.escape(screen.t(f"finding.{fid}.text")), "<br><br>",
             f"<b>{html.escape(screen.t('ui.library.sources'))}</b><br>"]
    pack = screen.app.session.pack
    finding = pack.findings.get(fid) if pack else None
    for cid in finding.citations if finding else []:
        parts.append("• " + html.escape(screen.t(f"citation.{cid}")) + "<br>")
    if finding is None:
        parts.append(html.escape(screen.t("ui.library.no_sources")))
    return "".join(parts)

