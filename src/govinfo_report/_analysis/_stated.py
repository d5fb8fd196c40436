"""The narrative against the tables: figures the text states, compared with the cells.

`narrative_figures` extracts the figures the narrative sections state in a form
whose meaning is unambiguous (``共受理政府信息公开申请2件``,
``行政复议1件，其中结果维持1件``, ``处理行政许可、行政处罚、行政强制等决定数量28万余条``);
`narrative_mismatches` compares each with the table cells it speaks of
(rules ``N1``…``N4``). The patterns are deliberately narrow: a statement that
could mean something else (a part of the total, another year, another kind of
application) is not extracted, so a finding is worth reading.

Over 500 lines: regex-heavy; each narrow pattern of N1–N4 is kept beside the
cells it speaks of, so that a pattern and its readings cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

import attrs

from govinfo_report._analysis._checks import analysis_rule
from govinfo_report._analysis._wording import (
    NUMBER,
    Amount,
    Sentence,
    parse_amount,
    sentences,
)
from govinfo_report._findings import Finding, shortened
from govinfo_report._format import (
    LITIGATION_HEADING,
    ActiveColumn,
    ActiveRow,
    AppealGroup,
    AppealResult,
    Applicant,
    FormatVersion,
    Outcome,
    OutcomeGroup,
    SectionId,
)
from govinfo_report._limits import DEFAULT_LIMITS, Limits
from govinfo_report._model import Report
from govinfo_report._values import Mark


@attrs.frozen(kw_only=True)
class StatedFigure:
    """A figure the narrative states, and the cells it speaks of.

    Attributes:
        rule: the narrative rule that compares it (``N1``…``N4``).
        quantity: what it counts, in English code words
            (``requests.received``, ``appeals.review.upheld``,
            ``active.decisions``…).
        stated: the words that state it, normalised (``受理政府信息公开申请2件``).
        amount: the range the statement allows.
        section: the section it stands in.
        paragraph: the paragraph's position in the section (from 1).
        sentence: the sentence, as published.
        candidates: the readings it may have, each a pair of cell tuples
            ``(low, high)``: the statement agrees with the tables when, for some
            reading, it allows a value between the sum of ``low`` and the sum
            of ``high`` (the same cells unless the statement says ``等``). The
            first reading is the one messages name.
    """

    rule: str
    quantity: str
    stated: str
    amount: Amount
    section: SectionId
    paragraph: int
    sentence: str
    candidates: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]

    @property
    def cells(self) -> tuple[str, ...]:
        """The cells of the first reading."""
        return self.candidates[0][1]


# ----------------------------------------------------------------- cell helpers

_TOTAL = Applicant.TOTAL.value


def _requests(*outcomes: Outcome) -> tuple[str, ...]:
    return tuple(f"requests.{o.value}.{_TOTAL}" for o in outcomes)


def _appeals(result: AppealResult, *groups: AppealGroup) -> tuple[str, ...]:
    return tuple(f"appeals.{g.value}.{result.value}" for g in groups)


def _exact(
    *readings: tuple[str, ...],
) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    return tuple((cells, cells) for cells in readings)


_REVIEW = (AppealGroup.REVIEW,)
_LAWSUITS = (AppealGroup.LITIGATION_DIRECT, AppealGroup.LITIGATION_AFTER_REVIEW)

# The words a narrative uses for the two kinds of appeal are the official
# headings of table 4, and the code of a quantity names the group by its id.
# Table 4 has no id for the two lawsuit groups together: ``litigation`` is the
# narrative checks' own code for them.
_REVIEW_WORD = AppealGroup.REVIEW.label
_LITIGATION_WORD = LITIGATION_HEADING
_APPEAL_CODES = {_REVIEW_WORD: AppealGroup.REVIEW.value, _LITIGATION_WORD: "litigation"}


def _appeal_readings(
    group: str, result: AppealResult, *, zero: bool = False
) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    if group == _REVIEW_WORD:
        return _exact(_appeals(result, *_REVIEW))
    both = _appeals(result, *_LAWSUITS)
    if zero:
        return _exact(both)
    return _exact(both, both[:1], both[1:])


# ---------------------------------------------------------------------- patterns

_UNIT = r"(?P<unit>件|宗|起|个|份|条|项)"
_JOIN = r"(?:共计|共|合计|总计|累计)?(?:计|为|达)?"
_OBJECT = (
    r"(?:政府信息公开申请(?:事项)?|信息公开申请|依申请公开(?:申请|事项)?"
    r"|申请公开(?:政府信息)?的?(?:事项|申请)?)"
)
# Clauses that speak of another year, or compare with one: never read.
_OTHER_TIME = re.compile(
    r"去年|上一年|上年度?(?!度?结转)|前年|同比|较上|比上|环比|分别|增长|减少|下降|增加"
)
_YEAR = re.compile(r"(\d{4})年")
# A part of the requests (by channel, by topic): not the total.
_PART = re.compile(
    r"其中|通过|网上|网络|在线|线上|线下|信函|当面|现场|邮寄|传真|邮件|平台|涉及"
)

_RECEIVED = re.compile(
    r"(?:受理|收到|接收|接到|新收|收悉)(?:了)?(?:各类)?"
    + _OBJECT
    + _JOIN
    + NUMBER
    + _UNIT
)
_NONE_RECEIVED = re.compile(
    r"(?:未|没有)(?:收到|接到|受理|收悉)(?:过)?(?:任何)?" + _OBJECT
)
_HANDLED = re.compile(
    r"(?:办结|办理完毕|已办结|答复)(?:了)?(?:政府信息公开申请|申请)?"
    + _JOIN
    + NUMBER
    + _UNIT
)
_CARRIED_OVER = re.compile(
    r"上年度?结转(?:的)?(?:政府信息公开申请|申请)?" + _JOIN + NUMBER + _UNIT
)
_CARRIED_FORWARD = re.compile(
    r"结转(?:至|到)?下一?年度?(?:继续办理)?(?:的)?(?:政府信息公开申请|申请)?"
    + _JOIN
    + NUMBER
    + _UNIT
)
# The outcome words are the official row and group labels of table 3 without
# numbering; ``部分公开`` without the note the format prints after it.
_GRANTED_WORD = Outcome.GRANTED.text
_PARTIAL_WORD = Outcome.PARTIALLY_GRANTED.text.partition("（")[0]
_OUTCOMES = re.compile(
    r"(?P<outcome>(?<!部分)(?<!不)"
    + "|".join(
        re.escape(word)
        for word in (_GRANTED_WORD, _PARTIAL_WORD, *(g.text for g in OutcomeGroup))
    )
    + r")(?:的)?"
    + _JOIN
    + NUMBER
    + _UNIT
)
# （六）其他处理 has no entry: it is one row (2019 layout) or three.
_OUTCOME_CELLS = {
    _GRANTED_WORD: _requests(Outcome.GRANTED),
    _PARTIAL_WORD: _requests(Outcome.PARTIALLY_GRANTED),
    **{
        g.text: _requests(*g.outcomes)
        for g in OutcomeGroup
        if g is not OutcomeGroup.OTHER
    },
}
_OUTCOME_CODES = {
    _GRANTED_WORD: Outcome.GRANTED.value,
    _PARTIAL_WORD: Outcome.PARTIALLY_GRANTED.value,
    **{g.text: g.value for g in OutcomeGroup},
}

_REVIEW_RE = re.escape(_REVIEW_WORD)
_LITIGATION_RE = re.escape(_LITIGATION_WORD)
_APPEAL_GROUP = re.compile(
    r"(?<![、和及与或])(?P<group>" + _REVIEW_RE + "|" + _LITIGATION_RE + ")"
    r"(?:案件|申请|案)?" + _JOIN + NUMBER + _UNIT
)
_APPEAL_MENTION = re.compile(_REVIEW_RE + "|" + _LITIGATION_RE)
_APPEAL_RESULT = re.compile(
    r"(?:结果)?(?P<result>维持|纠正|纠错|其他结果|尚未审结|未审结|正在审理)(?:的)?"
    + _JOIN
    + NUMBER
    + _UNIT
)
_RESULTS = {
    "维持": AppealResult.UPHELD,
    "纠正": AppealResult.CORRECTED,
    "纠错": AppealResult.CORRECTED,
    "其他结果": AppealResult.OTHER,
    "尚未审结": AppealResult.PENDING,
    "未审结": AppealResult.PENDING,
    "正在审理": AppealResult.PENDING,
}
_NO_APPEALS = re.compile(
    r"(?:未|没有)(?:被)?(?:发生|收到|出现|产生|接到|涉及|申请|提起)(?:过)?[^,;:]{0,14}?"
    r"(?P<groups>"
    + _REVIEW_RE
    + r"(?:(?:[、和及与或]|以及)(?:被?提起)?"
    + _LITIGATION_RE
    + ")?"
    r"|" + _LITIGATION_RE + r"(?:(?:[、和及与或]|以及)(?:被?申请)?" + _REVIEW_RE + ")?)"
    r"(?:案件|案|情况|事项|申请)?(?=[,。;:]|$)"
)

_DECISION_ROWS = {
    "行政许可": ActiveRow.LICENSING,
    "行政处罚": ActiveRow.PENALTY,
    "行政强制": ActiveRow.COERCION,
}
_DECISIONS = re.compile(
    r"(?P<names>(?:行政许可|行政处罚|行政强制)(?:(?:[、和及与]|以及)(?:行政许可|行政处罚|行政强制))*)"
    r"(?P<etc>等)?(?:处理|行政)?决定(?:书)?(?:数量)?" + _JOIN + NUMBER + _UNIT
)

_DOCUMENT = r"(?P<doc>(?:行政)?规范性文件|规章(?!制度))"
_DOCUMENTS = re.compile(
    r"(?P<act>制发|印发|制定|出台|废止|现行有效)(?:了|的)?"
    + _DOCUMENT
    + "?"
    + _JOIN
    + NUMBER
    + r"(?P<unit>件|个|份)"
)
_ACTS = {
    "制发": ActiveColumn.ISSUED,
    "印发": ActiveColumn.ISSUED,
    "制定": ActiveColumn.ISSUED,
    "出台": ActiveColumn.ISSUED,
    "废止": ActiveColumn.REPEALED,
    "现行有效": ActiveColumn.IN_FORCE,
}


# ------------------------------------------------------------------- extraction


def _clauses(sentence: Sentence, year: int) -> Iterator[str]:
    """The sentence's clauses that speak of the report year only."""
    for clause in sentence.normalized.split(","):
        if _OTHER_TIME.search(clause):
            continue
        if any(int(y) != year for y in _YEAR.findall(clause)):
            continue
        yield clause


