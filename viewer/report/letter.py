"""``letter.txt``: the e-mail to the controller's data protection officer, ready to paste.

English cites the GDPR, German the DSGVO, each in its own legal wording (Art. 15 request,
Art. 33/34 breach notification, Art. 12(3) deadline).
"""

from __future__ import annotations

from viewer.report.data import ReportData
from viewer.report.json_report import REQUEST_KEYS
from viewer.report.texts import capital, long_date, number, say, size

#: The letter names this many kinds of evidence; the report has them all.
LETTER_CATEGORIES = 5


def render_letter(data: ReportData) -> str:
    language = data.language
    request = data.request
    requested = long_date(request.requested, language)
    received = long_date(request.received, language)
    files = data.received_names(quote="„{}“" if language == "de" else "“{}”")
    not_mine = data.by_verdict.get("not-mine", 0)
    paragraphs = [
        f"{say(language, 'to')}: {data.controller}",
        say(language, "letter.subject"),
        say(language, "letter.greeting"),
        (say(language, "letter.asked", requested=requested) if requested
         else say(language, "letter.asked_nodate")) + " " +
        (say(language, "letter.received", received=received, files=files,
             size=size(data.source_bytes, language, exact_only=True), sha256=data.archive_sha256)
         if received else say(language, "letter.received_nodate", files=files,
                              size=size(data.source_bytes, language, exact_only=True),
                              sha256=data.archive_sha256)),
    ]
    if not_mine:
        items = "\n".join(say(language, "letter.wrong_item", label=capital(category.label),
                              count=number(category.recordings, language))
                          for category in data.categories[:LETTER_CATEGORIES])
        paragraphs.append(say(language, "letter.wrong", not_mine=number(not_mine, language),
                              recordings=number(data.recordings, language)) + "\n" + items)
        paragraphs.append(say(language, "letter.list"))
    else:
        paragraphs.append(say(language, "wrong_none"))
    requests = "\n".join(f"{index}. {say(language, key)}"
                         for index, key in enumerate(REQUEST_KEYS, start=1))
    paragraphs.append(say(language, "letter.breach") + "\n" + requests)
    paragraphs.append(data.statement)
    paragraphs.append(say(language, "letter.deadline"))
    # Without a name the letter still shows where to sign.
    signature = "\n".join(part for part in (request.user_name or say(language, "letter.unsigned"),
                                            request.contact) if part)
    paragraphs.append(say(language, "letter.closing") + "\n" + signature)
    paragraphs.append(say(language, "letter.attachments"))
    return "\n\n".join(paragraphs) + "\n"



