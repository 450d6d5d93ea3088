"""The ``zonegraph`` command line: the command group, with each command from its module.

Each command parses options and calls the library. Library errors (``ZoneGraphError``)
become one ``error: …`` line and exit code 1; a traceback is shown only with ``--debug``.
"""
from __future__ import annotations

import sys

import click

from .. import __version__
from .build import build, export, remove, stats, validate
from .curate import curate
from .snapshot import diff, snapshot
from .sparql import find, push, query, serve
from .views import analyze, view


class ZoneGraphCLI(click.Group):
    def main(self, *args, **kwargs):
        try:
            return super().main(*args, **kwargs)
        except KeyboardInterrupt:
            click.echo("error: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # a bug: still one line unless --debug
            if "--debug" in sys.argv:
                raise
            click.echo(f"error: internal error ({type(exc).__name__}: {exc}); "
                       "rerun with --debug for details", err=True)
            sys.exit(2)


@click.group(cls=ZoneGraphCLI)
@click.version_option(__version__, prog_name="zonegraph")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
def cli(debug: bool) -> None:
    """ZoneGraph: knowledge graphs of China's national-level new areas (国家级新区).

    \b
    Example:
      zonegraph build data/samples/ && zonegraph stats
    """


for command in (build, query, stats, export, validate, view, remove, analyze, find, serve, push,
                snapshot, diff, curate):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="zonegraph", standalone_mode=True)


if __name__ == "__main__":
    main()
