"""``python -m crosswire`` and the ``crosswire`` command.

The command's entry point lives here, not in ``crosswire.cli``: a worker process spawned by the
``crosswire`` script re-imports the script that started it, and this module is light (the CLI's
own imports, typer and rich, are loaded only when the command runs).
"""

from __future__ import annotations


def main() -> None:
    """Run the ``crosswire`` command (see ``crosswire.cli.main``)."""
    from crosswire.cli import main as run

    run()


if __name__ == "__main__":
    main()