def _amount(match: re.Match[str]) -> Amount | None:
    above = match.string[match.end() : match.end() + 2] == "以上"
    return parse_amount(
        match["num"], match["mag"], match["pre"], match["suf"], above=above
    )


def narrative_figures(
    report: Report, *, limits: Limits | None = None
) -> list[StatedFigure]:
    """Every figure the narrative sections state that the tables also hold.

    Sections 一, 五 and 六 are read sentence by sentence; a clause that names
    another year or compares with one (``同比``、``较上年``、``2022年``…) is
    skipped, and so is a count of requests that is a part of the total (``其中``,
    ``网上``, ``信函``…). Recognised statements (N1–N4, see
    `govinfo_report.ANALYSIS_RULES`):

    - requests received (``受理/收到/新收…政府信息公开申请N件``; ``未收到…申请``
      is 0), handled (``办结N件``), carried over and forward, and the outcome
      groups (``予以公开N件``…) in a sentence about applications;
    - reviews and lawsuits (``行政复议N件``, ``其中结果维持N件``, ``未发生…行政复议、行政诉讼``)
      in a sentence that speaks of disclosure (``公开``);
    - decisions of table 2 (``行政许可、行政处罚等决定数量28万余条``);
    - rules and normative documents issued, repealed, in force (2021 format).

    >>> from govinfo_report import example_report
    >>> [(f.quantity, f.amount.text) for f in narrative_figures(example_report())][:3]
    [('active.normative_documents.issued', '4'), ('active.normative_documents.repealed', '1'), ('active.normative_documents.in_force', '23')]
    """
    figures: list[StatedFigure] = []
    year = report.metadata.year
    documents = report.active.spec.layout is FormatVersion.V2021
    # A report loaded from JSON may hold megabytes of narrative: the work is
    # bounded by the readers' limits (sentences as rows, and the time).
    limits = limits or DEFAULT_LIMITS
    deadline = limits.deadline()
    for number, sentence in enumerate(sentences(report), 1):
        if not number % 256:
            deadline.check(f"叙述部分第 {number} 句")
        if number > limits.max_rows:
            raise limits.exceeded("max_rows", "叙述部分的句数", f"{number} 以上")

        def make(
            rule: str,
            quantity: str,
            match: re.Match[str],
            amount: Amount,
            readings: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...],
            sentence: Sentence = sentence,
        ) -> None:
            figures.append(
                StatedFigure(
                    rule=rule,
                    quantity=quantity,
                    stated=match.group(0),
                    amount=amount,
                    section=sentence.section,
                    paragraph=sentence.paragraph,
                    sentence=sentence.text,
                    candidates=readings,
                )
            )

        clauses = list(_clauses(sentence, year))
        about_requests = "申请" in sentence.normalized
        about_disclosure = "公开" in sentence.normalized
        group: str | None = None
        document: str | None = None
        for clause in clauses:
            if about_requests:
                _requests_in(clause, make)
            appeals = group is not None or any(w in clause for w in _APPEAL_CODES)
            if about_disclosure and appeals:
                group = _appeals_in(clause, group, make)
            if "决定" in clause:
                _decisions_in(clause, make)
            if documents and (document is not None or "规" in clause):
                document = _documents_in(clause, document, make)
    return figures


