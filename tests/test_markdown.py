"""Markdown is rendered without raw HTML and sanitized with an allow-list."""
from __future__ import annotations

from pkc.markdown import first_sentence, render_markdown


def test_raw_html_and_scripts_never_survive() -> None:
    html = render_markdown('Hei <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))')
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html  # shown as text, as the editor typed it


def test_headings_start_at_the_requested_level() -> None:
    html = render_markdown("# Otsikko\n\n## Alaotsikko\n", top_level=3)
    assert html.startswith("<h3>Otsikko</h3>")
    assert "<h4>Alaotsikko</h4>" in html


def test_links_get_noopener_and_keep_tel_and_mailto() -> None:
    html = render_markdown("[Soita](tel:+358400001234) tai [kirjoita](mailto:a@b.example)")
    assert 'href="tel:+358400001234"' in html and 'href="mailto:a@b.example"' in html


def test_first_sentence_is_plain_text() -> None:
    assert first_sentence("Neuvola **tukee** perheitä. Toinen lause.") == "Neuvola tukee perheitä."
    assert first_sentence("Sana " * 80).endswith("…")
