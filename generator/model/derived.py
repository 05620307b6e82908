"""Whether each element of an item is shown, and if not, why: one answer for pages and checks.

Most elements are shown by the evidence listed under them. Elements the catalogue marks
``derived_from`` are shown by the item's structured data instead: the executives' records,
the analysis of last year's ITA results, or the columns of the measures table.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import ElementSpec, Evidence, Item, Model

MEASURE_LABELS = {"measure": "ชื่อมาตรการ", "indicator": "ตัวชี้วัดที่สอดคล้อง", "steps": "ขั้นตอนหรือวิธีการ",
                  "period": "ช่วงเวลาดำเนินการ", "responsible": "ผู้รับผิดชอบ"}
PERSON_LABELS = {"name": "ชื่อ-นามสกุล", "position": "ตำแหน่ง", "photo": "รูปถ่าย", "contact": "ช่องทางการติดต่อ"}


@dataclass(frozen=True)
class ElementStatus:
    evidence: tuple[Evidence, ...]
    problems: tuple[str, ...]  # Thai; empty when the element is shown

    @property
    def present(self) -> bool:
        return not self.problems


def _people(item: Item, field: str) -> tuple[str, ...]:
    if not item.people:
        return ("ยังไม่มีรายชื่อผู้บริหาร",)
    lacking = [person.name or "(ไม่มีชื่อ)" for person in item.people if not person.has(field)]
    return (f"ไม่มี{PERSON_LABELS[field]}ของ {', '.join(lacking)}",) if lacking else ()


def _analysis(model: Model, item: Item) -> tuple[str, ...]:
    analysed = item.year - 1
    results = model.results.get(analysed)
    if results is None:
        return (f"ยังไม่มีผลการประเมิน ITA {analysed} ให้กรอกในไฟล์ content/results/{analysed}.yml",)
    catalogue = model.catalogues.get(analysed) or model.catalogues[item.year]
    missing = [str(ind.number) for ind in catalogue.indicators if ind.number not in results.indicators]
    return ((f"ผลการประเมิน ITA {analysed} ยังไม่มีคะแนนตัวชี้วัดที่ {', '.join(missing)} "
             "การวิเคราะห์ต้องครอบคลุมทั้ง 10 ตัวชี้วัด"),) if missing else ()


def _measures(model: Model, item: Item, field: str) -> tuple[str, ...]:
    measures = item.analysis.measures if item.analysis else ()
    if not measures:
        return ("ยังไม่มีตารางมาตรการ (ช่อง measures)",)
    problems = [f'มาตรการที่ {number} "{measure.measure}" ไม่มี{MEASURE_LABELS[field]}'
                for number, measure in enumerate(measures, start=1) if not getattr(measure, field)]
    if field == "indicator":
        catalogue = model.catalogues.get(item.year - 1) or model.catalogues[item.year]
        valid = {ind.number for ind in catalogue.indicators}
        problems += [f'มาตรการที่ {number} "{measure.measure}" อ้างถึงตัวชี้วัดที่ {measure.indicator} ซึ่งไม่มี '
                     f"(มีตัวชี้วัดที่ {min(valid)}–{max(valid)})"
                     for number, measure in enumerate(measures, start=1)
                     if measure.indicator is not None and measure.indicator not in valid]
    return tuple(problems)


def element_status(model: Model, item: Item, element: ElementSpec) -> ElementStatus:
    source = element.derived_from
    if source is None:
        evidence = item.evidence_for(element)
        return ElementStatus(evidence, () if evidence else ("ยังไม่มีหลักฐาน",))
    kind, _, field = source.partition(".")
    if kind == "people":
        return ElementStatus(tuple(item.people), _people(item, field))
    if kind == "analysis":
        return ElementStatus((), _analysis(model, item))
    return ElementStatus((), _measures(model, item, field))
