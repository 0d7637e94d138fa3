"""One module a command, each with ``run(args) -> ExitCode``; what they share is in
:mod:`._shared`. The parser imports a command's module only when that command runs."""
