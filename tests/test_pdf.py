"""render_to_pdf: real WeasyPrint bytes, HTML for assertions, only the portal's static files."""

import logging

import pytest

from duaal.pdf import ForbiddenResource, render_to_pdf, static_only_url_fetcher


def test_it_renders_html_and_a_pdf_with_the_print_stylesheet(tmp_path, caplog, settings) -> None:
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    (tmp_path / "doc.html").write_text(
        '{% extends "pdf/base.html" %}{% block content %}<h1>Opleidingsovereenkomst {{ naam }}'
        "</h1>{% endblock %}"
    )
    with caplog.at_level(logging.ERROR):
        html, pdf, pages = render_to_pdf("doc.html", {"naam": "Ann Peeters"})
    assert "Opleidingsovereenkomst Ann Peeters" in html
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    assert pages == 1
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/x.css",
        "file:///etc/passwd",
        "https://portaal.invalid/static/../settings.py",
        "https://portaal.invalid/static/does-not-exist.css",
    ],
)
def test_the_fetcher_refuses_anything_but_the_portals_static_files(url: str) -> None:
    with pytest.raises(ForbiddenResource):
        static_only_url_fetcher(url)


def test_the_fetcher_serves_the_print_stylesheet() -> None:
    result = static_only_url_fetcher("https://portaal.invalid/static/css/print.css")
    assert result["mime_type"] == "text/css" and b"@page" in result["string"]
