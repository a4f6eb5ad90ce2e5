"""Load YAML data files with line numbers, validate them with pydantic, report errors well.

Every problem becomes a `DataError` that names the file, the line and the field, e.g.

    quizzes/06-tillid-og-kontrol.yml:41: questions[2].answer: 5 is not an option (there are 4)

Callers collect errors from all files in an `ErrorReport` and fail once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pydantic
import yaml

Loc = tuple[str | int, ...]
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
M = TypeVar("M", bound=pydantic.BaseModel)


@dataclasses.dataclass(frozen=True, order=True)
class DataError:
    """One problem in one data file."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataErrors(Exception):
    """Raised with every error found, sorted by file and line."""

    def __init__(self, errors: Iterable[DataError]):
        self.errors = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors))


def format_loc(loc: Loc) -> str:
    """('questions', 2, 'answer') -> 'questions[2].answer'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclasses.dataclass
class Source:
    """A parsed YAML document: its data plus the node tree that knows the line numbers."""

    path: str
    data: Any
    root: yaml.Node | None

    def resolve(self, loc: Loc) -> tuple[int, Loc]:
        """Find the line of `loc` and the part of `loc` that exists in the YAML file.

        pydantic puts the tag of a discriminated union into the location
        (`questions.2.single.answer`); such parts have no node and are dropped.
        A missing key points to the mapping that lacks it.
        """
        node = self.root
        if node is None:
            return 1, loc
        line = node.start_mark.line + 1
        kept: list[str | int] = []
        for part in loc:
            child = _child(node, part)
            if child is None:
                if isinstance(part, str) and not _is_union_tag(node, part):
                    kept.append(part)  # a missing key: keep its name, stay on the parent's line
                continue
            key_node, node = child
            kept.append(part)
            line = (key_node or node).start_mark.line + 1
        return line, tuple(kept)

    def error(self, loc: Loc, message: str) -> DataError:
        line, kept = self.resolve(loc)
        return DataError(self.path, line, format_loc(kept), message)


def _is_union_tag(node: yaml.Node, part: str) -> bool:
    """True if `part` is the value of the mapping's `type:` key (a discriminated union's tag)."""
    found = _child(node, "type")
    return found is not None and isinstance(found[1], yaml.ScalarNode) and found[1].value == part


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                return key, value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


@contextlib.contextmanager
def _collector_paused():
    """Python's cyclic garbage collector paused while a file is parsed and validated. The YAML
    node tree and the models are many small objects without cycles, and the collector, run again
    and again while they grow, made the time grow faster than the file (10,000 questions: parse
    2.0 s with it, 0.46 s without; validate 1.33 s, 0.08 s; `make bench`, generator)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_source(path: Path, display: str | None = None) -> Source:
    """Parse one YAML file. Raises DataErrors for unreadable, non-UTF-8, invalid or empty files."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataErrors([DataError(name, 1, "", f"cannot read file: {exc.strerror}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataErrors([DataError(name, line, "", "file is not UTF-8 encoded (save it as UTF-8)")]) from None
    loader = _Loader(text)
    try:
        # One parse: the node tree (with line numbers) and the data built from it.
        with _collector_paused():
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        raise DataErrors([DataError(name, line, "", f"YAML syntax error: {problem}")]) from None
    finally:
        loader.dispose()
    if data is None:
        raise DataErrors([DataError(name, 1, "", "file is empty")])
    return Source(name, data, root)


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown field (check the spelling)"
    if kind == "missing":
        return "field is required"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if kind not in {"value_error", "assertion_error"} and "input" in err and not isinstance(err["input"], (dict, list)):
        msg += f" (got {err['input']!r})"
    return msg


def validate(source: Source, model: type[M]) -> M:
    """Validate `source.data` against `model`; raise DataErrors with file:line:field for each problem."""
    try:
        with _collector_paused():
            return model.model_validate(source.data)
    except pydantic.ValidationError as exc:
        raise DataErrors(source.error(tuple(err["loc"]), _message(err)) for err in exc.errors()) from None


def load(path: Path, model: type[M], display: str | None = None) -> tuple[M, Source]:
    """Read and validate one file: `load(path, Bank) -> (bank, source)`."""
    source = read_source(path, display)
    return validate(source, model), source


def load_all(paths: Sequence[Path], model: type[M], root: Path) -> tuple[list[tuple[M, Source]], list[DataError]]:
    """Load many files, collecting the errors of all of them instead of stopping at the first."""
    loaded, errors = [], []
    for path in paths:
        try:
            loaded.append(load(path, model, display=_display(path, root)))
        except DataErrors as exc:
            errors.extend(exc.errors)
    return loaded, errors


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
