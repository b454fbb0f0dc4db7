"""One exception tree; every message says what was wrong and what to do.

CrosswireError
├── InputError            a file or line that cannot be read as an article
│   ├── MissingPathError
│   ├── EmptyInputError
│   ├── BinaryInputError
│   ├── UnsupportedFormatError
│   ├── TooLargeError
│   ├── SkippedInputError      (an entry of a folder that is not an article file)
│   └── MalformedRecordError   (JSON/JSONL line, missing "text")
├── NoArticlesError       nothing usable was given
├── ModelError            an NLP model or embedding backend is not installed
├── StoreError            the SQLite store cannot be opened or migrated
└── EvaluationDataError   a benchmark folder is not in the expected layout
"""

from __future__ import annotations


class CrosswireError(Exception):
    """Base of every error crosswire raises on purpose."""

    exit_code = 1


class InputError(CrosswireError):
    """An input that cannot be read; names the file (and line) and the problem."""

    exit_code = 2

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class MissingPathError(InputError):
    pass


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class UnsupportedFormatError(InputError):
    pass


class TooLargeError(InputError):
    pass


class MalformedRecordError(InputError):
    pass


class SkippedInputError(InputError):
    """An entry inside a folder that is not read: other file type, README, link, hidden..."""


class NoArticlesError(CrosswireError):
    exit_code = 2


class ModelError(CrosswireError):
    exit_code = 3


class StoreError(CrosswireError):
    exit_code = 4


class EvaluationDataError(CrosswireError):
    exit_code = 2
