"""``govdisclosure validate``: input files checked by every rule."""

from __future__ import annotations

import argparse
import functools

from ...inputs import suffixes
from ...jobs import validate_file
from ..exits import ExitCode
from ._shared import files, on_workers, run_batch


def run(args: argparse.Namespace) -> ExitCode:
    found = files(args, suffixes())
    task = functools.partial(validate_file, previous=on_workers(args, args.previous))
    return run_batch(task, found, args).finish()