_RECEIVED_READINGS = _exact(
    _requests(Outcome.RECEIVED), _requests(Outcome.RECEIVED, Outcome.CARRIED_OVER)
)
_HANDLED_READINGS = _exact(
    _requests(Outcome.TOTAL),
    _requests(Outcome.RECEIVED),
    _requests(Outcome.RECEIVED, Outcome.CARRIED_OVER),
)


def _requests_in(clause: str, make: Callable[..., None]) -> None:
    whole = not _PART.search(clause)
    if whole:
        for match in _RECEIVED.finditer(clause):
            if amount := _amount(match):
                make("N1", "requests.received", match, amount, _RECEIVED_READINGS)
        for match in _NONE_RECEIVED.finditer(clause):
            make(
                "N1", "requests.received", match, Amount(0, 0, True), _RECEIVED_READINGS
            )
        for match in _HANDLED.finditer(clause):
            if amount := _amount(match):
                make("N1", "requests.total", match, amount, _HANDLED_READINGS)
    for pattern, outcome in (
        (_CARRIED_OVER, Outcome.CARRIED_OVER),
        (_CARRIED_FORWARD, Outcome.CARRIED_FORWARD),
    ):
        for match in pattern.finditer(clause):
            if amount := _amount(match):
                make(
                    "N1",
                    f"requests.{outcome.value}",
                    match,
                    amount,
                    _exact(_requests(outcome)),
                )
    for match in _OUTCOMES.finditer(clause):
        name = match["outcome"]
        amount = _amount(match)
        if amount is None:
            continue
        cells = _OUTCOME_CELLS.get(name)
        if cells is None:  # （六）其他处理: one row (2019 layout) or three
            other = _requests(Outcome.OTHER)
            three = _requests(*OutcomeGroup.OTHER.outcomes)
            readings = _exact(three, other)
        else:
            readings = _exact(cells)
        make("N1", f"requests.{_OUTCOME_CODES[name]}", match, amount, readings)


