<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <location filename="../../ui/actions.py" line="+72"/>
        <source>&amp;Open Export…</source>
        <translation>Export ö&amp;ffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open an export ZIP, or several split parts</source>
        <translation>Export-ZIP oder mehrere Teilarchive öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Folder…</source>
        <translation>&amp;Ordner öffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open an unpacked export folder</source>
        <translation>Entpackten Export-Ordner öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the &amp;Demo Export</source>
        <translation>&amp;Demo-Export öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the bundled example: an Amazon export with a stranger&apos;s recordings mixed in</source>
        <translation>Mitgeliefertes Beispiel öffnen: ein Amazon-Export, dem Aufnahmen einer fremden Person beigemischt sind</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close Export</source>
        <translation>Export &amp;schließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Play / Pause</source>
        <translation>&amp;Abspielen / Pause</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play or pause the selected recording</source>
        <translation>Ausgewählte Aufnahme abspielen oder anhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;revious Recording</source>
        <translation>&amp;Vorherige Aufnahme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next Recording</source>
        <translation>&amp;Nächste Aufnahme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back 2 Seconds</source>
        <translation>2 Sekunden zurück</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forward 2 Seconds</source>
        <translation>2 Sekunden vor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;lower</source>
        <translation>&amp;Langsamer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Faster</source>
        <translation>&amp;Schneller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play &amp;Through</source>
        <translation>&amp;Durchspielen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When a recording ends, play the next one</source>
        <translation>Nach dem Ende einer Aufnahme die nächste abspielen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Search Transcripts</source>
        <translation>In Transkripten &amp;suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the &amp;Whole Timeline</source>
        <translation>&amp;Ganze Zeitleiste zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Recordings</source>
        <translation>&amp;Aufnahmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Files</source>
        <translation>&amp;Dateien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Voices</source>
        <translation>S&amp;timmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Export Viewer</source>
        <translation>&amp;Über Export Viewer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark as &amp;Not Mine</source>
        <translation>Als &amp;nicht meins markieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the selected recordings as not yours</source>
        <translation>Die ausgewählten Aufnahmen als nicht Ihre markieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark as &amp;Mine</source>
        <translation>Als &amp;meins markieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the selected recordings as yours</source>
        <translation>Die ausgewählten Aufnahmen als Ihre markieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark as &amp;Unsure</source>
        <translation>Als &amp;unsicher markieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Clear Mark</source>
        <translation>Markierung &amp;entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour by &amp;Device</source>
        <translation>Nach Ge&amp;rät färben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour by &amp;Verdict</source>
        <translation>Nach &amp;Einstufung färben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour by V&amp;oice</source>
        <translation>Nach St&amp;imme färben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One colour per voice the check heard, largest first</source>
        <translation>Eine Farbe je Stimme, die die Prüfung gehört hat, die häufigste zuerst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;You…</source>
        <translation>&amp;Angaben zu Ihnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your devices, people, languages and voice: what the check compares the export with</source>
        <translation>Ihre Geräte, Personen, Sprachen und Stimme: womit die Prüfung den Export vergleicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Guided Check…</source>
        <translation>&amp;Geführte Prüfung…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A few questions about this export that only you can answer: they settle the recordings the check left unsure</source>
        <translation>Ein paar Fragen zu diesem Export, die nur Sie beantworten können: Sie klären die Aufnahmen, die die Prüfung offen gelassen hat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Forget This Export…</source>
        <translation>Diese Auskunft &amp;vergessen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete what the app keeps about the open export: your marks, notes and voice answers, its voiceprints and analysis</source>
        <translation>Löscht, was die App über die geöffnete Auskunft speichert: Ihre Markierungen, Notizen und Antworten zu Stimmen, ihre Stimmabdrücke und Analysen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Forget &amp;Everything…</source>
        <translation>&amp;Alles vergessen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete every review, your profile, every voiceprint and every voice sample the app recorded</source>
        <translation>Löscht alle Prüfungen, Ihr Profil, alle Stimmabdrücke und alle Stimmproben, die die App aufgenommen hat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Report Discrepancy…</source>
        <translation>&amp;Fremde Daten melden…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the report to send to the company: the files that are not yours, with checksums and evidence, and a letter</source>
        <translation>Den Bericht für das Unternehmen schreiben: die Dateien, die nicht von Ihnen stammen, mit Prüfsummen und Belegen, und ein Anschreiben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cases…</source>
        <translation>&amp;Fälle…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every report you wrote, followed until the company answers: deadlines, reminders, complaints</source>
        <translation>Jeder Bericht, den Sie geschrieben haben, verfolgt bis zur Antwort des Unternehmens: Fristen, Erinnerungen, Beschwerden</translation>
    </message>
    <message>
        <location filename="../../ui/controls.py" line="+45"/>
        <source>Search transcripts…</source>
        <translation>Transkriptsuche…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search transcripts</source>
        <translation>Transkripte durchsuchen</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../ui/detail.py" line="+249"/>
        <location filename="../../ui/recordings_model.py" line="+136"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../../ui/detail.py" line="+8"/>
        <source>Transcript link</source>
        <translation>Transkript-Zuordnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any link</source>
        <translation>Jede Zuordnung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>With transcript</source>
        <translation>Mit Transkript</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without transcript</source>
        <translation>Ohne Transkript</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../ui/recordings_model.py" line="+0"/>
        <source>Verdict</source>
        <translation>Einstufung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any verdict</source>
        <translation>Jede Einstufung</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../ui/guided_panel.py" line="+404"/>
        <source>Not mine</source>
        <translation>Nicht meins</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsure</source>
        <translation>Unsicher</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../ui/guided_panel.py" line="+0"/>
        <source>Mine</source>
        <translation>Meins</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not checked</source>
        <translation>Nicht eingestuft</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by date</source>
        <translation>Nach Datum filtern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To date</source>
        <translation>Enddatum</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recordings shown</source>
        <translation>Angezeigte Aufnahmen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All devices</source>
        <translation>Alle Geräte</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{shown} of {total}</source>
        <translation>{shown} von {total}</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Playback speed</source>
        <translation>Wiedergabegeschwindigkeit</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Volume</source>
        <translation>Lautstärke</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Play through</source>
        <translation>Durchspielen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Audio status</source>
        <translation>Audiostatus</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Speed</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <location filename="../../ui/detail.py" line="-198"/>
        <location line="+22"/>
        <location filename="../../ui/recordings_model.py" line="+0"/>
        <source>Transcript</source>
        <translation>Transkript</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Fact</source>
        <translation>Angabe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value, and where it comes from</source>
        <translation>Wert und Herkunft</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Facts about this recording</source>
        <translation>Angaben zu dieser Aufnahme</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+6"/>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Facts and where they come from</source>
        <translation>Angaben und ihre Herkunft</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No recording selected</source>
        <translation>Keine Aufnahme ausgewählt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a recording in the list or on the timeline.</source>
        <translation>Eine Aufnahme in der Liste oder auf der Zeitleiste auswählen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No findings yet.</source>
        <translation>Noch keine Befunde.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>time unknown</source>
        <translation>Zeit unbekannt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot play: {reason}</source>
        <translation>Wiedergabe nicht möglich: {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading audio…</source>
        <translation>Audio wird geladen…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your mark: {mark}</source>
        <translation>Ihre Markierung: {mark}</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../ui/guided_panel.py" line="-176"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not checked: this recording has no verdict.</source>
        <translation>Nicht geprüft: Für diese Aufnahme gibt es keine Einstufung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{verdict} (score {score})</source>
        <translation>{verdict} (Wert {score})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No evidence either way.</source>
        <translation>Keine Hinweise in die eine oder andere Richtung.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No transcript was found for this recording.</source>
        <translation>Zu dieser Aufnahme wurde kein Transkript gefunden.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>paired by time: {gap}, confidence {confidence}</source>
        <translation>per Zeit zugeordnet: {gap}, Sicherheit {confidence}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>named in the export</source>
        <translation>im Export benannt</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dialogs.py" line="+179"/>
        <location line="+47"/>
        <location line="+100"/>
        <location filename="../../ui/detail.py" line="+16"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../../ui/detail.py" line="+0"/>
        <source>archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (zone assumed UTC)</source>
        <translation> (Zeitzone als UTC angenommen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time precision</source>
        <translation>Zeitgenauigkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Audio problem</source>
        <translation>Audioproblem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Device model</source>
        <translation>Gerätemodell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device locale</source>
        <translation>Geräte-Gebietsschema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marketplace</source>
        <translation>Marktplatz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the export&apos;s device registration</source>
        <translation>Im Export registriert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../ui/recordings_model.py" line="-49"/>
        <source>by name</source>
        <translation>per Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>by time</source>
        <translation>per Zeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/recordings_model.py" line="-2"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../../ui/drop_page.py" line="+18"/>
        <source>Drop an export here</source>
        <translation>Export hier ablegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drop your data export here</source>
        <translation>Datenexport hier ablegen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A ZIP, a folder, or all the split parts at once. It is read in place and never changed; nothing leaves this computer.</source>
        <translation>Eine ZIP-Datei, ein Ordner oder alle Teilarchive auf einmal. Der Export wird an Ort und Stelle gelesen und nie verändert; nichts verlässt diesen Computer.</translation>
    </message>
    <message>
        <location filename="../../ui/help_overlay.py" line="+26"/>
        <location line="+58"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Press any key to close</source>
        <translation>Zum Schließen eine beliebige Taste drücken</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/cases_detail.py" line="+35"/>
        <source>Report written: %n recording(s) flagged as not yours</source>
        <translation>
            <numerusform>Bericht geschrieben: %n Aufnahme als nicht Ihre markiert</numerusform>
            <numerusform>Bericht geschrieben: %n Aufnahmen als nicht Ihre markiert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Report sent to the company</source>
        <translation>Bericht an das Unternehmen geschickt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The company extended the deadline by two months, to {day}</source>
        <translation>Das Unternehmen hat die Frist um zwei Monate verlängert, bis {day}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The company answered</source>
        <translation>Das Unternehmen hat geantwortet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corrected export checked</source>
        <translation>Korrigierter Export geprüft</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reminder written</source>
        <translation>Erinnerung geschrieben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaint written</source>
        <translation>Beschwerde geschrieben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Case closed</source>
        <translation>Fall abgeschlossen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>files in the export</source>
        <translation>Dateien im Export</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>recordings</source>
        <translation>Aufnahmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yours</source>
        <translation>Ihre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>marked by you</source>
        <translation>von Ihnen markiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>files mixing yours and theirs</source>
        <translation>Dateien mit Ihren und fremden Daten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checked on {day}; corrected export SHA-256 {sha}</source>
        <translation>Geprüft am {day}; SHA-256 des korrigierten Exports {sha}</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n of the flagged files are gone.</source>
        <translation>
            <numerusform>%n der markierten Dateien ist entfernt.</numerusform>
            <numerusform>%n der markierten Dateien sind entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No file was flagged.</source>
        <translation>Keine Datei war markiert.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>⚠ %n flagged file(s) still there:</source>
        <translation>
            <numerusform>⚠ %n markierte Datei noch vorhanden:</numerusform>
            <numerusform>⚠ %n markierte Dateien noch vorhanden:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>⚠ %n file(s) with only the other person&apos;s data still there:</source>
        <translation>
            <numerusform>⚠ %n Datei mit nur den Daten der anderen Person noch vorhanden:</numerusform>
            <numerusform>⚠ %n Dateien mit nur den Daten der anderen Person noch vorhanden:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n of your files kept.</source>
        <translation>
            <numerusform>%n Ihrer Dateien erhalten.</numerusform>
            <numerusform>%n Ihrer Dateien erhalten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>⚠ %n of your files missing:</source>
        <translation>
            <numerusform>⚠ %n Ihrer Dateien fehlt:</numerusform>
            <numerusform>⚠ %n Ihrer Dateien fehlen:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check by eye that these no longer hold the other person&apos;s rows:</source>
        <translation>Prüfen Sie selbst, ob diese keine Zeilen der anderen Person mehr enthalten:</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>I Sent It On…</source>
        <translation>Verschickt am…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Company Extended the Deadline…</source>
        <translation>Das Unternehmen hat die Frist verlängert…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record the Answer…</source>
        <translation>Antwort festhalten…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a Reminder…</source>
        <translation>Erinnerung schreiben…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a Complaint…</source>
        <translation>Beschwerde schreiben…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/cases_view.py" line="+430"/>
        <source>Close the Case</source>
        <translation>Fall abschließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The day you sent the report: the company has one month from then to answer (GDPR Art. 12(3))</source>
        <translation>Der Tag, an dem Sie den Bericht verschickt haben: Ab dann hat das Unternehmen einen Monat Zeit für die Antwort (Art. 12 Abs. 3 DSGVO)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The company told you it needs longer: the deadline moves by two months</source>
        <translation>Das Unternehmen hat Ihnen mitgeteilt, dass es länger braucht: Die Frist verschiebt sich um zwei Monate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Possible once the deadline has passed</source>
        <translation>Möglich, sobald die Frist abgelaufen ist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To the data protection authority of your country (GDPR Art. 77); possible once the deadline has passed or the company has answered</source>
        <translation>An die Datenschutzaufsichtsbehörde Ihres Landes (Art. 77 DSGVO); möglich, sobald die Frist abgelaufen ist oder das Unternehmen geantwortet hat</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Checking the corrected export</source>
        <translation>Korrigierter Export wird geprüft</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>What the report flagged</source>
        <translation>Was der Bericht markiert hat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No case selected</source>
        <translation>Kein Fall ausgewählt</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Case {number}: {company}</source>
        <translation>Fall {number}: {company}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Each report you write starts a case here. Say when you sent it: the company then has one month to answer.</source>
        <translation>Jeder Bericht, den Sie schreiben, beginnt hier einen Fall. Geben Sie an, wann Sie ihn verschickt haben: Ab dann hat das Unternehmen einen Monat Zeit für die Antwort.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export SHA-256</source>
        <translation>SHA-256 des Exports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report SHA-256</source>
        <translation>SHA-256 des Berichts</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Report written</source>
        <translation>Bericht geschrieben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Report folder</source>
        <translation>Berichtsordner</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(extended on {day})</source>
        <translation>(verlängert am {day})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Answered</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Their answer</source>
        <translation>Die Antwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n file(s) flagged as not yours</source>
        <translation>
            <numerusform>%n Datei als nicht Ihre markiert</numerusform>
            <numerusform>%n Dateien als nicht Ihre markiert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Evidence (recordings): {reasons}</source>
        <translation>Hinweise (Aufnahmen): {reasons}</translation>
    </message>
    <message>
        <location filename="../../ui/banner.py" line="+19"/>
        <location filename="../../ui/cases_view.py" line="-297"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="+3"/>
        <source>Each report you write starts a case. Say when you sent it: the company has one month to answer, three if it says it needs longer (GDPR Art. 12(3)).</source>
        <translation>Jeder Bericht, den Sie schreiben, beginnt einen Fall. Geben Sie an, wann Sie ihn verschickt haben: Das Unternehmen hat einen Monat Zeit für die Antwort, drei, wenn es mitteilt, dass es länger braucht (Art. 12 Abs. 3 DSGVO).</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Case {number}: sent on {day}. The company has until {deadline} to answer.</source>
        <translation>Fall {number}: verschickt am {day}. Das Unternehmen hat bis {deadline} Zeit für die Antwort.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Case {number}: the deadline is now {deadline}.</source>
        <translation>Fall {number}: Die Frist endet jetzt am {deadline}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Case {number}: the answer of {day} is recorded.</source>
        <translation>Fall {number}: Die Antwort vom {day} ist festgehalten.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Checking the corrected export %p%</source>
        <translation>Korrigierter Export wird geprüft %p%</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Case {number}: the corrected export is checked.</source>
        <translation>Fall {number}: Der korrigierte Export ist geprüft.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The corrected export could not be checked: {reason}</source>
        <translation>Der korrigierte Export konnte nicht geprüft werden: {reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The corrected export could not be checked because of an internal error ({kind}: {error}).</source>
        <translation>Der korrigierte Export konnte wegen eines internen Fehlers nicht geprüft werden ({kind}: {error}).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reminder: {company}</source>
        <translation>Erinnerung: {company}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The reminder is in {file}.</source>
        <translation>Die Erinnerung liegt in {file}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Complaint: {company}</source>
        <translation>Beschwerde: {company}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The complaint is in {file}. Send it to {authority}, for example with its complaint form: {url}</source>
        <translation>Die Beschwerde liegt in {file}. Schicken Sie sie an {authority}, zum Beispiel über das Beschwerdeformular: {url}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The complaint is in {file}. Send it to {authority}.</source>
        <translation>Die Beschwerde liegt in {file}. Schicken Sie sie an {authority}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The letter could not be written: {reason}</source>
        <translation>Der Brief konnte nicht geschrieben werden: {reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Case {number} is closed.</source>
        <translation>Fall {number} ist abgeschlossen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Case {number} is deleted.</source>
        <translation>Fall {number} ist gelöscht.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The Company Extended the Deadline</source>
        <translation>Das Unternehmen hat die Frist verlängert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When did {company} tell you it needs longer? The deadline moves by two months (GDPR Art. 12(3)).</source>
        <translation>Wann hat {company} Ihnen mitgeteilt, dass es länger braucht? Die Frist verschiebt sich um zwei Monate (Art. 12 Abs. 3 DSGVO).</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dialogs.py" line="-50"/>
        <source>Addresses and forms change: check the authority&apos;s website before you send. In Germany a complaint about a company goes to the authority of the Land where the company is established, or where you live; the federal BfDI handles telecommunications and postal companies. Addresses as of {day}, from the Datenanfragen.de records and the authorities&apos; own pages.</source>
        <translation>Adressen und Formulare ändern sich: Prüfen Sie vor dem Absenden die Website der Behörde. In Deutschland geht eine Beschwerde über ein Unternehmen an die Behörde des Landes, in dem das Unternehmen seinen Sitz hat, oder in dem Sie wohnen; der BfDI ist für Telekommunikations- und Postunternehmen zuständig. Adressen mit Stand {day}, aus den Einträgen von Datenanfragen.de und den eigenen Seiten der Behörden.</translation>
    </message>
    <message>
        <location filename="../../ui/cases_view.py" line="+47"/>
        <source>Close case {number}? It stays in the list, marked closed.</source>
        <translation>Fall {number} abschließen? Er bleibt in der Liste, als abgeschlossen markiert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete the Case</source>
        <translation>Fall löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete case {number} and its timeline? The report folder is not touched. This cannot be undone.</source>
        <translation>Fall {number} und seinen Verlauf löschen? Der Berichtsordner bleibt unverändert. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <location filename="../../ui/cases_controller.py" line="+65"/>
        <location line="+62"/>
        <location filename="../../ui/cases_view.py" line="-327"/>
        <location line="+344"/>
        <source>Cases</source>
        <extracomment>The case the last report started (None: none yet, or it could not be kept).
----------
A step changed a case (its id); the window&apos;s overdue bar listens. A corrected export was checked (case id, Comparison) or could not be (a message).</extracomment>
        <translation>Fälle</translation>
    </message>
    <message>
        <location filename="../../ui/banner.py" line="+6"/>
        <location filename="../../ui/cases_controller.py" line="-54"/>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/cases_controller.py" line="+25"/>
        <source>case {number} ({company}), %n day(s) overdue</source>
        <translation>
            <numerusform>Fall {number} ({company}), %n Tag überfällig</numerusform>
            <numerusform>Fall {number} ({company}), %n Tage überfällig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n more</source>
        <translation>
            <numerusform>%n weiterer</numerusform>
            <numerusform>%n weitere</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⚠ The company has not answered in time: {cases}.</source>
        <translation>⚠ Das Unternehmen hat nicht rechtzeitig geantwortet: {cases}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⚠ Companies have not answered in time: {cases}.</source>
        <translation>⚠ Unternehmen haben nicht rechtzeitig geantwortet: {cases}.</translation>
    </message>
    <message>
        <location line="+58"/>
        <location line="+45"/>
        <location line="+28"/>
        <source>Open Cases</source>
        <translation>Fälle öffnen</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Case {number} follows this report to {company}: when you have sent it, say so, and the company has one month from then to answer.</source>
        <translation>Fall {number} verfolgt diesen Bericht an {company}: Wenn Sie ihn verschickt haben, geben Sie es an; ab dann hat das Unternehmen einen Monat Zeit für die Antwort.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>I Have Sent It…</source>
        <translation>Ich habe ihn verschickt…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Case {number} now follows it (Report ▸ Cases…): say there when you have sent it.</source>
        <translation>Fall {number} verfolgt ihn jetzt (Bericht ▸ Fälle…): Geben Sie dort an, wann Sie ihn verschickt haben.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../ui/cases_view.py" line="-83"/>
        <source>I Sent It On</source>
        <translation>Verschickt am</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/cases_view.py" line="+1"/>
        <source>When did you send the report to {company}? The company has one month from then to answer.</source>
        <translation>Wann haben Sie den Bericht an {company} verschickt? Ab dann hat das Unternehmen einen Monat Zeit für die Antwort.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Case {number}: sent on {day}.</source>
        <translation>Fall {number}: verschickt am {day}.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="+146"/>
        <location filename="../../ui/recordings_model.py" line="+259"/>
        <source>Recordings</source>
        <translation>Aufnahmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Voices</source>
        <translation>Stimmen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Review</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>R&amp;eport</source>
        <translation>&amp;Bericht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Playback</source>
        <translation>&amp;Wiedergabe</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+110"/>
        <location filename="../../ui/opening.py" line="+95"/>
        <location filename="../../ui/status_area.py" line="+17"/>
        <source>No export open</source>
        <translation>Kein Export geöffnet</translation>
    </message>
    <message>
        <location filename="../../ui/status_area.py" line="+3"/>
        <source>Opening progress</source>
        <translation>Fortschritt beim Öffnen</translation>
    </message>
    <message>
        <location filename="../../ui/cases_detail.py" line="-154"/>
        <location filename="../../ui/status_area.py" line="+2"/>
        <source>Cancel</source>
        <extracomment>Cancels the opening (the only background work the user waits for).</extracomment>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../ui/opening.py" line="-44"/>
        <source>Open Export</source>
        <extracomment>A message for a person, for the window&apos;s banner.</extracomment>
        <translation>Export öffnen</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dialogs.py" line="-129"/>
        <location filename="../../ui/opening.py" line="+1"/>
        <source>Export archives (*.zip *.ZIP);;All files (*)</source>
        <translation>Export-Archive (*.zip *.ZIP);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../ui/opening.py" line="+8"/>
        <source>Open Export Folder</source>
        <translation>Export-Ordner öffnen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Opening {name}…</source>
        <translation>{name} wird geöffnet…</translation>
    </message>
    <message>
        <location filename="../../ui/status_area.py" line="+34"/>
        <source>Reading</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hashing</source>
        <translation>Hashwerte berechnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Understanding</source>
        <translation>Auswerten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading audio</source>
        <translation>Audio lesen</translation>
    </message>
    <message>
        <location filename="../../ui/opening.py" line="+7"/>
        <source>This export could not be opened: {reason}</source>
        <translation>Dieser Export konnte nicht geöffnet werden: {reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Opening cancelled</source>
        <translation>Öffnen abgebrochen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="+36"/>
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/review_controller.py" line="+176"/>
        <source>Forget This Export</source>
        <translation>Diese Auskunft vergessen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget everything Export Viewer keeps about “{name}”: your marks, notes and answers about its voices, and the voiceprints and analysis computed from it? The export file itself is not changed.</source>
        <translation>Alles vergessen, was Export Viewer über „{name}“ speichert: Ihre Markierungen, Notizen und Antworten zu ihren Stimmen sowie die daraus berechneten Stimmabdrücke und Analysen? Die Datei der Auskunft selbst wird nicht verändert.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Forgotten: {name}</source>
        <translation>Vergessen: {name}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Forget Everything</source>
        <translation>Alles vergessen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete every review, your profile (About You and your answers), every voiceprint and every voice sample the app recorded? Exports and files of your own are not changed. This cannot be undone.</source>
        <translation>Alle Prüfungen, Ihr Profil (Über Sie und Ihre Antworten), alle Stimmabdrücke und alle von der App aufgenommenen Stimmproben löschen? Auskünfte und Ihre eigenen Dateien werden nicht verändert. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Everything the app kept has been deleted.</source>
        <translation>Alles, was die App gespeichert hatte, ist gelöscht.</translation>
    </message>
    <message>
        <location filename="../../ui/guided_controller.py" line="+36"/>
        <location filename="../../ui/guided_panel.py" line="-96"/>
        <source>Guided Check</source>
        <extracomment>A passing message (text, milliseconds). Not offered again for this export; Ctrl+G brings it back.
----------
An answer as the buttons give it: yes/no/not sure, or a voice&apos;s owner (&quot;me&quot;, ...).</extracomment>
        <translation>Geführte Prüfung</translation>
    </message>
    <message>
        <location filename="../../ui/guided_panel.py" line="+13"/>
        <source>A Few Questions</source>
        <translation>Ein paar Fragen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only you can answer these. Each answer checks the export again at once, and you can change it at any time.</source>
        <translation>Nur Sie können diese Fragen beantworten. Jede Antwort prüft den Export sofort neu, und Sie können sie jederzeit ändern.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Result of the check</source>
        <translation>Ergebnis der Prüfung</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Checking again</source>
        <translation>Erneute Prüfung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the Report…</source>
        <translation>Meldung schreiben…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the report to send to the company, with every recording that is not yours</source>
        <translation>Die Meldung an das Unternehmen schreiben, mit jeder Aufnahme, die nicht von Ihnen ist</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Skip for Now</source>
        <translation>Vorerst überspringen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide the questions. Review ▸ Guided Check… (Ctrl+G) brings them back.</source>
        <translation>Die Fragen ausblenden. Prüfen ▸ Geführte Prüfung… (Strg+G) holt sie zurück.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Checking again with your answers…</source>
        <translation>Wird mit Ihren Antworten neu geprüft…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every recording is being looked at again. The new count appears here in a moment.</source>
        <translation>Jede Aufnahme wird erneut betrachtet. Das neue Ergebnis erscheint hier gleich.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{unsure} of {total} recordings are unsure</source>
        <translation>{unsure} von {total} Aufnahmen sind unsicher</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 of {total} recordings is not yours</source>
        <translation>1 von {total} Aufnahmen ist nicht von Ihnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{not_mine} of {total} recordings are not yours</source>
        <translation>{not_mine} von {total} Aufnahmen sind nicht von Ihnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing in the export shows yet whose they are. Each answer below can settle some.</source>
        <translation>Noch zeigt nichts im Export, von wem sie sind. Jede Antwort unten kann einige klären.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n recording(s) still unsure. Each answer below can settle some.</source>
        <translation>
            <numerusform>%n Aufnahme ist noch unsicher. Jede Antwort unten kann einige klären.</numerusform>
            <numerusform>%n Aufnahmen sind noch unsicher. Jede Antwort unten kann einige klären.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing is left unsure. Next: write the report for the company.</source>
        <translation>Nichts ist mehr unsicher. Als Nächstes: die Meldung für das Unternehmen schreiben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is left unsure, and nothing is someone else&apos;s.</source>
        <translation>Nichts ist mehr unsicher, und nichts stammt von anderen.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Which of these devices are yours?</source>
        <translation>Welche dieser Geräte gehören Ihnen?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Whose voices are these?</source>
        <translation>Wessen Stimmen sind das?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play each one. Your answer counts for all its recordings, and “Me” teaches the check your voice.</source>
        <translation>Spielen Sie jede ab. Ihre Antwort gilt für alle ihre Aufnahmen, und „Ich“ bringt der Prüfung Ihre Stimme bei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Once it knows your voice (or you record it in About You), each card shows how close the voice sounds to yours.</source>
        <translation>Sobald sie Ihre Stimme kennt (oder Sie sie unter „Angaben zu Ihnen“ aufnehmen), zeigt jede Karte, wie ähnlich die Stimme Ihrer klingt.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Do you know {names}?</source>
        <translation>Kennen Sie {names}?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These names are said in the transcripts. People you do not know point to someone else&apos;s recordings.</source>
        <translation>Diese Namen fallen in den Transkripten. Menschen, die Sie nicht kennen, deuten auf Aufnahmen anderer hin.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This export raises no questions the check could use. Listen to the recordings and mark what is not yours.</source>
        <translation>Aus diesem Export ergeben sich keine Fragen, die der Prüfung helfen. Hören Sie die Aufnahmen an und markieren Sie, was nicht von Ihnen ist.</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>This export holds %n {assistant} recording(s).</source>
        <translation>
            <numerusform>Dieser Export enthält %n {assistant}-Aufnahme.</numerusform>
            <numerusform>Dieser Export enthält %n {assistant}-Aufnahmen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do you use {assistant}, {company}&apos;s voice assistant?</source>
        <translation>Nutzen Sie {assistant}, den Sprachassistenten von {company}?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>If you never used it, none of these recordings can be yours.</source>
        <translation>Wenn Sie ihn nie genutzt haben, kann keine dieser Aufnahmen von Ihnen sein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+35"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Not sure</source>
        <translation>Weiß nicht</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <location filename="../../ui/main_window.py" line="+1"/>
        <source>%n recording(s)</source>
        <translation>
            <numerusform>%n Aufnahme</numerusform>
            <numerusform>%n Aufnahmen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>serial number {serial}</source>
        <translation>Seriennummer {serial}</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../ui/voice_card.py" line="+230"/>
        <source>Don&apos;t know</source>
        <translation>Weiß nicht</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; (in %n recording(s))</source>
        <translation>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; (in %n Aufnahme)</numerusform>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; (in %n Aufnahmen)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="+1"/>
        <source>no known format</source>
        <translation>kein bekanntes Format</translation>
    </message>
    <message>
        <location filename="../../ui/timeline_colours.py" line="+52"/>
        <location line="+28"/>
        <source>not checked</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Colour: verdict</source>
        <translation>Farbe: Einstufung</translation>
    </message>
    <message>
        <location line="+19"/>
        <location filename="../../ui/voice_card.py" line="+25"/>
        <location line="+49"/>
        <source>Voice {number}</source>
        <translation>Stimme {number}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>other voices</source>
        <translation>weitere Stimmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no voice</source>
        <translation>keine Stimme</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Colour: voice</source>
        <translation>Farbe: Stimme</translation>
    </message>
    <message>
        <location line="-45"/>
        <location filename="../../ui/voice_card.py" line="-31"/>
        <source>unknown device</source>
        <translation>unbekanntes Gerät</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colour: device</source>
        <translation>Farbe: Gerät</translation>
    </message>
    <message>
        <location filename="../../ui/review_controller.py" line="-62"/>
        <source>Your profile cannot be saved: {reason}</source>
        <translation>Ihre Angaben können nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/guided_controller.py" line="+21"/>
        <source>Questions hidden. Review ▸ Guided Check… (Ctrl+G) brings them back.</source>
        <translation>Fragen ausgeblendet. Prüfen ▸ Geführte Prüfung… (Strg+G) holt sie zurück.</translation>
    </message>
    <message>
        <location filename="../../ui/review_controller.py" line="+13"/>
        <source>Your answer cannot be saved: {reason}</source>
        <translation>Ihre Antwort kann nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/report_controller.py" line="+73"/>
        <source>Writing the report %p%</source>
        <extracomment>A message for the banner. Adds to the success message what follows the report (the window&apos;s cases).</extracomment>
        <translation>Bericht wird geschrieben %p%</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Report written to {folder}</source>
        <translation>Bericht gespeichert in {folder}</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+6"/>
        <source>Report Written</source>
        <translation>Bericht gespeichert</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>The report is in {folder}:
{files}

Open the folder?</source>
        <translation>Der Bericht liegt in {folder}:
{files}

Ordner öffnen?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No file manager could open the folder. The report is in:
{folder}</source>
        <translation>Kein Dateimanager konnte den Ordner öffnen. Der Bericht liegt in:
{folder}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="+62"/>
        <source>Checking %p%</source>
        <translation>Prüfen %p%</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Check done: {not_mine} not mine, {unsure} unsure, {mine} mine</source>
        <translation>Prüfung fertig: {not_mine} nicht meins, {unsure} unsicher, {mine} meins</translation>
    </message>
    <message>
        <location filename="../../ui/review_controller.py" line="-68"/>
        <source>Marks cannot be saved: {reason}</source>
        <extracomment>The open export&apos;s marks changed (made, undone, redone, loaded or forgotten). What the check compares with changed (profile, answers, a recording called &quot;mine&quot;). A passing message (text, milliseconds) and a message for the banner. Exports taken off Open Recent: their paths, or None for all of them. The open export&apos;s SHA-256, which its review is filed under; None when none is.</extracomment>
        <translation>Markierungen können nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unmarked</source>
        <translation>unmarkiert</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n recording(s) marked: {mark}. Ctrl+Z undoes it.</source>
        <translation>
            <numerusform>%n Aufnahme markiert: {mark}. Strg+Z macht es rückgängig.</numerusform>
            <numerusform>%n Aufnahmen markiert: {mark}. Strg+Z macht es rückgängig.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Redone: {what}</source>
        <translation>Wiederhergestellt: {what}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undone: {what}</source>
        <translation>Rückgängig gemacht: {what}</translation>
    </message>
    <message>
        <location filename="../../ui/playback_controller.py" line="+104"/>
        <source>Playback is off: {reason}</source>
        <extracomment>How far Shift+Left and Shift+Right jump. The recording ended and play-through wants the next one. Seconds into the current recording, and its length (0 while none is loaded).</extracomment>
        <translation>Wiedergabe nicht verfügbar: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/status_area.py" line="+18"/>
        <source>No sound</source>
        <translation>Kein Ton</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="+116"/>
        <source>About {name}</source>
        <translation>Über {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;{name} {version}&lt;/h3&gt;&lt;p&gt;See, hear and check what a GDPR data export really holds, and prove what is not yours.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Privacy promise:&lt;/b&gt; this program never opens a network connection. It reads your export in place and never changes it. Your review stays on this computer. Reports it writes carry hashes and counts, never a stranger&apos;s recordings.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;{name} {version}&lt;/h3&gt;&lt;p&gt;Sehen, hören und prüfen, was ein DSGVO-Datenexport wirklich enthält – und belegen, was nicht von Ihnen stammt.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Datenschutzversprechen:&lt;/b&gt; Dieses Programm baut nie eine Netzwerkverbindung auf. Es liest Ihren Export an Ort und Stelle und verändert ihn nie. Ihre Prüfung bleibt auf diesem Computer. Berichte, die es schreibt, enthalten Hashwerte und Anzahlen, niemals die Aufnahmen fremder Personen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/recordings_model.py" line="-255"/>
        <source>by time ({gap})</source>
        <translation>per Zeit ({gap})</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>mine</source>
        <extracomment>Vermilion against blue (Okabe–Ito: apart for the common colour-vision deficiencies); &quot;unsure&quot; and &quot;not checked&quot; stay grey so that the two verdicts that matter stand out. Made once: the table asks for a colour for every visible verdict cell on every paint. Sorting by verdict: strongest first.</extracomment>
        <translation>meins</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not mine</source>
        <translation>nicht meins</translation>
    </message>
    <message>
        <location filename="../../ui/cases_detail.py" line="-98"/>
        <location filename="../../ui/recordings_model.py" line="+1"/>
        <source>unsure</source>
        <translation>unsicher</translation>
    </message>
    <message>
        <location filename="../../ui/recordings_model.py" line="+5"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Link</source>
        <translation>Zuordnung</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Paired by time; confidence {value}</source>
        <extracomment>The analysis&apos;s verdicts, and the user&apos;s own marks, which always win.</extracomment>
        <translation>Per Zeit zugeordnet; Sicherheit {value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Marked by you</source>
        <translation>Von Ihnen markiert</translation>
    </message>
    <message>
        <location line="+32"/>
        <location filename="../../ui/voice_card.py" line="+10"/>
        <source>(no transcript)</source>
        <translation>(kein Transkript)</translation>
    </message>
    <message>
        <location filename="../../ui/session.py" line="+110"/>
        <source>The export could not be opened because of an internal error ({kind}: {error}).</source>
        <extracomment>An export was closed or replaced since the last full collection.</extracomment>
        <translation>Der Export konnte wegen eines internen Fehlers nicht geöffnet werden ({kind}: {error}).</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_controller.py" line="+55"/>
        <source>Your profile has a problem, so the check ran without it: {reason}</source>
        <translation>Ihre Angaben enthalten einen Fehler, darum lief die Prüfung ohne sie: {reason}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The check could not finish: {reason}</source>
        <translation>Die Prüfung konnte nicht abgeschlossen werden: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/profile_dialog.py" line="+48"/>
        <source>About You</source>
        <translation>Angaben zu Ihnen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What you tell here stays on this computer. It lets the check tell your recordings from a stranger&apos;s; leave out what you do not know.</source>
        <translation>Was Sie hier angeben, bleibt auf diesem Computer. Damit unterscheidet die Prüfung Ihre Aufnahmen von fremden; lassen Sie weg, was Sie nicht wissen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>One name per line: you and your household</source>
        <translation>Ein Name pro Zeile: Sie und Ihr Haushalt</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+72"/>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Serial number</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+68"/>
        <source>Your devices</source>
        <translation>Ihre Geräte</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose from this export…</source>
        <translation>Aus diesem Export wählen…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Owns a voice assistant</source>
        <translation>Besitzt einen Sprachassistenten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not said</source>
        <translation>Keine Angabe</translation>
    </message>
    <message>
        <location filename="../../ui/guided_panel.py" line="-32"/>
        <location line="+35"/>
        <location filename="../../ui/profile_dialog.py" line="+0"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../../ui/profile_dialog.py" line="+1"/>
        <source>No, never had one</source>
        <translation>Nein, nie gehabt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Account names or e-mail addresses, one per line</source>
        <translation>Kontonamen oder E-Mail-Adressen, eine pro Zeile</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Languages as locales, e.g. de-DE, one per line</source>
        <translation>Sprachen als Gebietsschema, z. B. de-DE, eines pro Zeile</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+35"/>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+100"/>
        <source>Recordings of your voice</source>
        <translation>Aufnahmen Ihrer Stimme</translation>
    </message>
    <message>
        <location line="-99"/>
        <source>Add recordings of your voice…</source>
        <translation>Aufnahmen Ihrer Stimme hinzufügen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record your voice…</source>
        <translation>Ihre Stimme aufnehmen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signs the discrepancy report; not used by the check</source>
        <translation>Unterschreibt den Bericht; die Prüfung verwendet ihn nicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+30"/>
        <location filename="../../ui/report_dialog.py" line="+112"/>
        <location line="+35"/>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>E-mail or postal address for the company&apos;s answer</source>
        <translation>E-Mail- oder Postanschrift für die Antwort des Unternehmens</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+27"/>
        <location filename="../../ui/report_dialog.py" line="-32"/>
        <location line="+33"/>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Voice assistant</source>
        <translation>Sprachassistent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages</source>
        <translation>Sprachen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your voice</source>
        <translation>Ihre Stimme</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Devices in this export</source>
        <translation>Geräte in diesem Export</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>registered</source>
        <translation>registriert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NOT in the export&apos;s registration</source>
        <translation>NICHT in der Registrierung des Exports</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Tick the devices that are yours:</source>
        <translation>Haken Sie die Geräte an, die Ihnen gehören:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Audio (*.wav *.flac *.ogg *.opus *.mp3);;All files (*)</source>
        <translation>Audio (*.wav *.flac *.ogg *.opus *.mp3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../ui/voices_panel.py" line="+56"/>
        <source>Voices in this export</source>
        <translation>Stimmen in diesem Export</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Play a Sample</source>
        <translation>Hörprobe abspielen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This Is Me</source>
        <translation>Das bin ich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My Household</source>
        <translation>Mein Haushalt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not Us</source>
        <translation>Nicht wir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Don&apos;t Know</source>
        <translation>Weiß nicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take back what you said about this voice</source>
        <translation>Ihre Antwort zu dieser Stimme zurücknehmen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Listening to every recording… the voices appear here when that is done.</source>
        <translation>Alle Aufnahmen werden angehört… die Stimmen erscheinen hier, sobald das fertig ist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>No voices yet: open an export with recordings.</source>
        <translation>Noch keine Stimmen: Öffnen Sie einen Export mit Aufnahmen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recordings that sound alike are grouped into voices. Play a sample of each and say whose it is: your answer counts for all its recordings.</source>
        <translation>Aufnahmen, die gleich klingen, sind zu Stimmen gruppiert. Spielen Sie von jeder eine Hörprobe ab und sagen Sie, wessen Stimme es ist: Ihre Antwort gilt für alle ihre Aufnahmen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your voice is not known yet: say “This Is Me” on a voice that is yours, or record your voice in About You, and each card shows how close it sounds to you.</source>
        <translation>Ihre Stimme ist noch nicht bekannt: Sagen Sie „Das bin ich“ bei einer Stimme, die Ihre ist, oder nehmen Sie Ihre Stimme unter „Angaben zu Ihnen“ auf; dann zeigt jede Karte, wie ähnlich sie Ihnen klingt.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{not_mine} not mine, {mine} mine</source>
        <translation>{not_mine} nicht meins, {mine} meins</translation>
    </message>
    <message>
        <location filename="../../ui/voice_recorder.py" line="+42"/>
        <source>Record Your Voice</source>
        <translation>Ihre Stimme aufnehmen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Press Record and read this sentence aloud at your normal pace. The recording stays on this computer.</source>
        <translation>Drücken Sie „Aufnehmen“ und lesen Sie diesen Satz in Ihrem normalen Tempo laut vor. Die Aufnahme bleibt auf diesem Computer.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Input level</source>
        <translation>Eingangspegel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record</source>
        <translation>Aufnehmen</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recording…</source>
        <translation>Aufnahme läuft…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Recording… {seconds:.1f} s</source>
        <translation>Aufnahme läuft… {seconds:.1f} s</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Record Again</source>
        <translation>Erneut aufnehmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That was too short ({seconds:.1f} s); please read the whole sentence.</source>
        <translation>Das war zu kurz ({seconds:.1f} s); bitte lesen Sie den ganzen Satz.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recorded {seconds:.1f} s.</source>
        <translation>{seconds:.1f} s aufgenommen.</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="-54"/>
        <source>Report Discrepancy</source>
        <extracomment>The earliest date the date fields offer; shown as &quot;not given&quot;.</extracomment>
        <translation>Fremde Daten melden</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n recording(s) are not yours. The report lists them with their checksums and the evidence, and asks the company to act. It holds no audio and no transcript of them.</source>
        <translation>
            <numerusform>%n Aufnahme stammt nicht von Ihnen. Der Bericht führt sie mit Prüfsumme und Belegen auf und fordert das Unternehmen zum Handeln auf. Er enthält weder ihre Audiodaten noch ihr Transkript.</numerusform>
            <numerusform>%n Aufnahmen stammen nicht von Ihnen. Der Bericht führt sie mit Prüfsummen und Belegen auf und fordert das Unternehmen zum Handeln auf. Er enthält weder ihre Audiodaten noch ihre Transkripte.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/cases_model.py" line="+74"/>
        <source>draft</source>
        <extracomment>Okabe–Ito vermilion, the colour the app already uses for &quot;not mine&quot;: readable on light and dark backgrounds, and apart from blue for the common colour-vision deficiencies. Sorting by state: what needs the user first.</extracomment>
        <translation>Entwurf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sent</source>
        <translation>verschickt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>answered</source>
        <translation>beantwortet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>⚠ overdue</source>
        <translation>⚠ überfällig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>closed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>not sent yet</source>
        <translation>noch nicht verschickt</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n Tag überfällig</numerusform>
            <numerusform>%n Tage überfällig</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due today</source>
        <translation>heute fällig</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n day(s) left</source>
        <translation>
            <numerusform>noch %n Tag</numerusform>
            <numerusform>noch %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Draft: the report is not sent yet</source>
        <translation>Entwurf: Der Bericht ist noch nicht verschickt</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>⚠ Overdue: no answer %n day(s) after the deadline</source>
        <translation>
            <numerusform>⚠ Überfällig: keine Antwort %n Tag nach Fristende</numerusform>
            <numerusform>⚠ Überfällig: keine Antwort %n Tage nach Fristende</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent: the answer is due today</source>
        <translation>Verschickt: Die Antwort ist heute fällig</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Sent: %n day(s) left to answer</source>
        <translation>
            <numerusform>Verschickt: noch %n Tag bis zur Antwort</numerusform>
            <numerusform>Verschickt: noch %n Tage bis zur Antwort</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered on {day}</source>
        <translation>Beantwortet am {day}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed on {day}</source>
        <translation>Abgeschlossen am {day}</translation>
    </message>
    <message>
        <location filename="../../ui/cases_detail.py" line="+198"/>
        <location filename="../../ui/cases_model.py" line="+4"/>
        <location filename="../../ui/report_dialog.py" line="+9"/>
        <location line="+37"/>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <location filename="../../ui/cases_model.py" line="+0"/>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../../ui/cases_detail.py" line="+1"/>
        <location filename="../../ui/cases_model.py" line="+0"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="-138"/>
        <location filename="../../ui/cases_model.py" line="+0"/>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>other files holding only the other person&apos;s data</source>
        <translation>weitere Dateien mit nur den Daten der anderen Person</translation>
    </message>
    <message>
        <location line="+213"/>
        <location filename="../../ui/cases_model.py" line="+0"/>
        <source>Sent</source>
        <translation>Verschickt</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../ui/cases_model.py" line="+0"/>
        <source>Deadline</source>
        <translation>Frist</translation>
    </message>
    <message>
        <location filename="../../ui/cases_model.py" line="+1"/>
        <source>Days left</source>
        <translation>Verbleibend</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>SHA-256 of the export: {sha}</source>
        <translation>SHA-256 des Exports: {sha}</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="-35"/>
        <source>Your name, to sign the letter</source>
        <translation>Ihr Name, zum Unterschreiben des Schreibens</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E-mail or postal address for the answer</source>
        <translation>E-Mail- oder Postanschrift für die Antwort</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+31"/>
        <source>Requested on</source>
        <translation>Angefordert am</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>Received on</source>
        <translation>Erhalten am</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dialogs.py" line="-61"/>
        <location line="+50"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Record the Answer</source>
        <extracomment>The corrected export (a ZIP, its split parts or a folder); empty: none came.</extracomment>
        <translation>Antwort festhalten</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+21"/>
        <source>Answered on</source>
        <translation>Beantwortet am</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>What the company wrote, in your words (kept only on this computer)</source>
        <translation>Was das Unternehmen geschrieben hat, in Ihren Worten (bleibt auf diesem Computer)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+18"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Optional: the corrected export they sent</source>
        <translation>Optional: der korrigierte Export, den es geschickt hat</translation>
    </message>
    <message>
        <location filename="../../ui/cases_detail.py" line="-125"/>
        <location filename="../../ui/cases_dialogs.py" line="+1"/>
        <location line="+15"/>
        <source>Corrected export</source>
        <translation>Korrigierter Export</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dialogs.py" line="-14"/>
        <source>File…</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A corrected export is checked against the first one: are the files that were not yours gone, and are yours still there?</source>
        <translation>Ein korrigierter Export wird mit dem ersten verglichen: Sind die Dateien, die nicht Ihre waren, entfernt, und sind Ihre noch da?</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+7"/>
        <source>The Corrected Export</source>
        <translation>Der korrigierte Export</translation>
    </message>
    <message>
        <location line="+21"/>
        <location filename="../../ui/report_dialog.py" line="-26"/>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/report_dialog.py" line="+1"/>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language of the letter</source>
        <translation>Sprache des Briefs</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Write PDF</source>
        <translation>PDF schreiben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the Letter</source>
        <translation>Brief speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose a file for the letter.</source>
        <translation>Wählen Sie eine Datei für den Brief.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The folder {folder} does not exist.</source>
        <translation>Den Ordner {folder} gibt es nicht.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Write a Reminder</source>
        <translation>Erinnerung schreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The company has not answered in time. The reminder refers to your report of {day} by its SHA-256 and repeats what you asked for.</source>
        <translation>Das Unternehmen hat nicht rechtzeitig geantwortet. Die Erinnerung nennt Ihren Bericht vom {day} mit seiner SHA-256-Prüfsumme und wiederholt Ihre Forderungen.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Complaint form</source>
        <translation>Beschwerdeformular</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How to complain</source>
        <translation>So beschweren Sie sich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Choose the authority of your country (or German Land).</source>
        <translation>Wählen Sie die Behörde Ihres Landes (oder Bundeslandes).</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Write a Complaint</source>
        <translation>Beschwerde schreiben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A complaint to a data protection authority (GDPR Art. 77). It carries the same evidence as your report (checksums, counts, reasons; nothing of the other person&apos;s) and the timeline of the case.</source>
        <translation>Eine Beschwerde bei einer Datenschutzaufsichtsbehörde (Art. 77 DSGVO). Sie enthält dieselben Belege wie Ihr Bericht (Prüfsummen, Anzahlen, Gründe; nichts von der anderen Person) und den Verlauf des Falls.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+25"/>
        <source>Authority</source>
        <translation>Behörde</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Choose your country or German Land…</source>
        <translation>Ihr Land oder Bundesland wählen …</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The authority</source>
        <translation>Die Behörde</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="+2"/>
        <source>Language of the report</source>
        <translation>Sprache des Berichts</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+22"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dialogs.py" line="-134"/>
        <location filename="../../ui/report_dialog.py" line="-21"/>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="+6"/>
        <source>Add short excerpts of the transcripts, with names, numbers and places masked</source>
        <translation>Kurze Auszüge der Transkripte hinzufügen, mit geschwärzten Namen, Zahlen und Orten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also write a copy of the export without the files that are not yours</source>
        <translation>Auch eine Kopie der Datenauskunft ohne die Dateien schreiben, die nicht von Ihnen stammen</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dialogs.py" line="+45"/>
        <location line="+100"/>
        <location filename="../../ui/report_dialog.py" line="+12"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="+4"/>
        <source>Write Report</source>
        <translation>Bericht schreiben</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>not given</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Folder for the report</source>
        <translation>Ordner für den Bericht</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Choose a folder for the report.</source>
        <translation>Wählen Sie einen Ordner für den Bericht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder {folder} is not empty; choose a new or empty folder.</source>
        <translation>Der Ordner {folder} ist nicht leer; wählen Sie einen neuen oder leeren Ordner.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The report could not be written: {reason}</source>
        <extracomment>Just before ``finished``: what a case needs to follow the report (viewer.cases).</extracomment>
        <translation>Der Bericht konnte nicht geschrieben werden: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/voice_card.py" line="-195"/>
        <source>no dates</source>
        <translation>ohne Datum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{first} to {last}</source>
        <translation>{first} bis {last}</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>d MMM yyyy</source>
        <comment>Qt date format: 4 Mar 2018</comment>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Likeness to your voice: not known yet</source>
        <translation>Ähnlichkeit zu Ihrer Stimme: noch unbekannt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sounds like you (likeness {number} of 1)</source>
        <translation>Klingt wie Sie (Ähnlichkeit {number} von 1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Might be you; the model is not sure (likeness {number} of 1)</source>
        <translation>Könnten Sie sein; das Modell ist unsicher (Ähnlichkeit {number} von 1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Does not sound like you (likeness {number} of 1)</source>
        <translation>Klingt nicht wie Sie (Ähnlichkeit {number} von 1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How alike this voice&apos;s typical recording and your voice sound to the voice model, from 0 (nothing alike) to 1 (the same voice). Your own recordings usually reach 0.75 or more. Relatives and similar voices can score high too: listen before you answer.</source>
        <translation>Wie ähnlich die typische Aufnahme dieser Stimme und Ihre Stimme für das Stimmmodell klingen, von 0 (gar nicht ähnlich) bis 1 (dieselbe Stimme). Ihre eigenen Aufnahmen erreichen meist 0,75 oder mehr. Auch Verwandte und ähnliche Stimmen können hoch liegen: Hören Sie hinein, bevor Sie antworten.</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>Me</source>
        <translation>Ich</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>My household</source>
        <translation>Mein Haushalt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not us</source>
        <translation>Nicht wir</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You said: this is you</source>
        <translation>Ihre Antwort: das sind Sie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You said: someone of your household</source>
        <translation>Ihre Antwort: jemand aus Ihrem Haushalt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You said: nobody you know</source>
        <translation>Ihre Antwort: niemand, den Sie kennen</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>&lt;b&gt;Voice {number}&lt;/b&gt; · %n recording(s)</source>
        <translation>
            <numerusform>&lt;b&gt;Stimme {number}&lt;/b&gt; · %n Aufnahme</numerusform>
            <numerusform>&lt;b&gt;Stimme {number}&lt;/b&gt; · %n Aufnahmen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>▶ Play</source>
        <translation>▶ Abspielen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play this voice&apos;s typical recording</source>
        <translation>Die typische Aufnahme dieser Stimme abspielen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play a sample of voice {number}</source>
        <translation>Hörprobe von Stimme {number} abspielen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>When this voice spoke, on the export&apos;s whole time span ({span})</source>
        <translation>Wann diese Stimme sprach, über den ganzen Zeitraum des Exports ({span})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When voice {number} spoke</source>
        <translation>Wann Stimme {number} sprach</translation>
    </message>
</context>
<context>
    <name>FilesView</name>
    <message>
        <location filename="../../ui/files_view.py" line="+58"/>
        <source>Filter by path…</source>
        <extracomment>Above this many members the filter waits for a pause in typing before it runs. A filter expands everything it shows when it matches at most this many files. An export with at most this many top-level rows opens with them expanded.</extracomment>
        <translation>Nach Pfad filtern…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter files by path</source>
        <translation>Dateien nach Pfad filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only not understood or with problems</source>
        <translation>Nur nicht erkannte oder problematische</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only files not understood or with problems</source>
        <translation>Nur Dateien zeigen, die nicht erkannt wurden oder Probleme haben</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Files in the export</source>
        <translation>Dateien im Export</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>No export is open.</source>
        <translation>Kein Export geöffnet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{files}, {size}</source>
        <translation>{files}, {size}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} not understood or with problems</source>
        <translation>{count} nicht erkannt oder problematisch</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} matching</source>
        <translation>{count} Treffer</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Not understood: {reason}</source>
        <translation>Nicht erkannt: {reason}</translation>
    </message>
</context>
<context>
    <name>MemberPreview</name>
    <message>
        <location filename="../../ui/preview_pane.py" line="+99"/>
        <source>Preview</source>
        <extracomment>Table columns are sized to fit this many rows (sizing all 2,000 would be slow). &quot;Loading…&quot; appears only if a preview takes longer than this (no flicker when browsing).</extracomment>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Preview note</source>
        <translation>Vorschauhinweis</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Preview message</source>
        <translation>Vorschaumeldung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preview text</source>
        <translation>Vorschautext</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preview table</source>
        <translation>Vorschautabelle</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+21"/>
        <source>Select a file to see what it holds.</source>
        <translation>Eine Datei auswählen, um ihren Inhalt zu sehen.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>This archive holds {files} ({size}).</source>
        <translation>Dieses Archiv enthält {files} ({size}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This folder holds {files} ({size}).</source>
        <translation>Dieser Ordner enthält {files} ({size}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Folders inside: {count}</source>
        <translation>Enthaltene Ordner: {count}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} not understood or with problems: turn on “Only not understood or with problems” to list them.</source>
        <translation>{count} nicht erkannt oder problematisch: „Nur nicht erkannte oder problematische“ einschalten, um sie aufzulisten.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This file was not opened:</source>
        <translation>Diese Datei wurde nicht geöffnet:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>An audio file. It is not one of the recordings the importers found.</source>
        <translation>Eine Audiodatei. Sie gehört nicht zu den Aufnahmen, die die Importmodule gefunden haben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recording — play it in the Recordings view.</source>
        <translation>Aufnahme – abspielbar in der Ansicht „Aufnahmen“.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{rate} kHz</source>
        <translation>{rate} kHz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mono</source>
        <translation>Mono</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} channels</source>
        <translation>{count} Kanäle</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It cannot be played: {reason}</source>
        <translation>Sie kann nicht abgespielt werden: {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Double-click it in the list to open it there.</source>
        <translation>Ein Doppelklick in der Liste öffnet sie dort.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>This file could not be shown: {error}</source>
        <translation>Diese Datei kann nicht angezeigt werden: {error}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>— Page {number} of {count} —</source>
        <translation>— Seite {number} von {count} —</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Showing the first {shown} of {total}.</source>
        <translation>Angezeigt: die ersten {shown} von {total}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Showing the first {shown} of the formatted JSON.</source>
        <translation>Angezeigt: die ersten {shown} des formatierten JSON.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Showing the first {count} rows; the file holds more.</source>
        <translation>Angezeigt: die ersten {count} Zeilen; die Datei enthält mehr.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not valid JSON ({where}); shown as text.</source>
        <translation>Kein gültiges JSON ({where}); als Text angezeigt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Larger than {size}: shown as it is, not formatted.</source>
        <translation>Größer als {size}: unformatiert angezeigt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An Excel workbook: open it in a spreadsheet program. Its first bytes:</source>
        <translation>Eine Excel-Arbeitsmappe: in einer Tabellenkalkulation öffnen. Die ersten Bytes:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Showing the text of the first {shown} of {count} pages.</source>
        <translation>Angezeigt: der Text der ersten {shown} von {count} Seiten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The text of page {number} could not be read ({error}).</source>
        <translation>Der Text von Seite {number} konnte nicht gelesen werden ({error}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This PDF holds no text that can be extracted (it may be scanned images).</source>
        <translation>Dieses PDF enthält keinen extrahierbaren Text (vielleicht besteht es aus gescannten Bildern).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 file</source>
        <translation>1 Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} files</source>
        <translation>{count} Dateien</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>other</source>
        <translation>Sonstige</translation>
    </message>
</context>
<context>
    <name>MemberTreeModel</name>
    <message>
        <location filename="../../ui/files_model.py" line="+290"/>
        <source>Name</source>
        <extracomment>The member&apos;s path (nested levels joined by ``!/``); folders: their path, no slash. &quot;folder&quot;, or the MemberKind value (&quot;audio&quot;, &quot;archive&quot;, ...). Bytes as an int: the member&apos;s size, or the total of what a folder holds. What the proxy sorts by: raw values, folders before files for the name column. A Status value: &quot;folder&quot;, &quot;recording&quot;, &quot;understood&quot;, &quot;not-understood&quot;, &quot;problem&quot;, &quot;&quot;. True when this row itself is not understood or has problems. True for an audio member that is a Recording of the contents. Files (members that are not opened archives) below a folder or archive; 1 for a file.</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{size} ({count} bytes)</source>
        <translation>{size} ({count} Bytes)</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 file</source>
        <translation>1 Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} files</source>
        <translation>{count} Dateien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{files}; {count} not understood or with problems</source>
        <translation>{files}; davon {count} nicht erkannt oder problematisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damaged</source>
        <translation>Beschädigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot be read</source>
        <translation>Nicht lesbar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not opened</source>
        <translation>Nicht geöffnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Has problems</source>
        <translation>Mit Problemen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A recording, recognised by {importer}</source>
        <translation>Eine Aufnahme, erkannt von {importer}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recording</source>
        <translation>Aufnahme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recording (cannot be played)</source>
        <translation>Aufnahme (nicht abspielbar)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not understood</source>
        <translation>Nicht erkannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read by {importers}</source>
        <translation>Gelesen von {importers}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Understood</source>
        <translation>Erkannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An importer read this file</source>
        <translation>Ein Importmodul hat diese Datei gelesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read with problems</source>
        <translation>Mit Problemen gelesen</translation>
    </message>
</context>
<context>
    <name>PlayerController</name>
    <message>
        <location filename="../../ui/player.py" line="+133"/>
        <source>the PortAudio sound library could not be loaded.</source>
        <extracomment>How often the position is read while playing (ms): smooth playhead, little work. Clips longer than this get their speed change computed in the background. Decoded clips kept for going back: short assistant clips are ~200 KB each. A PlaybackState value: &quot;stopped&quot;, &quot;playing&quot;, &quot;paused&quot;, &quot;finished&quot;. Seconds into the current recording. Seconds; 0 while nothing is loaded. The current recording played to its end. A message for a person (no sound device, cannot decode...). A new recording was asked for (its member path; &quot;&quot; when unloaded). Decoding of ``path`` started / succeeded (with its ``(n, 2)`` peaks) / failed. ``play_through`` is on and the recording ended (or could not be decoded). Sound became unavailable (see ``unavailable_reason``) or available again. Recently decoded clips (with their peaks) of the current export, newest last. Start playing as soon as a loaded recording is decoded. When a recording ends, ask the window for the next one (``advance_requested``). Counts the recordings asked for: a time stretch for an earlier one is dropped.</extracomment>
        <translation>die Audiobibliothek PortAudio konnte nicht geladen werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no audio output device was found.</source>
        <translation>kein Audioausgabegerät gefunden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the audio output could not be opened.</source>
        <translation>die Audioausgabe ließ sich nicht öffnen.</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Unexpected error while decoding: {error}</source>
        <translation>Unerwarteter Fehler beim Dekodieren: {error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot play {path}: {message}</source>
        <translation>{path} kann nicht abgespielt werden: {message}</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Decoding…</source>
        <translation>Wird dekodiert…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot decode: {message}</source>
        <translation>Dekodieren nicht möglich: {message}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No sound: {reason}</source>
        <translation>Kein Ton: {reason}</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <location filename="../../ui/timeline.py" line="+120"/>
        <source>Timeline</source>
        <extracomment>The recording&apos;s path; what ``current_requested`` and ``set_current`` speak of. POSIX seconds, UTC. Tooltip text (time, device, transcript excerpt), built by the caller. A mark was clicked: the caller may make that recording current (``set_current``). A time range was selected by dragging: (start, end) in POSIX seconds, start &lt; end. The selected range was cleared (Escape, a click on empty space, ``clear_selection``). The visible time range changed (zoom, pan, fit): (start, end) in POSIX seconds.</extracomment>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recordings on a time axis. Wheel or plus and minus keys zoom, arrow keys pan, Home shows everything, a drag selects a time range, Escape clears it.</source>
        <translation>Aufnahmen auf einer Zeitachse. Mausrad oder Plus- und Minustaste zoomen, Pfeiltasten verschieben, Pos1 zeigt alles, Ziehen wählt einen Zeitraum aus, Esc hebt die Auswahl auf.</translation>
    </message>
    <message numerus="yes">
        <location line="+188"/>
        <source>(%n more at this point: zoom in to separate them)</source>
        <extracomment>Per colour slot of the track, the colour; per RGBA value, the QColor given for it.</extracomment>
        <translation>
            <numerusform>(%n weitere an dieser Stelle: zum Trennen hineinzoomen)</numerusform>
            <numerusform>(%n weitere an dieser Stelle: zum Trennen hineinzoomen)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{start} to {end}</source>
        <translation>{start} bis {end}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Zoom in to see each recording.</source>
        <translation>Hineinzoomen zeigt jede Aufnahme einzeln.</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>{weekday} {day} {month} {year}</source>
        <translation>{weekday}, {day}. {month} {year}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{day} {month}</source>
        <translation>{day}. {month}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{month} {year}</source>
        <translation>{month} {year}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{weekday} {day} {month} {year}, {time}</source>
        <translation>{weekday}, {day}. {month} {year}, {time}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>1 recording</source>
        <translation>1 Aufnahme</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n recordings</source>
        <translation>
            <numerusform>%n Aufnahme</numerusform>
            <numerusform>%n Aufnahmen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} s</source>
        <translation>{n} s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{h} h {m} min</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{d} d {h} h</source>
        <translation>{d} d {h} h</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>No recordings with a time</source>
        <translation>Keine Aufnahmen mit Zeitangabe</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Times in {zone}</source>
        <translation>Zeiten in {zone}</translation>
    </message>
    <message numerus="yes">
        <location line="+87"/>
        <source>+%n more</source>
        <translation>
            <numerusform>+%n weitere</numerusform>
            <numerusform>+%n weitere</numerusform>
        </translation>
    </message>
    <message>
        <location line="-15"/>
        <source>{duration} · {count}</source>
        <translation>{duration} · {count}</translation>
    </message>
</context>
<context>
    <name>WaveformWidget</name>
    <message>
        <location filename="../../ui/waveform.py" line="+93"/>
        <source>Waveform</source>
        <extracomment>Ruler steps in seconds, finest first; the finest that leaves room for its labels wins. Minor ticks per step, so minor ticks fall on round times (15 s: every 5 s). Seconds moved by Left/Right (Shift: ``_BIG_NUDGE_S``). Seconds the person asked for (click, every move while dragging, arrow keys). Seconds where a click or drag ended.</extracomment>
        <translation>Wellenform</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The recording&apos;s sound over time, with a time ruler. Click or drag to move the playhead; Left and Right arrows move it by one second, Home and End to the start and the end.</source>
        <translation>Der Klang der Aufnahme im zeitlichen Verlauf, mit Zeitlineal. Klicken oder Ziehen versetzt die Abspielposition; die Pfeiltasten nach links und rechts bewegen sie um eine Sekunde, Pos1 und Ende springen an den Anfang und an das Ende.</translation>
    </message>
</context>
</TS>
