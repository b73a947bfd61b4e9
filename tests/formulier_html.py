"""Read a page's own forms and the query parameters its links use, from the rendered HTML: the
bad-input pass of the access sweep (test_access_sweep_invoer.py) fills them in as a browser
would, so a form added to any page is probed the day it is added."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

# Formset rows repeat one form: the first row stands for all of them.
_RIJ = re.compile(r"-\d+-")


@dataclass
class Veld:
    name: str
    soort: str  # text, textarea, select, radio, checkbox, hidden, file, password, ...
    waarde: str = ""
    keuzes: list[str] = field(default_factory=list)
    aangevinkt: bool = False
    numeriek: bool = False  # inputmode="numeric": a date, a number typed as text


@dataclass
class Formulier:
    method: str
    action: str
    velden: list[Veld] = field(default_factory=list)

    def basis(self) -> dict[str, str | list[str]]:
        """What a browser sends for the form as rendered (files left out)."""
        data: dict[str, list[str]] = {}
        for veld in self.velden:
            if veld.soort == "file":
                continue
            if veld.soort in ("checkbox", "radio"):
                if veld.aangevinkt:
                    data.setdefault(veld.name, []).append(veld.waarde)
                continue
            if veld.soort == "select":
                waarde = veld.waarde or next((k for k in veld.keuzes if k), "")
                data.setdefault(veld.name, []).append(waarde)
                continue
            data.setdefault(veld.name, []).append(veld.waarde)
        return {k: v[0] if len(v) == 1 else v for k, v in data.items()}

    def te_proberen(self) -> list[Veld]:
        """One field per name, formset rows folded into the first; no files, no token."""
        gezien: set[str] = set()
        velden = []
        for veld in self.velden:
            rij = _RIJ.search(veld.name)
            if veld.soort == "file" or veld.name == "csrfmiddlewaretoken" or veld.name in gezien:
                continue
            if rij and rij.group() != "-0-":
                continue
            gezien.add(veld.name)
            velden.append(veld)
        return velden


class _Lezer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.formulieren: list[Formulier] = []
        self.parameters: set[str] = set()
        self._formulier: Formulier | None = None
        self._select: Veld | None = None
        self._textarea: Veld | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and "?" in a.get("href", ""):
            self.parameters |= {k for k, _v in parse_qsl(urlsplit(a["href"]).query, True)}
        if tag == "form":
            self._formulier = Formulier(a.get("method", "get").lower(), a.get("action", ""))
            self.formulieren.append(self._formulier)
        if self._formulier is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._optie(a)
            return
        if tag == "input":
            soort = a.get("type", "text").lower()
            if soort in ("submit", "button", "reset", "image"):
                return
            self._formulier.velden.append(
                Veld(
                    a["name"],
                    soort,
                    a.get("value", "on" if soort in ("checkbox", "radio") else ""),
                    aangevinkt="checked" in a,
                    numeriek=a.get("inputmode") == "numeric",
                )
            )
        elif tag == "select":
            self._select = Veld(a["name"], "select")
            self._formulier.velden.append(self._select)
        elif tag == "textarea":
            self._textarea = Veld(a["name"], "textarea")
            self._formulier.velden.append(self._textarea)

    def _optie(self, a: dict[str, str]) -> None:
        assert self._select is not None
        self._select.keuzes.append(a.get("value", ""))
        if "selected" in a:
            self._select.waarde = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.waarde += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._formulier = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def lees(html: str, pad: str) -> tuple[list[Formulier], set[str]]:
    """The page's own forms (posting to the page itself, not the layout's language, log-out
    and organisation forms) and every query parameter name its links and GET forms use."""
    lezer = _Lezer()
    lezer.feed(html)
    eigen = [f for f in lezer.formulieren if f.action in ("", pad) or f.action.startswith("?")]
    parameters = set(lezer.parameters)
    for formulier in eigen:
        if formulier.method == "get":
            parameters |= {v.name for v in formulier.velden}
    return eigen, parameters
