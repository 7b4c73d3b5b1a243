"""The report's words in English and German (Qt-free: the report's language is the one the
user chooses for the company, not necessarily the app's).

``say(language, key, **values)`` formats one entry. Category labels are per finding code;
codes without an entry fall back to the code itself (voice codes share one label).
"""

from __future__ import annotations

from datetime import date

LANGUAGES = ("en", "de")

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"),
}

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Report: another person's data in my data access export",
        "to": "To",
        "from": "From",
        "created": "Created",
        "not_given": "not given",
        "summary": "Summary",
        "headline": "{not_mine} of {recordings} recordings in this export are not mine",
        "asked": "What I asked for",
        "asked_text": "On {requested} I asked {controller} for a copy of my personal data "
                      "under Article 15 GDPR.",
        "asked_text_nodate": "I asked {controller} for a copy of my personal data under "
                             "Article 15 GDPR.",
        "arrived": "What arrived",
        "arrived_text": "On {received} I received {files} ({size}): {members} files, of "
                        "them {recordings} recordings.",
        "arrived_text_nodate": "I received {files} ({size}): {members} files, of them "
                               "{recordings} recordings.",
        "wrong": "What is wrong",
        "wrong_text": "{not_mine} of the {recordings} recordings are not mine. {evidence}",
        "wrong_none": "The check found no recording that is not mine.",
        "wrong_evidence": "The strongest evidence: {items}.",
        "ask": "What I ask for",
        "ask_text": "Treat this as a personal data breach (Art. 33/34 GDPR), send me a correct "
                    "and complete copy of my data, tell me whether my data went to someone "
                    "else, and tell me how to delete the other person's files.",
        "source": "1. The export as received",
        "file": "File",
        "size": "Size",
        "sha256": "SHA-256",
        "export_sha_note": "The export's identity (SHA-256 of its parts)",
        "received_intro": "It arrived as {count} files; each is listed with its size and "
                          "SHA-256, then the identity of the export as a whole.",
        "received_folder": "Folder",
        "received_more": "and {count} more",
        "received_cut": "… and {count} more files, each with its size and SHA-256 in "
                        "report.json.",
        "identity.file": "The export's identity (SHA-256 of the file)",
        "identity.parts": "The export's identity (SHA-256 of its parts)",
        "identity.folder": "The export's identity (SHA-256 of the folder's file list)",
        "identity_how.file": "The SHA-256 of the one file that arrived.",
        "identity_how.parts": "The SHA-256 of the text “export-viewer/parts”, a line break and "
                              "the SHA-256 of each part, sorted, one to a line.",
        "identity_how.folder": "The SHA-256 of the text “export-viewer/folder”, a line break "
                               "and, for each file with a SHA-256 in the order listed, a line of "
                               "its SHA-256, two spaces and its path in the folder (the lines "
                               "sha256sum prints).",
        "contents": "2. What the export holds",
        "by_kind": "Files by kind",
        "kind": "Kind",
        "count": "Files",
        "by_verdict": "Recordings by result of the check",
        "verdict": "Result",
        "recordings": "Recordings",
        "marked_by_me": "of them checked and marked by me",
        "evidence": "3. Evidence by category",
        "category": "Evidence",
        "strength": "Strength",
        "evidence_note": "Strength: 1.0 convinces on its own, 0.3 is a hint. One recording "
                         "usually shows several kinds of evidence.",
        "flagged": "4. Files that are not mine",
        "flagged_folder": "All files are in the folder {folder}.",
        "flagged_none": "None.",
        "path": "File",
        "time": "Time (UTC)",
        "device": "Device",
        "reasons": "Evidence",
        "excerpt": "Excerpt (masked)",
        "withheld": "Other files that hold only the other person's data",
        "requests": "5. My requests",
        "statement_title": "6. Statement",
        "appendix": "Appendix: how this report was made",
        "page": "Page {page} of {pages}",
        "verdict.mine": "mine",
        "verdict.not-mine": "not mine",
        "verdict.unsure": "unsure",
        "kind.audio": "audio",
        "kind.table": "tables",
        "kind.json": "JSON",
        "kind.pdf": "PDF",
        "kind.html": "web pages",
        "kind.text": "text",
        "kind.archive": "archives",
        "kind.other": "other",
        "request.1": "Confirm the error and treat it as a personal data breach "
                     "(Art. 4(12) GDPR).",
        "request.2": "Notify the competent supervisory authority (Art. 33 GDPR) and the "
                     "affected person (Art. 34 GDPR), and tell me that you did.",
        "request.3": "Send me a correct and complete copy of my personal data under Art. 15 "
                     "GDPR, without other people's data.",
        "request.4": "Tell me whether my own data was sent to someone else, and if so which "
                     "data and when.",
        "request.5": "Tell me how to delete the other person's files; until then I keep them "
                     "as described below.",
        "statement": "I have not shared, published or forwarded the content of these files. I "
                     "keep one sealed, unchanged copy of the export as I received it, as "
                     "evidence, until you tell me to delete it; then I will delete it and "
                     "confirm that I did. This report contains no audio and no transcript of "
                     "the other person's recordings, only file names, sizes, checksums, "
                     "times, devices and the kind of evidence.",
        "statement_excerpts": " Short excerpts are included with names, numbers and places "
                              "masked.",
        "method.hashing": "Hashing: the export was read as received, without unpacking it "
                          "to disk or changing it. The SHA-256 checksums of the export file(s) "
                          "and of each listed file's content identify them exactly; anyone can "
                          "recompute them (for example with sha256sum) to confirm that this "
                          "list refers to the same files.",
        "method.checks": "Checks: every recording was compared with the export's own tables "
                         "(device registration, locale, marketplace, times, file list) and "
                         "with what I stated about myself (devices, household, languages, time "
                         "zone). Each finding has a strength; a recording counts as not mine "
                         "when the evidence adds up to at least 0.9, or when I marked it "
                         "myself.",
        "method.checks_noprofile": " No personal profile was used: only the export's own "
                                   "tables were compared.",
        "method.voice": "Voice: a speaker-recognition model (a port of Resemblyzer 0.1.4) "
                        "compared voices. It only supports what the metadata says, never "
                        "overrules it, and can confuse similar voices.",
        "method.novoice": "Voice: no voice comparison was used for this report.",
        "method.tool": "Tool: Export Viewer {version}, which works offline and never changes "
                       "the export. Report created {created}.",
        "letter.subject": "Subject: My data access request: your export contains another "
                          "person's personal data (personal data breach)",
        "letter.greeting": "Dear Sir or Madam,\ndear Data Protection Officer,",
        "letter.asked": "On {requested} I asked you for access to my personal data and a copy "
                        "of it under Article 15 GDPR.",
        "letter.asked_nodate": "I asked you for access to my personal data and a copy of it "
                               "under Article 15 GDPR.",
        "letter.received": "On {received} I received the export {files} ({size}; SHA-256 "
                           "{sha256}).",
        "letter.received_nodate": "I received the export {files} ({size}; SHA-256 {sha256}).",
        "letter.wrong": "{not_mine} of the {recordings} recordings in it are not mine. The "
                        "evidence:",
        "letter.wrong_item": "- {label}: {count} recordings",
        "letter.list": "The enclosed report (report.pdf) lists every one of these files with "
                       "its size and SHA-256 checksum; flagged-files.csv and report.json hold "
                       "the same list in machine-readable form.",
        "letter.breach": "This means that you disclosed another person's personal data to me, "
                         "and possibly my data to someone else. I therefore request the "
                         "following:",
        "letter.deadline": "Please answer within one month (Art. 12(3) GDPR).",
        "letter.closing": "Kind regards,",
        "letter.unsigned": "[your name and signature]",
        "letter.attachments": "Attachments: report.pdf, flagged-files.csv, report.json",
        "manifest.title": "Cleaned copy made by Export Viewer {version}",
        "manifest.source": "Made from: {files} (SHA-256 {sha256}). The original is "
                           "unchanged.",
        "manifest.left_out": "Left out ({count} files), each with its size, SHA-256 and the "
                             "reason:",
        "manifest.unreadable": "Could not be copied ({count} files; damaged or refused in the "
                               "original):",
        "manifest.kept": "Every other file is copied byte for byte.",
        "leftout.not_mine": "not mine: {reasons}",
        "withheld_reason": "holds only transcripts of recordings that are not mine",
        "leftout.mixed": "mixes my data with the other person's; a file of this kind ({kind}) "
                         "cannot be cleaned row by row",
        "leftout.unsafe": "mixes my data with the other person's and could not be cleaned row "
                          "by row: {problem}",
        "clean.encoding": "its text encoding cannot be written back unchanged",
        "clean.parse": "it cannot be read as a table",
        "clean.locator": "a row the check names cannot be found in it",
        "clean.mismatch": "a row the check names does not hold what the check read there",
        "clean.residue": "a device that is not mine is still named in it",
        "clean.unreadable": "it cannot be read",
        "clean.kind": "files of this kind cannot be cleaned row by row",
        "manifest.rewritten": "Rewritten without the other person's rows ({count} files), each "
                              "with its new size and SHA-256, then the original's:",
        "manifest.rows": "Rows removed ({count}), by file and row (as the export counts them, "
                         "the header being row 1) and why; their content is not repeated here:",
        "row.transcript": "transcript of {recording}, which is not mine",
        "row.event": "belongs to {recording}, which is not mine",
        "row.event_any": "belongs to a recording that is not mine",
        "row.device": "from a device that is not mine",
        "row.device-session": "a session of a device that is not mine (its device type, "
                              "locale and marketplace)",
        "row.same-time": "made at the moment of a request that is not mine",
    },
    "de": {
        "title": "Bericht: Daten einer anderen Person in meiner Datenauskunft",
        "to": "An",
        "from": "Von",
        "created": "Erstellt",
        "not_given": "nicht angegeben",
        "summary": "Zusammenfassung",
        "headline": "{not_mine} von {recordings} Aufnahmen in dieser Datenauskunft stammen "
                    "nicht von mir",
        "asked": "Was ich verlangt habe",
        "asked_text": "Am {requested} habe ich von {controller} nach Art. 15 DSGVO eine Kopie "
                      "meiner personenbezogenen Daten verlangt.",
        "asked_text_nodate": "Ich habe von {controller} nach Art. 15 DSGVO eine Kopie meiner "
                             "personenbezogenen Daten verlangt.",
        "arrived": "Was ich erhalten habe",
        "arrived_text": "Am {received} habe ich {files} ({size}) erhalten: {members} Dateien, "
                        "davon {recordings} Sprachaufnahmen.",
        "arrived_text_nodate": "Ich habe {files} ({size}) erhalten: {members} Dateien, davon "
                               "{recordings} Sprachaufnahmen.",
        "wrong": "Was falsch ist",
        "wrong_text": "{not_mine} der {recordings} Sprachaufnahmen stammen nicht von mir. "
                      "{evidence}",
        "wrong_none": "Die Prüfung hat keine Aufnahme gefunden, die nicht von mir stammt.",
        "wrong_evidence": "Die stärksten Belege: {items}.",
        "ask": "Was ich verlange",
        "ask_text": "Behandeln Sie dies als Verletzung des Schutzes personenbezogener Daten "
                    "(Art. 33/34 DSGVO), senden Sie mir eine richtige und vollständige Kopie "
                    "meiner Daten, teilen Sie mir mit, ob meine Daten an andere gelangt sind, "
                    "und wie ich die Dateien der anderen Person löschen soll.",
        "source": "1. Die Datenauskunft, wie ich sie erhalten habe",
        "file": "Datei",
        "size": "Größe",
        "sha256": "SHA-256",
        "export_sha_note": "Kennung der Datenauskunft (SHA-256 ihrer Teile)",
        "received_intro": "Sie kam als {count} Dateien; jede ist mit Größe und SHA-256 "
                          "aufgeführt, danach die Kennung der Datenauskunft als Ganzes.",
        "received_folder": "Ordner",
        "received_more": "und {count} weitere",
        "received_cut": "… und {count} weitere Dateien, jede mit Größe und SHA-256 in "
                        "report.json.",
        "identity.file": "Kennung der Datenauskunft (SHA-256 der Datei)",
        "identity.parts": "Kennung der Datenauskunft (SHA-256 ihrer Teile)",
        "identity.folder": "Kennung der Datenauskunft (SHA-256 der Dateiliste des Ordners)",
        "identity_how.file": "Die SHA-256 der einen Datei, die ankam.",
        "identity_how.parts": "Die SHA-256 des Textes „export-viewer/parts“, eines "
                              "Zeilenumbruchs und der SHA-256 jedes Teils, sortiert, je eine "
                              "Zeile.",
        "identity_how.folder": "Die SHA-256 des Textes „export-viewer/folder“, eines "
                               "Zeilenumbruchs und, für jede Datei mit SHA-256 in der "
                               "aufgeführten Reihenfolge, einer Zeile aus ihrer SHA-256, zwei "
                               "Leerzeichen und ihrem Pfad im Ordner (die Zeilen, die sha256sum "
                               "ausgibt).",
        "contents": "2. Inhalt der Datenauskunft",
        "by_kind": "Dateien nach Art",
        "kind": "Art",
        "count": "Dateien",
        "by_verdict": "Sprachaufnahmen nach Ergebnis der Prüfung",
        "verdict": "Ergebnis",
        "recordings": "Aufnahmen",
        "marked_by_me": "davon von mir selbst geprüft und markiert",
        "evidence": "3. Belege nach Art",
        "category": "Beleg",
        "strength": "Gewicht",
        "evidence_note": "Gewicht: 1,0 überzeugt für sich allein, 0,3 ist ein Hinweis. Eine "
                         "Aufnahme zeigt meist mehrere Arten von Belegen.",
        "flagged": "4. Dateien, die nicht von mir stammen",
        "flagged_folder": "Alle Dateien liegen im Ordner {folder}.",
        "flagged_none": "Keine.",
        "path": "Datei",
        "time": "Zeit (UTC)",
        "device": "Gerät",
        "reasons": "Belege",
        "excerpt": "Auszug (geschwärzt)",
        "withheld": "Weitere Dateien, die nur Daten der anderen Person enthalten",
        "requests": "5. Meine Forderungen",
        "statement_title": "6. Erklärung",
        "appendix": "Anhang: Wie dieser Bericht erstellt wurde",
        "page": "Seite {page} von {pages}",
        "verdict.mine": "von mir",
        "verdict.not-mine": "nicht von mir",
        "verdict.unsure": "unklar",
        "kind.audio": "Audio",
        "kind.table": "Tabellen",
        "kind.json": "JSON",
        "kind.pdf": "PDF",
        "kind.html": "Webseiten",
        "kind.text": "Text",
        "kind.archive": "Archive",
        "kind.other": "Sonstige",
        "request.1": "Bestätigen Sie den Fehler und behandeln Sie ihn als Verletzung des "
                     "Schutzes personenbezogener Daten (Art. 4 Nr. 12 DSGVO).",
        "request.2": "Melden Sie die Verletzung der zuständigen Aufsichtsbehörde (Art. 33 "
                     "DSGVO), benachrichtigen Sie die betroffene Person (Art. 34 DSGVO) und "
                     "bestätigen Sie mir beides.",
        "request.3": "Stellen Sie mir nach Art. 15 DSGVO eine richtige und vollständige Kopie "
                     "meiner personenbezogenen Daten zur Verfügung, ohne Daten anderer "
                     "Personen.",
        "request.4": "Teilen Sie mir mit, ob meine eigenen Daten an eine andere Person "
                     "übermittelt wurden, und wenn ja, welche Daten und wann.",
        "request.5": "Teilen Sie mir mit, wie ich die Dateien der anderen Person löschen soll; "
                     "bis dahin bewahre ich sie wie unten beschrieben auf.",
        "statement": "Ich habe den Inhalt dieser Dateien weder weitergegeben noch "
                     "veröffentlicht. Ich bewahre eine versiegelte, unveränderte Kopie der "
                     "Datenauskunft, wie ich sie erhalten habe, als Beweismittel auf, bis Sie "
                     "mir mitteilen, dass ich sie löschen soll; dann lösche ich sie und "
                     "bestätige Ihnen die Löschung. Dieser Bericht enthält keine Audiodaten "
                     "und keine Transkripte der Aufnahmen der anderen Person, nur Dateinamen, "
                     "Größen, Prüfsummen, Zeiten, Geräte und die Art der Belege.",
        "statement_excerpts": " Kurze Auszüge sind enthalten; Namen, Zahlen und Orte darin "
                              "sind geschwärzt.",
        "method.hashing": "Prüfsummen: Die Datenauskunft wurde so gelesen, wie sie ankam, ohne "
                          "sie auf die Festplatte zu entpacken oder zu verändern. Die "
                          "SHA-256-Prüfsummen der Datei(en) der Auskunft und des Inhalts jeder "
                          "aufgeführten Datei bezeichnen diese eindeutig; jeder kann sie "
                          "nachrechnen (etwa mit sha256sum) und so prüfen, dass sich diese "
                          "Liste auf dieselben Dateien bezieht.",
        "method.checks": "Prüfung: Jede Aufnahme wurde mit den Tabellen der Auskunft selbst "
                         "(Geräteregistrierung, Gebietsschema, Marktplatz, Zeiten, "
                         "Dateiverzeichnis) und mit meinen eigenen Angaben (Geräte, Haushalt, "
                         "Sprachen, Zeitzone) verglichen. Jeder Befund hat ein Gewicht; eine "
                         "Aufnahme gilt als nicht von mir, wenn die Belege zusammen mindestens "
                         "0,9 ergeben oder wenn ich sie selbst so markiert habe.",
        "method.checks_noprofile": " Es wurden keine eigenen Angaben verwendet, nur die "
                                   "Tabellen der Auskunft.",
        "method.voice": "Stimme: Ein Sprechererkennungsmodell (eine Portierung von "
                        "Resemblyzer 0.1.4) hat die Stimmen verglichen. Es stützt nur, was "
                        "die Metadaten zeigen, überstimmt sie nie und kann ähnliche Stimmen "
                        "verwechseln.",
        "method.novoice": "Stimme: Für diesen Bericht wurden keine Stimmen verglichen.",
        "method.tool": "Programm: Export Viewer {version}; es arbeitet ohne Netzwerk und "
                       "verändert die Datenauskunft nie. Bericht erstellt am {created}.",
        "letter.subject": "Betreff: Mein Auskunftsersuchen nach Art. 15 DSGVO – Ihre "
                          "Datenauskunft enthält personenbezogene Daten einer anderen Person "
                          "(Verletzung des Schutzes personenbezogener Daten)",
        "letter.greeting": "Sehr geehrte Damen und Herren,\nsehr geehrte/r "
                           "Datenschutzbeauftragte/r,",
        "letter.asked": "am {requested} habe ich bei Ihnen nach Art. 15 DSGVO Auskunft über "
                        "meine personenbezogenen Daten und eine Kopie dieser Daten verlangt.",
        "letter.asked_nodate": "ich habe bei Ihnen nach Art. 15 DSGVO Auskunft über meine "
                               "personenbezogenen Daten und eine Kopie dieser Daten verlangt.",
        "letter.received": "Am {received} habe ich die Datenauskunft {files} ({size}; SHA-256 "
                           "{sha256}) erhalten.",
        "letter.received_nodate": "Ich habe die Datenauskunft {files} ({size}; SHA-256 "
                                  "{sha256}) erhalten.",
        "letter.wrong": "{not_mine} der {recordings} Sprachaufnahmen darin stammen nicht von "
                        "mir. Die Belege:",
        "letter.wrong_item": "- {label}: {count} Aufnahmen",
        "letter.list": "Der beigefügte Bericht (report.pdf) führt jede dieser Dateien mit "
                       "Größe und SHA-256-Prüfsumme auf; flagged-files.csv und report.json "
                       "enthalten dieselbe Liste in maschinenlesbarer Form.",
        "letter.breach": "Damit haben Sie mir personenbezogene Daten einer anderen Person "
                         "offengelegt; möglicherweise wurden auch meine Daten einer anderen "
                         "Person offengelegt. Ich bitte Sie daher um Folgendes:",
        "letter.deadline": "Bitte antworten Sie mir innerhalb eines Monats (Art. 12 Abs. 3 "
                           "DSGVO).",
        "letter.closing": "Mit freundlichen Grüßen",
        "letter.unsigned": "[Ihr Name und Ihre Unterschrift]",
        "letter.attachments": "Anlagen: report.pdf, flagged-files.csv, report.json",
        "manifest.title": "Bereinigte Kopie, erstellt mit Export Viewer {version}",
        "manifest.source": "Erstellt aus: {files} (SHA-256 {sha256}). Das Original ist "
                           "unverändert.",
        "manifest.left_out": "Weggelassen ({count} Dateien), jeweils mit Größe, SHA-256 und "
                             "Grund:",
        "manifest.unreadable": "Konnten nicht kopiert werden ({count} Dateien; im Original "
                               "beschädigt oder abgelehnt):",
        "manifest.kept": "Alle anderen Dateien sind Byte für Byte kopiert.",
        "leftout.not_mine": "nicht von mir: {reasons}",
        "withheld_reason": "enthält nur Transkripte von Aufnahmen, die nicht von mir stammen",
        "leftout.mixed": "mischt meine Daten mit denen der anderen Person; eine Datei dieser Art "
                         "({kind}) lässt sich nicht zeilenweise bereinigen",
        "leftout.unsafe": "mischt meine Daten mit denen der anderen Person und ließ sich nicht "
                          "zeilenweise bereinigen: {problem}",
        "clean.encoding": "ihre Textkodierung lässt sich nicht unverändert zurückschreiben",
        "clean.parse": "sie lässt sich nicht als Tabelle lesen",
        "clean.locator": "eine Zeile, die die Prüfung nennt, ist darin nicht zu finden",
        "clean.mismatch": "eine Zeile, die die Prüfung nennt, enthält nicht, was die Prüfung "
                          "dort gelesen hat",
        "clean.residue": "ein Gerät, das nicht meines ist, wird darin weiter genannt",
        "clean.unreadable": "sie lässt sich nicht lesen",
        "clean.kind": "Dateien dieser Art lassen sich nicht zeilenweise bereinigen",
        "manifest.rewritten": "Ohne die Zeilen der anderen Person neu geschrieben ({count} "
                              "Dateien), jeweils mit neuer Größe und SHA-256, danach die des "
                              "Originals:",
        "manifest.rows": "Entfernte Zeilen ({count}), nach Datei und Zeile (gezählt wie in der "
                         "Datenauskunft, die Kopfzeile ist Zeile 1) und Grund; ihr Inhalt wird "
                         "hier nicht wiederholt:",
        "row.transcript": "Transkript von {recording}, das nicht von mir stammt",
        "row.event": "gehört zu {recording}, das nicht von mir stammt",
        "row.event_any": "gehört zu einer Aufnahme, die nicht von mir stammt",
        "row.device": "von einem Gerät, das nicht meines ist",
        "row.device-session": "Sitzung eines Geräts, das nicht meines ist (Gerätetyp, Sprache "
                              "und Marktplatz)",
        "row.same-time": "zum Zeitpunkt einer Anfrage, die nicht von mir stammt",
    },
}