def _appeals_in(
    clause: str, group: str | None, make: Callable[..., None]
) -> str | None:
    events: list[tuple[int, str, re.Match[str]]] = []
    events.extend((m.start(), "mention", m) for m in _APPEAL_MENTION.finditer(clause))
    events.extend((m.start(), "count", m) for m in _APPEAL_GROUP.finditer(clause))
    events.extend((m.start(), "result", m) for m in _APPEAL_RESULT.finditer(clause))
    for match in _NO_APPEALS.finditer(clause):
        for name, code in _APPEAL_CODES.items():
            if name in match["groups"]:
                readings = _appeal_readings(name, AppealResult.TOTAL, zero=True)
                make("N2", f"appeals.{code}.total", match, Amount(0, 0, True), readings)
    for _, what, match in sorted(events, key=lambda e: (e[0], e[1] != "count")):
        if what == "mention":
            group = match.group(0)
        elif what == "count":
            group = match["group"]
            if amount := _amount(match):
                code = _APPEAL_CODES[group]
                make(
                    "N2",
                    f"appeals.{code}.total",
                    match,
                    amount,
                    _appeal_readings(group, AppealResult.TOTAL),
                )
        elif group is not None:
            result = _RESULTS[match["result"]]
            if amount := _amount(match):
                code = _APPEAL_CODES[group]
                make(
                    "N2",
                    f"appeals.{code}.{result.value}",
                    match,
                    amount,
                    _appeal_readings(group, result),
                )
    return group


