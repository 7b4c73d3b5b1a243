"""The discrepancy report (Qt-free): what the user sends to the company, and a cleaned copy.

>>> data = build_report_data(check_result, export, ReportRequest(language="de"))
>>> write_report(folder, data, export, render_pdf=render_pdf, clean_copy=True)
"""

from viewer.report.cleaned import CleanCopy
from viewer.report.controllers import guess_controller
from viewer.report.data import (
    ReportData,
    ReportRequest,
    build_report_data,
    received_date,
    with_marks,
)
from viewer.report.json_report import REPORT_SCHEMA, describe_report
from viewer.report.letter import render_letter
from viewer.report.write import (
    ReportWriteError,
    prepare_folder,
    write_report,
    write_report_steps,
)

__all__ = [
    "REPORT_SCHEMA",
    "CleanCopy",
    "ReportData",
    "ReportRequest",
    "ReportWriteError",
    "build_report_data",
    "describe_report",
    "guess_controller",
    "prepare_folder",
    "received_date",
    "render_letter",
    "with_marks",
    "write_report",
    "write_report_steps",
]