#: One label per finding code: what the evidence says, in the user's words.
CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "no-voice-device": "I do not use this voice assistant and own none of its devices",
        "unknown-device": "made on a device that is not mine and not in my registration",
        "before-registration": "made before the device was registered",
        "after-deregistration": "made after the device was deregistered",
        "time-zone-rhythm": "daily rhythm fits another time zone",
        "locale-mismatch": "device locale differs from mine",
        "marketplace-mismatch": "device belongs to another country's store",
        "language-mismatch": "spoken in a language my household does not use",
        "platform-unrecognized-speaker": "the platform itself marked the speaker as "
                                         "unrecognised",
        "unknown-names": "mentions people I do not know",
        "orphan-audio": "audio without an entry in the export's tables",
        "duplicate": "duplicate of another file",
        "not-in-file-list": "not in the export's own file list",
        "transcript-only-in-pdf": "transcript only in a separate PDF, not in the export's "
                                  "tables",
        "voice": "the voice is not mine or my household's",
        "user-mark": "checked and marked by me",
    },
    "de": {
        "no-voice-device": "Ich nutze diesen Sprachassistenten nicht und besitze keines "
                           "seiner Geräte",
        "unknown-device": "aufgenommen mit einem Gerät, das nicht mir gehört und nicht "
                          "registriert ist",
        "before-registration": "aufgenommen, bevor das Gerät registriert wurde",
        "after-deregistration": "aufgenommen, nachdem das Gerät abgemeldet wurde",
        "time-zone-rhythm": "Tagesrhythmus passt zu einer anderen Zeitzone",
        "locale-mismatch": "Gebietsschema des Geräts weicht von meinem ab",
        "marketplace-mismatch": "Gerät gehört zum Shop eines anderen Landes",
        "language-mismatch": "in einer Sprache gesprochen, die mein Haushalt nicht spricht",
        "platform-unrecognized-speaker": "die Plattform selbst hat den Sprecher als nicht "
                                         "erkannt markiert",
        "unknown-names": "nennt Personen, die ich nicht kenne",
        "orphan-audio": "Audiodatei ohne Eintrag in den Tabellen der Auskunft",
        "duplicate": "Duplikat einer anderen Datei",
        "not-in-file-list": "nicht im Dateiverzeichnis der Auskunft",
        "transcript-only-in-pdf": "Transkript nur in einer separaten PDF-Datei, nicht in den "
                                  "Tabellen der Auskunft",
        "voice": "die Stimme ist nicht meine und nicht die meines Haushalts",
        "user-mark": "von mir selbst geprüft und markiert",
    },
}


