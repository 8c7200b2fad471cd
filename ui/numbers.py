"""Numbers as a reader writes them: decimal comma in Spanish, decimal point in English (babel).

Every number a page shows in text goes through `fmt` (or `fixed`, `percent`), every number a
person types through `parse` or `parse_list`, and every Plotly figure gets `plotly_separators()`.
No string replacement: babel knows each locale's symbols, and a value that does not read as a
number in the page's language is a ValueError with a message in that language.
"""

import re
import string
from decimal import Decimal, InvalidOperation
from functools import cache

import numpy as np
from babel.numbers import (
    NumberFormatError,
    format_decimal,
    format_scientific,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)

from ui import text


def lang_or_current(lang: str | None) -> str:
    return lang or text.current_lang()


def fmt(x: float, digits: int = 3, lang: str | None = None) -> str:
    """`x` with `digits` significant digits, as Python's :.{digits}g, in the reader's locale."""
    return _format(Decimal(f"{float(x):.{digits}g}"), lang_or_current(lang))


def fixed(x: float, decimals: int = 2, lang: str | None = None) -> str:
    """`x` with exactly `decimals` decimals, as Python's :.{decimals}f, in the reader's locale."""
    value = Decimal(f"{float(x):.{decimals}f}")
    if not value.is_finite():
        return str(float(value))
    pattern = "0." + "0" * decimals if decimals else "0"
    return format_decimal(value, format=pattern, locale=lang_or_current(lang))


def written(x: float, lang: str | None = None) -> str:
    """`x` as a person types it: at least one decimal, as many as it needs (3.0, 0.0002, 1e-08 as
    0.00000001), in the reader's locale."""
    return format_decimal(
        Decimal(repr(float(x))), format="0.0#########", locale=lang_or_current(lang)
    )


def count(n: int, lang: str | None = None) -> str:
    """A whole number with the locale's thousands separator: 407050 -> '407.050' in Spanish."""
    return format_decimal(int(n), locale=lang_or_current(lang))


def percent(x: float, decimals: int = 1, lang: str | None = None) -> str:
    """A share in [0, 1] as a percentage: 0.125 -> '12,5 %' in Spanish, '12.5%' in English."""
    value = fixed(100 * x, decimals, lang)
    return f"{value} %" if lang_or_current(lang) == "es" else f"{value}%"


def _format(value: Decimal, lang: str) -> str:
    if not value.is_finite():
        return str(float(value))
    return format_decimal(value, locale=lang, decimal_quantization=False, group_separator=False)


def parse(typed: str, lang: str | None = None) -> float:
    """A typed number in the reader's locale ('0,5' in Spanish, '0.5' in English, '1e-3' in both).

    Raises ValueError with a message in the page's language, never reinterpreting: in Spanish
    '0.5' is refused with a hint to write '0,5'."""
    lang = lang_or_current(lang)
    words = text.load("common", lang)["numbers"]
    typed = str(typed)
    clean = typed.strip().replace("\u2212", "-")  # a typographic minus reads as a minus
    try:
        value = float(parse_decimal(clean, locale=lang, strict=True))
    except (NumberFormatError, InvalidOperation, ValueError) as exc:
        hints = getattr(exc, "suggestions", None) or []
        hint = words["hint"].format(suggestion=hints[-1]) if hints else ""
        raise ValueError(words["invalid"].format(value=typed.strip(), hint=hint).strip()) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(words["invalid"].format(value=typed.strip(), hint="").strip())
    return value


def list_separator(lang: str | None = None) -> str:
    """What separates numbers in a typed list: ';' in Spanish (the comma is decimal), ', ' in
    English."""
    return "; " if lang_or_current(lang) == "es" else ", "


def parse_list(typed: str, lang: str | None = None) -> list[float]:
    """'3,0; 1,0; 0,2' in Spanish or '3.0, 1.0, 0.2' in English -> [3.0, 1.0, 0.2]. A semicolon
    separates numbers in both languages; in English a comma does too."""
    lang = lang_or_current(lang)
    parts = str(typed).replace(";", "\n")
    if lang != "es":
        parts = parts.replace(",", "\n")
    return [parse(part, lang) for part in parts.split("\n") if part.strip()]


def format_list(values, digits: int = 3, lang: str | None = None) -> str:
    """The inverse of parse_list, for a text box's starting value."""
    return list_separator(lang).join(fmt(v, digits, lang) for v in values)


def plotly_separators(lang: str | None = None) -> str:
    """Plotly's layout.separators: the decimal symbol, then the thousands symbol."""
    lang = lang_or_current(lang)
    return get_decimal_symbol(lang) + get_group_symbol(lang)


def d3_locale(lang: str | None = None) -> dict:
    """A Vega-Lite config.locale.number entry for the reader's locale."""
    lang = lang_or_current(lang)
    return {
        "decimal": get_decimal_symbol(lang),
        "thousands": get_group_symbol(lang),
        "grouping": [3],
        "currency": ["", ""],
    }


# A format spec this module writes in a locale: sign, grouping, precision and type ("+,.3f").
SPEC = re.compile(r"^(?P<plus>\+)?(?P<group>,)?(?:\.(?P<digits>\d+))?(?P<kind>[fF%gGeEd])?$")


class LocaleFormatter(string.Formatter):
    """str.format whose numbers follow a locale; anything else is formatted as Python does."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value, spec: str) -> str:
        is_number = isinstance(value, (int, float, np.number)) and not isinstance(value, bool)
        match = SPEC.match(spec)
        if self.lang == "en" or not is_number or match is None:
            return format(value, spec)
        return localized(value, match, self.lang)


def localized(value, spec: re.Match, lang: str) -> str:
    """A number as the spec asks, written with babel in `lang` (decimal comma in Spanish)."""
    kind, digits = spec["kind"], spec["digits"]
    if kind in ("f", "F"):
        out = fixed(value, int(digits or 6), lang)
    elif kind == "%":
        out = percent(value, int(digits or 6), lang)
    elif kind in ("e", "E"):
        pattern = "0." + "0" * int(digits or 6) + "E00" if digits != "0" else "0E00"
        out = format_scientific(Decimal(repr(float(value))), format=pattern, locale=lang)
    elif kind == "d" or isinstance(value, (int, np.integer)):
        out = format_decimal(int(value), locale=lang, group_separator=bool(spec["group"]))
    elif digits is not None or kind:  # g, G: six significant digits unless told
        out = fmt(value, int(digits or 6), lang)
    else:  # {x} of a float: Python's shortest digits that read back the same value
        out = _format(Decimal(repr(float(value))), lang)
    return f"+{out}" if spec["plus"] and value >= 0 else out


@cache
def formatter(lang: str) -> LocaleFormatter:
    return LocaleFormatter(lang)
