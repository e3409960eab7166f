"""Numbers, money and percentages in the user's locale."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QLocale

from planner.domain.fields import Unit


def user_locale() -> QLocale:
    """The system locale, except the bare C/POSIX one (no grouping, symbol after the number),
    which nobody chooses to read money in: then US English."""
    locale = QLocale()
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return locale


def money(amount: Decimal, currency: str, locale: QLocale | None = None) -> str:
    locale = locale or user_locale()
    return locale.toCurrencyString(float(amount), _symbol(currency, locale))


def number(value: Decimal, unit: Unit, currency: str, locale: QLocale | None = None) -> str:
    """A value with its unit, e.g. "4.5 %/year", "$1,200.00/month", "12 months"."""
    locale = locale or QLocale()
    if unit.is_money:
        return money(value, currency, locale) + unit.suffix
    decimals = 0 if value == value.to_integral_value() else min(-value.normalize().as_tuple().exponent, 4)  # type: ignore[operator]
    text = locale.toString(float(value), "f", decimals)
    suffix = unit.suffix
    if not suffix:
        return text
    return f"{text} {suffix}" if not suffix.startswith("/") else f"{text}{suffix}"


def count(value: int, locale: QLocale | None = None) -> str:
    """A whole number with the locale's grouping: 10,000 or 10.000."""
    return (locale or user_locale()).toString(int(value))


def plural(number: int, noun: str) -> str:
    """ "1 stream", "3 streams", "0 scenarios" (English nouns with a plain -s plural)."""
    return f"{count(number)} {noun}{'' if number == 1 else 's'}"


def currency_symbol(currency: str) -> str:
    """The symbol the user's locale writes for the plan's currency ("$", "€", or the ISO code)."""
    return _symbol(currency, user_locale()).strip()


def _symbol(currency: str, locale: QLocale) -> str:
    if locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode) == currency:
        return locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)
    return {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}.get(currency, currency + " ")


def value_text(value: object) -> str:
    """Any stored value in words, for tooltips and the scenario table: yes/no, 4.5, Pay out, none
    (a month left empty: no end)."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if hasattr(value, "value"):
        return label(value.value)  # type: ignore[attr-defined]
    return str(value)


def label(key: str) -> str:
    """A stored enum value as words: "pay_out" -> "Pay out"."""
    return key.replace("_", " ").capitalize()


def parse_user_number(text: str, locale: QLocale | None = None) -> str:
    """Typed text as a plain decimal string for the domain's parser: the locale's grouping
    separators, currency symbols and spaces are dropped and its decimal point becomes '.'."""
    locale = locale or user_locale()
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    for symbol in {locale.currencySymbol(), "$", "€", "£", "¥"}:
        if symbol:
            cleaned = cleaned.replace(symbol, "")
    group, point = locale.groupSeparator(), locale.decimalPoint()
    if group and group != point:
        cleaned = cleaned.replace(group, "")
    return cleaned.replace(point, ".") if point != "." else cleaned
