"""The exceptions the library raises; every one derives from `GovinfoReportError`.

Messages are in Chinese for the people who read them, with the code-level names
(cell ids, JSON paths, file names) in English alongside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govinfo_report._findings import Finding

__all__ = [
    "ERROR_CODES",
    "ExchangeFormatError",
    "ExchangeProblem",
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


ERROR_CODES: dict[str, str] = {
    "not_a_report": "不是政府信息公开工作年度报告 (not an annual report)",
    "damaged": "文件损坏、不完整或不是所称的格式 (damaged or not the format it claims)",
    "unsafe": "文件含有拒绝读取的危险结构，如路径穿越、XML 实体 (hostile structure refused)",
    "unsupported": "文件是本库不能读取的形式，如加密文件、没有文字层的扫描件 (unsupported form)",
    "limit_exceeded": "超出读取限制 Limits (over a configured limit)",
    "missing_dependency": "需要安装可选依赖 (an optional package is missing)",
    "incomplete": "读出的内容不足以构成报告，如没有报告年度，或严格读取时有问题 (incomplete)",
    "io_error": "无法打开或读取文件 (the file cannot be opened or read)",
    "invalid_document": "JSON 或 CSV 文档不符合交换格式 (not an exchange document)",
    "invalid_report": "报告不能按所给的值构建 (a report cannot be built from the values)",
    "write_failed": "无法写出 (the output cannot be written)",
    "error": "其他错误 (another error)",
}
"""Every `GovinfoReportError.code`, with what it means (Chinese, then English).

The codes are stable: a program may branch on them (and ``check --json``
carries them for every unreadable file); the messages may be reworded.
"""


class GovinfoReportError(Exception):
    """The base of every error this library raises on purpose.

    Attributes:
        code: a stable code for the kind of error, one of `ERROR_CODES`
            (``not_a_report``, ``damaged``, ``limit_exceeded``…); each class
            has its default, and a reader may name a more precise one.
    """

    code: str = "error"


class InvalidReportError(GovinfoReportError, ValueError):
    """A report cannot be built as asked: a wrong type, value or combination."""

    code = "invalid_report"


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
            f"\n  {label}，{len(messages)} 处："
            + "".join(f"\n    - {m}" for m in messages)
            for label, messages in groups.items()
        )
        ValueError.__init__(
            self,
            f"报告不能发布（{len(self.findings)} 处错误："
            f"{'、'.join(groups)}）(report not ready to publish):{parts}",
        )


_CSV_PLACE = re.compile(r"^(第 \d+ 行(?: \S+ 列)?)：")


class ExchangeProblem(str):
    """One problem of a JSON or CSV document: where it is and what is wrong.

    It is the line the error message shows (``<path>: <message>``, or
    ``<line>：<message>`` for CSV) — a `str`, so code that treated the problems
    as strings keeps working — with its two parts as attributes.

    Attributes:
        path: the place: a JSON path such as ``$.requests.granted.natural_person``,
            or a CSV line (``第 3 行``, ``第 3 行 year 列``); empty when the
            problem is about the whole document.
        message: what is wrong and what was expected.

    >>> problem = ExchangeProblem.parse("$.metadata.year: 应为整数")
    >>> problem.path, problem.message
    ('$.metadata.year', '应为整数')
    >>> str(problem)
    '$.metadata.year: 应为整数'
    >>> ExchangeProblem("第 3 行", "应有 11 列").as_dict()
    {'path': '第 3 行', 'message': '应有 11 列'}
    """

    path: str
    message: str

    def __new__(cls, path: str, message: str) -> ExchangeProblem:
        if not path:
            line = message
        else:
            line = f"{path}{': ' if path.startswith('$') else '：'}{message}"
        self = super().__new__(cls, line)
        self.path = path
        self.message = message
        return self

    def __repr__(self) -> str:
        return f"ExchangeProblem(path={self.path!r}, message={self.message!r})"

    def __reduce__(self) -> tuple[type[ExchangeProblem], tuple[str, str]]:
        # str's own pickling would rebuild it from the whole line.
        return (type(self), (self.path, self.message))

    def as_dict(self) -> dict[str, str]:
        """``{"path": …, "message": …}``, for a JSON answer."""
        return {"path": self.path, "message": self.message}

    @classmethod
    def parse(cls, line: str) -> ExchangeProblem:
        """The problem of one line ``<path>: <message>``; ``str()`` gives the line back."""
        if line.startswith("$"):
            path, found, message = line.partition(": ")
            if found and " " not in path:
                return cls(path, message)
        elif (match := _CSV_PLACE.match(line)) is not None:
            return cls(match[1], line[match.end() :])
        return cls("", line)


def _problems(items: Iterable[str | ExchangeProblem]) -> tuple[ExchangeProblem, ...]:
    return tuple(
        p if isinstance(p, ExchangeProblem) else ExchangeProblem.parse(p) for p in items
    )


class ExchangeFormatError(GovinfoReportError, ValueError):
    """A JSON or CSV document does not describe a report.

    Attributes:
        problems: one `ExchangeProblem` per problem, each with its place
            (``path``: a JSON path such as ``$.requests.granted.natural_person``
            or a CSV line) and what was expected (``message``); ``str(problem)``
            is the line of the message.
    """

    code = "invalid_document"

    def __init__(
        self, problems: Sequence[str | ExchangeProblem], source: str | None = None
    ) -> None:
        self.problems = _problems(problems)
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
        code: ``damaged`` unless the reader names another (`ERROR_CODES`):
            ``unsupported`` (encrypted, scanned), ``unsafe``, ``incomplete``,
            ``io_error``, ``missing_dependency``…
    """

    code = "damaged"

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        problems: Sequence[str] = (),
        code: str | None = None,
    ) -> None:
        if code is not None:
            if code not in ERROR_CODES:
                raise ValueError(f"unknown error code {code!r}")
            self.code = code
        self.source = source
        self.problems = tuple(problems)
        where = f"{source}: " if source else ""
        extra = "".join(f"\n  - {p}" for p in self.problems)
        super().__init__(f"{where}{message}{extra}")


class NotAReportError(ReadError):
    """The input is not a government information disclosure annual report."""

    code = "not_a_report"


class LimitExceededError(ReadError):
    """The input is larger or deeper than a configured limit allows.

    Attributes:
        limit: the name of the limit, e.g. ``max_unpacked_bytes``.
        value: the configured limit that was exceeded.
    """

    code = "limit_exceeded"

    def __init__(
        self, message: str, *, limit: str, value: int, source: str | None = None
    ) -> None:
        self.limit = limit
        self.value = value
        super().__init__(message, source=source)


class WriteError(GovinfoReportError):
    """A report could not be written; the target was left as it was."""

    code = "write_failed"


class MissingDependencyError(GovinfoReportError, ImportError):
    """An optional feature needs a package that is not installed.

    Attributes:
        package: the missing package, e.g. ``pandas``; the message names the
            extra that installs it (``pip install 'govinfo-report[pandas]'``).
    """

    code = "missing_dependency"

    def __init__(self, message: str, *, package: str) -> None:
        self.package = package
        super().__init__(message, name=package)