def say(language: str, key: str, **values: object) -> str:
    table = TEXTS.get(language, TEXTS["en"])
    text = table.get(key) or TEXTS["en"][key]
    return text.format(**values) if values else text


def category_code(code: str) -> str:
    """The evidence category of a finding code: every voice code is one category."""
    return "voice" if code.startswith("voice") else code


def category_label(language: str, code: str) -> str:
    labels = CATEGORY_LABELS.get(language, CATEGORY_LABELS["en"])
    return labels.get(category_code(code), code)


def capital(text: str) -> str:
    """``text`` with its first letter in upper case (the rest as it is)."""
    return text[:1].upper() + text[1:]


def long_date(value: date | None, language: str) -> str | None:
    """``5 November 2024`` / ``5. November 2024``; None for None."""
    if value is None:
        return None
    month = _MONTHS.get(language, _MONTHS["en"])[value.month - 1]
    if language == "de":
        return f"{value.day}. {month} {value.year}"
    return f"{value.day} {month} {value.year}"


def number(value: float, language: str, decimals: int = 0) -> str:
    """Thousands separated, decimal comma in German: ``1,700`` / ``1.700``; ``0.9`` / ``0,9``."""
    text = f"{value:,.{decimals}f}"
    if language == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def size(value: int, language: str, *, exact_only: bool = False) -> str:
    """Bytes as ``6.1 MB (6,391,016 bytes)``: the exact count is what a checker compares."""
    units = (("GB", 1e9), ("MB", 1e6), ("kB", 1e3))
    word = "Bytes" if language == "de" else "bytes"
    if exact_only:
        return f"{number(value, language)} {word}"
    for unit, factor in units:
        if value >= factor:
            return (f"{number(value / factor, language, 1)} {unit} "
                    f"({number(value, language)} {word})")
    return f"{number(value, language)} {word}"
