"""Numbers in the reader's locale: decimal comma in Spanish, point in English, via babel."""

import pytest

from ui import numbers


@pytest.mark.parametrize(
    ("typed", "lang", "value"),
    [
        ("0,5", "es", 0.5),
        ("0.5", "en", 0.5),
        ("-2,5", "es", -2.5),
        ("1e-5", "es", 1e-5),
        ("1,5e-3", "es", 1.5e-3),
        ("1.000", "es", 1000.0),
        (" 3 ", "en", 3.0),
        ("\u22121,5", "es", -1.5),
    ],
)
def test_parse_reads_the_locales_numbers(typed, lang, value):
    assert numbers.parse(typed, lang) == pytest.approx(value)


def test_a_spanish_reader_is_told_how_to_write_a_decimal():
    with pytest.raises(ValueError, match="0,5"):
        numbers.parse("0.5", "es")


@pytest.mark.parametrize(
    ("typed", "lang"), [("abc", "en"), ("", "es"), ("1,,2", "en"), ("nan", "en")]
)
def test_parse_refuses_what_is_not_a_number_in_the_readers_words(typed, lang):
    with pytest.raises(ValueError) as refused:
        numbers.parse(typed, lang)
    words = "no es un número" if lang == "es" else "is not a number"
    assert words in str(refused.value)


def test_lists_use_semicolons_in_spanish_and_commas_in_english():
    assert numbers.parse_list("3,0; 1,0; 0,2", "es") == [3.0, 1.0, 0.2]
    assert numbers.parse_list("3.0, 1.0, 0.2", "en") == [3.0, 1.0, 0.2]
    assert numbers.parse_list("3.0; 1.0", "en") == [3.0, 1.0]
    assert numbers.format_list([3.0, 0.25], lang="es") == "3; 0,25"
    assert numbers.parse_list(numbers.format_list([3.0, 0.25], lang="es"), "es") == [3.0, 0.25]


def test_shown_numbers_follow_the_locale():
    assert numbers.fmt(0.03125, 3, "es") == "0,0312"
    assert numbers.fmt(0.03125, 3, "en") == "0.0312"
    assert numbers.fmt(0.00001, 6, "es") == "0,00001"
    assert numbers.fixed(2.5, 2, "es") == "2,50"
    assert numbers.percent(0.125, 1, "es") == "12,5 %"
    assert numbers.percent(0.125, 1, "en") == "12.5%"
    assert numbers.plotly_separators("es") == ",."
    assert numbers.plotly_separators("en") == ".,"


def test_templates_write_their_numbers_in_their_language():
    from ui import text

    line = "J = {loss:.3f}, {acc:.0%}, α = {lr}, {n} epochs, {d:+.2f}"
    values = {"loss": 0.5, "acc": 0.953, "lr": 0.03, "n": 12, "d": 0.25}
    assert (
        text.Template(line, "es").format(**values) == "J = 0,500, 95 %, α = 0,03, 12 epochs, +0,25"
    )
    assert text.Template(line, "en").format(**values) == line.format(**values)
    assert text.Template("{name}: {x:>6}", "es").format(name="a", x="b") == "a:      b"
    assert isinstance(text.load("common", "es")["numbers"]["invalid"], text.Template)
