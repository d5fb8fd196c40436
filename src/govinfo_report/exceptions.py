"""The exceptions the library raises; every one derives from `GovinfoReportError`.

Messages are in Chinese for the people who read them, with the code-level names
(cell ids, JSON paths, file names) in English alongside.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govinfo_report._findings import Finding

__all__ = [
    "ExchangeFormatError",
    "GovinfoReportError",
    "InconsistentReportError",
    "InvalidCellError",
    "InvalidReportError",
    "LimitExceededError",
    "MissingDependencyError",
    "NotAReportError",
    "ReadError",
    "UnknownCellError",
    "UnpublishableReportError",
    "WriteError",
]


class GovinfoReportError(Exception):
    """The base of every error this library raises on purpose."""


class InvalidReportError(GovinfoReportError, ValueError):
    """A report cannot be built as asked: a wrong type, value or combination."""


class InvalidCellError(InvalidReportError):
    """A cell was given a value it cannot hold (negative count, float, bool…).

    Attributes:
        cell_id: the cell, e.g. ``requests.granted.natural_person``.
        value: the value given.
        reason: what is wrong with it, in Chinese.
    """

    def __init__(self, cell_id: str, value: object, reason: str) -> None:
        self.cell_id = cell_id
        self.value = value
        self.reason = reason
        super().__init__(f"单元格 {cell_id} 的值 {value!r} 无效：{reason}")


class UnknownCellError(InvalidReportError, KeyError):
    """A cell id that the report's format does not have.

    Attributes:
        cell_id: the id asked for.
        hint: why it is unknown (a 2019 id in a 2021 report, a typo…).
    """

    def __init__(self, cell_id: str, hint: str = "") -> None:
        self.cell_id = cell_id
        self.hint = hint
        message = f"未知的单元格 {cell_id!r}"
        super().__init__(f"{message}：{hint}" if hint else message)

    def __str__(self) -> str:
        # KeyError.__str__ would print the repr of the whole message.
        return str(self.args[0])


class InconsistentReportError(InvalidReportError):
    """The figures given break the format's cross-checks (勾稽关系).

    Attributes:
        findings: every broken check, each naming its cells by official label.
    """

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        lines = "\n".join(f"  - {f.message}" for f in self.findings)
        super().__init__(
            f"报告数字不符合勾稽关系（{len(self.findings)} 处）：\n{lines}"
        )


class UnpublishableReportError(InconsistentReportError):
    """A writer refused to publish a report: `check_publishable` found errors.

    Its message is headed by the kinds of problem found (``读取不完整``,
    ``缺少报告的组成部分``, ``报告数字不符合勾稽关系``…), each followed by its
    findings, so a truncated copy is not announced as figures that do not add
    up. It is an `InconsistentReportError`, so code that caught the writers'
    refusal before still catches it.

    Attributes:
        findings: every error finding, in the order `check_publishable` gives.
    """

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        groups: dict[str, list[str]] = {}
        for finding in self.findings:
            groups.setdefault(finding.kind.label, []).append(finding.message)
        parts = "".join(
            f"\n  {label}，{len(messages)} 处：" + "".join(f"\n    - {m}" for m in messages)
            for label, messages in groups.items()
        )
        ValueError.__init__(
            self,
            f"报告不能发布（{len(self.findings)} 处错误："
            f"{'、'.join(groups)}）(report not ready to publish):{parts}",
        )


class ExchangeFormatError(GovinfoReportError, ValueError):
    """A JSON or CSV document does not describe a report.

    Attributes:
        problems: one line per problem, each with its place (a JSON path such as
            ``$.requests.granted.natural_person`` or a CSV line) and what was
            expected.
    """

    def __init__(self, problems: Sequence[str], source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        where = f"{source}: " if source else ""
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"{where}文档不符合报告格式（{len(self.problems)} 处）：\n{lines}"
        )


class ReadError(GovinfoReportError):
    """A published report could not be read.

    Attributes:
        source: the file or stream read, when known.
        problems: what could not be read, each with its place.
    """

    def __init__(
        self, message: str, *, source: str | None = None, problems: Sequence[str] = ()
    ) -> None:
        self.source = source
        self.problems = tuple(problems)
        where = f"{source}: " if source else ""
        extra = "".join(f"\n  - {p}" for p in self.problems)
        super().__init__(f"{where}{message}{extra}")


class NotAReportError(ReadError):
    """The input is not a government information disclosure annual report."""


class LimitExceededError(ReadError):
    """The input is larger or deeper than a configured limit allows.

    Attributes:
        limit: the name of the limit, e.g. ``max_unpacked_bytes``.
        value: the configured limit that was exceeded.
    """

    def __init__(
        self, message: str, *, limit: str, value: int, source: str | None = None
    ) -> None:
        self.limit = limit
        self.value = value
        super().__init__(message, source=source)


class WriteError(GovinfoReportError):
    """A report could not be written; the target was left as it was."""


class MissingDependencyError(GovinfoReportError, ImportError):
    """An optional feature needs a package that is not installed.

    Attributes:
        package: the missing package, e.g. ``pandas``; the message names the
            extra that installs it (``pip install 'govinfo-report[pandas]'``).
    """

    def __init__(self, message: str, *, package: str) -> None:
        self.package = package
        super().__init__(message, name=package)
