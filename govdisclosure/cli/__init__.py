"""The ``govdisclosure`` command line: init, export, validate, render, read, check, collect,
aggregate, compare.

A user mistake (a bad file, a wrong option) ends with a located message and a non-zero
exit code, never a traceback. Every command ends with an :class:`ExitCode`: 0 done and no
error, 1 errors found, 2 not done (a usage error, an unreadable input, an output refused).

The package: :mod:`.parser` builds the arguments, :mod:`.commands` runs each command,
:mod:`.output` prints findings (as a table or JSON) and keeps terminal control characters
from a downloaded file visible, :mod:`.exits` defines the exit codes.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import warnings
from collections.abc import Sequence
from typing import TextIO

from ..errors import InputWarning
from ..findings import GovDisclosureError
from .exits import ExitCode
from .output import Visible, error, print_findings, visible
from .parser import build_parser


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM (a service stopping, a scheduler's time limit): stop the workers first, which
    unlike Ctrl-C it does not reach, then stop as Ctrl-C does."""
    import multiprocessing  # here: a command that starts no worker never loads it (start-up)

    for child in multiprocessing.active_children():
        child.terminate()
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: the process's arguments); return its
    exit code. A usage error exits from argparse with 2, as :attr:`ExitCode.USAGE`."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = Visible(out), Visible(err)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            warnings.simplefilter("always", InputWarning)  # one line per file, not per place
            return int(_run(args))
    finally:
        sys.stdout, sys.stderr = out, err


_show_original = warnings.showwarning


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """A warning about an input file (a hidden worksheet) is one located line, as a finding is;
    any other warning keeps Python's form."""
    if isinstance(message, InputWarning):
        print(message, file=sys.stderr)
    else:
        _show_original(message, category, filename, lineno, file, line)


def _run(args: argparse.Namespace) -> int:
    try:
        result: int = args.run(args)
        sys.stdout.flush()
    except GovDisclosureError as exc:
        # An engine or a dataset that cannot run (extra missing, cluster unreachable,
        # output in the way): a message, never a traceback.
        error(args.command, str(exc))
        return ExitCode.USAGE
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM through _terminated
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader (``| head``) went away: not an error of ours. Silence the flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK
    return result


__all__ = ["ExitCode", "main", "print_findings", "visible"]