def _decision_cell(row: ActiveRow) -> str:
    return f"active.{row.value}.{ActiveColumn.DECISIONS.value}"


_DECISION_CELLS = {name: _decision_cell(row) for name, row in _DECISION_ROWS.items()}
_EVERY_DECISION = tuple(_DECISION_CELLS.values())


def _decisions_in(clause: str, make: Callable[..., None]) -> None:
    every = _EVERY_DECISION
    for match in _DECISIONS.finditer(clause):
        amount = _amount(match)
        if amount is None:
            continue
        named = tuple(
            dict.fromkeys(
                _DECISION_CELLS[n]
                for n in re.findall("行政许可|行政处罚|行政强制", match["names"])
            )
        )
        high = every if match["etc"] else named
        make("N3", "active.decisions", match, amount, ((named, high),))


def _documents_in(
    clause: str, document: str | None, make: Callable[..., None]
) -> str | None:
    for match in _DOCUMENTS.finditer(clause):
        if match["doc"]:
            document = match["doc"]
        if document is None:
            continue
        amount = _amount(match)
        if amount is None:
            continue
        row = (
            ActiveRow.RULES
            if document.startswith("规章")
            else ActiveRow.NORMATIVE_DOCUMENTS
        )
        column = _ACTS[match["act"]]
        cell = f"active.{row.value}.{column.value}"
        make("N4", f"active.{row.value}.{column.value}", match, amount, _exact((cell,)))
    return document


# -------------------------------------------------------------------- comparison


def _value(report: Report, cells: Sequence[str]) -> int | None:
    total = 0
    for cell in cells:
        value = report[cell]
        if isinstance(value, Mark) or not isinstance(value, int):
            return None
        total += value
    return total


def narrative_mismatches(
    report: Report, *, limits: Limits | None = None
) -> list[Finding]:
    """A finding for each figure the narrative states that the tables contradict.

    Each figure of `narrative_figures` is compared with its readings; it agrees
    when one reading fits the range it states. A reading whose cells hold no
    figure (blank, ``/``, missing) cannot be compared and is left out; a
    figure with no reading left is not reported. A mismatch is a warning of
    kind ``NARRATIVE_MISMATCH`` that quotes the sentence and names the cell
    by its official labels, with the stated figure (when exact) as
    ``published`` and the table's figure as ``expected``.

    >>> from govinfo_report import example_report
    >>> narrative_mismatches(example_report())
    []
    """
    findings = []
    for figure in narrative_figures(report, limits=limits):
        readings = []
        for low_cells, high_cells in figure.candidates:
            try:
                low, high = _value(report, low_cells), _value(report, high_cells)
            except KeyError:  # a cell of another layout
                continue
            if low is not None and high is not None:
                readings.append((low_cells, high_cells, low, high))
        if not readings or any(
            figure.amount.admits(lo, hi) for _, _, lo, hi in readings
        ):
            continue
        findings.append(_mismatch(report, figure, readings[0]))
    return findings


def _mismatch(
    report: Report,
    figure: StatedFigure,
    reading: tuple[tuple[str, ...], tuple[str, ...], int, int],
) -> Finding:
    rule = analysis_rule(figure.rule)
    _, high_cells, low, high = reading
    spec = report.spec
    specs = {c.id: c for c in report.cell_specs()}
    places = [specs[c].place for c in high_cells]
    where = "、".join(places) + ("之和" if len(places) > 1 else "")
    table = f"{low}" if low == high else f"{low}–{high}"
    heading = spec.section(figure.section).heading
    published = figure.amount.low if figure.amount.exact else None
    expected = low if low == high else None
    return Finding(
        rule=rule.id,
        kind=rule.kind,
        severity=rule.severity,
        cells=high_cells,
        message=(
            f"“{heading}”第 {figure.paragraph} 段：“{shortened(figure.sentence, 120)}”称"
            f"“{shortened(figure.stated, 60)}”（{shortened(figure.amount.text, 40)}），{where}为 {table}（{rule.statement}）"
        ),
        published=published,
        expected=expected,
        difference=(published - expected)
        if published is not None and expected is not None
        else None,
        where=f"{heading} 第 {figure.paragraph} 段",
    )
