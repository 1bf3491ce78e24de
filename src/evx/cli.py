"""The ``evx`` command line: a thin layer over the library.

Library errors (:class:`evx.errors.EvxError`) become one-line messages with
the exit codes documented in :mod:`evx.errors`; they never show a traceback.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from evx import __version__
from evx.errors import EXIT_DOCUMENT_FAILED, EXIT_USAGE, EvxError
from evx.readers import ReadOptions


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except EvxError as exc:
            click.echo(f"evx: error: {exc}", err=True)
            ctx.exit(EXIT_USAGE)


def _input_options(func):
    func = click.option("--id-field", default="id", show_default=True,
                        help="Field (JSONL) or column (CSV) that holds each row's document id.")(func)
    func = click.option("--text-field", default="text", show_default=True,
                        help="Field (JSONL) or column (CSV) that holds each row's text.")(func)
    func = click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line.")(func)
    return func


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="evx")
def main():
    """evx: evidence extraction for health writing.

    Reads articles (.txt .md .html .pdf .xml, or .jsonl/.csv with one document
    per row) and writes effect sizes, study designs, hedges and claims with
    overclaim flags as JSON Lines; scores them against gold files and builds a
    review page.

    \b
    Examples:
      evx extract corpus/ --out out/
      evx score out/ --gold gold/
      evx report out/
      evx run corpus/ --gold gold/ --out out/
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for documents.jsonl, effects.jsonl, designs.jsonl, hedges.jsonl, claims.jsonl.")
@_input_options
def extract(inputs, out_dir, id_field, text_field, quiet):
    """Extract records from files, folders or JSONL/CSV tables.

    \b
    Examples:
      evx extract article.txt --out out/
      evx extract corpus/ more.jsonl --out out/ --text-field body
    """
    summary = _extract(inputs, out_dir, id_field, text_field, quiet)
    if summary.documents_failed:
        sys.exit(EXIT_DOCUMENT_FAILED)


def _extract(inputs, out_dir, id_field, text_field, quiet):
    from evx.runner import run_extract
    summary = run_extract(list(inputs), Path(out_dir), ReadOptions(id_field, text_field),
                          progress=not quiet and sys.stderr.isatty())
    if not quiet:
        click.echo(f"evx extract: {summary.line()} -> {out_dir}", err=True)
        for failure in summary.failures:
            click.echo(f"  failed: {failure}", err=True)
    return summary


if __name__ == "__main__":
    main()
