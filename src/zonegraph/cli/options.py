"""What every command shares: ``--store``, the view filters, and library errors as one line.

This module imports no command module, so every command module can import it.
"""
from __future__ import annotations

import functools
from pathlib import Path

import click

from ..errors import ZoneGraphError
from ..store.graph_store import DEFAULT_STORE


def store_option(func):
    """``--store DIR``, shared by every command that reads or writes the graph."""
    return click.option("--store", type=click.Path(path_type=Path), default=DEFAULT_STORE,
                        show_default=True, envvar="ZONEGRAPH_STORE",
                        help="Folder of the on-disk graph store (Oxigraph).")(func)


def raw_option(func):
    """``--raw``: extraction alone, without the analysts' corrections (``zonegraph curate``)."""
    return click.option("--raw", is_flag=True,
                        help="Extraction alone: without the corrections of `zonegraph curate`.")(func)


class OneLineError(click.ClickException):
    """A user-facing error printed as ``error: …`` (as the build's per-file lines are)."""

    def show(self, file=None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def library_errors(func):
    """Turn the library's own errors into click errors: one line, exit code 1."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except BrokenPipeError:
            raise  # the reader went away (`| head`): click ends quietly, as Unix tools do
        except (ZoneGraphError, OSError) as exc:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            if isinstance(exc, OSError):  # a file the user named cannot be read or written
                where = f"{exc.filename}: " if exc.filename else ""
                raise OneLineError(f"{where}{exc.strerror or exc}") from None
            raise OneLineError(str(exc)) from None
    return wrapper


def lang_option(func):
    """``--lang zh|en``: the names views, analyses and reports show (``viewgraph.LANGUAGES``)."""
    return click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                        help="Show names in simplified Chinese (zh) or by their official "
                             "English name where there is one (en: zones, central bodies).")(func)


def view_filter_options(func):
    """``--types``, ``--since``, ``--until``, ``--min-confidence``, shared by ``view`` and
    ``analyze``; the command receives them as one ``filters`` argument (a ViewFilter)."""
    @click.option("--types", metavar="T1,T2", help="Only these entity types, e.g. Zone,Enterprise.")
    @click.option("--since", metavar="DATE", help="Only evidence from articles dated on or after "
                  "DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
    @click.option("--until", metavar="DATE", help="Only evidence from articles dated up to DATE.")
    @click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
                  help="Only evidence scored at least this.")
    @undated_option
    @functools.wraps(func)
    def wrapper(*args, types, since, until, min_confidence, undated, **kwargs):
        from ..views.viewgraph import ViewFilter

        try:
            filters = ViewFilter.parse(types, since, until, min_confidence, undated)
        except ZoneGraphError as exc:
            raise OneLineError(str(exc)) from None
        return func(*args, filters=filters, **kwargs)
    return wrapper


def undated_option(func):
    """``--undated include|exclude``: whether a date cut keeps articles without a date."""
    return click.option("--undated", type=click.Choice(["include", "exclude"]), default="exclude",
                        show_default=True,
                        help="Keep or leave out articles without a date when cutting by date "
                             "(the command says how many it left out).")(func)


def echo_undated(count: int, undated: str, what: str) -> None:
    """Say on standard error how many undated articles a date cut left out or kept."""
    if count:
        done = ("kept (--undated include)" if undated == "include"
                else f"left out by {what} (--undated include keeps them)")
        click.echo(f"note: {count} article(s) without a date {done}", err=True)


def echo_error(line: str) -> None:
    """One ``error: …`` line on standard error (a file the build could not use)."""
    click.echo(f"error: {line}", err=True)
