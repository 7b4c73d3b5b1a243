"""Translation for module-level UI code.

``lupdate`` files a bare ``tr("...")`` call under the empty context, so that is the context
this helper asks for at run time; classes use ``self.tr`` and their own class context.
German ships in resources/translations (see scripts/update-translations).
"""

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)
