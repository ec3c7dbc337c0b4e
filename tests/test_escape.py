"""pkc.escape: the escaping of every value a template outputs gives MarkupSafe's text, and templates use it."""
from __future__ import annotations

from pathlib import Path

import jinja2
import markupsafe
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pkc import escape as pkc_escape
from pkc.localize import Shown
from pkc.render import environment


@given(st.text())
def test_a_text_is_escaped_as_markupsafe_escapes_it(text: str) -> None:
    escaped = pkc_escape.escape(text)
    assert type(escaped) is markupsafe.Markup
    assert escaped == markupsafe.escape(text)


@pytest.mark.parametrize("value", [markupsafe.Markup("<b>&amp;</b>"), 12, 1.5, None, ("<", ">"),
                                   Shown("Åbo & <Turku>", "sv", "fi"), Shown("Turku", "fi", "fi")])
def test_markup_numbers_and_objects_with_html_are_escaped_as_markupsafe_escapes_them(value: object) -> None:
    escaped = pkc_escape.escape(value)
    assert type(escaped) is markupsafe.Markup
    assert escaped == markupsafe.escape(value)


def test_an_undefined_value_still_fails_the_page(tmp_path: Path) -> None:
    env = environment(tmp_path)
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("<p>{{ missing }}</p>").render()


def test_templates_output_values_through_it(tmp_path: Path) -> None:
    env = environment(tmp_path)
    source = env.compile('<p title="{{ title }}">{{ text }}</p>', raw=True)
    assert "from pkc.escape import escape" in source
    out = env.from_string('<p title="{{ title }}">{{ text }}</p>').render(
        title='"Perhe" & <lapset>', text=Shown("Familjecentret & <barn>", "sv", "fi"))
    assert out == ('<p title="&#34;Perhe&#34; &amp; &lt;lapset&gt;">'
                   '<span lang="sv">Familjecentret &amp; &lt;barn&gt;</span></p>')
