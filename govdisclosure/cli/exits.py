"""The exit codes of every command, defined once."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable

from ..batch import Outcome


class ExitCode(enum.IntEnum):
    """How a ``govdisclosure`` command ended, the same for every command.

    A script may rely on them: ``0`` the work is done and nothing is wrong; ``1`` the work is
    done and what it checked has errors; ``2`` the command could not do its work (a wrong
    option, an input it cannot read, an output it may not write)."""

    OK = 0
    """Done, and no finding is an error (warnings may have been printed)."""
    FINDINGS = 1
    """Done, and at least one finding is an error: a report that does not add up, a published
    report read with cells it could not read, a render refused because of such errors."""
    USAGE = 2
    """Not done, or in a batch not all done: a usage error (an unknown option or format,
    options that do not go together), an input that cannot be read or is not a report of the
    kind expected, an output refused (it exists and ``--force`` was not given) or that cannot
    be written. In a batch the other files are still done; one such file sets the code."""
    INTERRUPTED = 130
    """Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it)."""

    @classmethod
    def of(
        cls, outcomes: Iterable[Outcome], failed: Callable[[Outcome], bool] | None = None
    ) -> ExitCode:
        """The exit code of a batch: :attr:`USAGE` when a file could not be read or its
        output was refused (the other files are still done), else :attr:`FINDINGS` when
        one ``failed`` (by default: has an error finding), else :attr:`OK`."""
        verdict = Verdict(failed)
        for outcome in outcomes:
            verdict.add(outcome)
        return verdict.code


class Verdict:
    """:meth:`ExitCode.of` kept as a batch's outcomes pass, so that the batch need not keep
    them: whether any file was not done (unreadable, output refused or unwritable) and
    whether any ``failed``. Two flags, whatever the number of files."""

    def __init__(self, failed: Callable[[Outcome], bool] | None = None) -> None:
        self._failed = failed or (lambda o: o.failed)
        self.not_done = False
        self.any_failed = False

    def add(self, outcome: Outcome) -> None:
        if not outcome.readable or outcome.blocked:
            self.not_done = True
        elif self._failed(outcome):
            self.any_failed = True

    @property
    def code(self) -> ExitCode:
        if self.not_done:
            return ExitCode.USAGE
        return ExitCode.FINDINGS if self.any_failed else ExitCode.OK
