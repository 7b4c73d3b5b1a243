"""Translation and locale-aware formatting for UI code.

``lupdate`` files a bare ``tr("...")`` call under the empty context, so that is the context
these helpers ask for at run time; classes use ``self.tr`` and their own class context.
German ships in viewer/resources/translations (see scripts/update-translations). Numbers and
dates go through QLocale so that German shows "2,8 s" and "Samstag, 17. August 2024".
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate ``text``; with ``n``, pick the plural form and replace ``%n``.

    English has no catalogue, so an English "%n file(s)" is resolved here.
    """
    translated = QCoreApplication.translate("", text, disambiguation, n)
    if n >= 0 and "(s)" in translated:
        translated = translated.replace("(s)", "" if n == 1 else "s")
    return translated


def seconds(value: float, decimals: int = 1) -> str:
    return f"{QLocale().toString(float(value), 'f', decimals)} s"


def signed_seconds(value: float, decimals: int = 1) -> str:
    sign = "+" if value >= 0 else "−"
    return f"{sign}{seconds(abs(value), decimals)}"


def percent(fraction: float) -> str:
    return f"{QLocale().toString(round(fraction * 100))} %"


def local_date_time(moment: datetime) -> QDateTime:
    """``moment`` in the computer's zone (a naive one is taken to be in it already)."""
    return QDateTime.fromMSecsSinceEpoch(round(moment.timestamp() * 1000))


def long_local_time(moment: datetime) -> str:
    """A full, localised date and time in the computer's zone: "Samstag, 17. August 2024"."""
    local = local_date_time(moment)
    locale = QLocale()
    # The locale's own long date ("17. August" in German, "August 17" in English), then a
    # 24-hour time with the zone: times are compared with logs, so no AM/PM.
    day = locale.toString(local.date(), QLocale.FormatType.LongFormat)
    return f"{day}, {locale.toString(local, 'HH:mm:ss t')}"


def locale_number(value: int) -> str:
    """A whole number in the user's locale: "12,345" (German "12.345")."""
    return QLocale().toString(value)


def format_size(count: int) -> str:
    """A size as a person reads it, in the user's locale: ``93.2 kB``."""
    return QLocale().formattedDataSize(count, 1, QLocale.DataSizeFormat.DataSizeSIFormat)
