"""The checks' verdict of every item, as the preview shows it while staff edit: computed by the content
rules ``ita check`` runs, so the preview and the check never disagree."""

from __future__ import annotations

from datetime import date

from checks.content.rules import content_findings
from checks.findings import Severity, verdict
from checks.reports.formats import VERDICT_TH
from generator.model import Model
from generator.pages.render import ItemPreview, PreviewNote, Previews


def previews(model: Model, today: date) -> Previews:
    """Every item of every year with a catalogue, with what ``ita check`` would say of it today."""
    found: Previews = {}
    for year in model.years:
        if year not in model.catalogues:
            continue
        findings = content_findings(model, year, today)
        for spec in model.catalogues[year].items:
            mine = [finding for finding in findings if finding.item == spec.id]
            notes = tuple(PreviewNote(finding.element, finding.severity.value, finding.message,
                                      finding.basis.thai() if finding.basis else "")
                          for finding in mine if finding.severity is not Severity.NOTE or finding.element)
            judged = verdict(mine)
            found[(year, spec.id)] = ItemPreview(judged.value, VERDICT_TH[judged], notes)
    return found
