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


def _extract_options(func):
    """Options shared by ``extract`` and ``run`` (written once)."""
    options = [
        click.option("--id-field", default="id", show_default=True,
                     help="Field (JSONL) or column (CSV) that holds each row's document id."),
        click.option("--text-field", default="text", show_default=True,
                     help="Field (JSONL) or column (CSV) that holds each row's text."),
        click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                     help="local: a process per core of this machine; dask: a Dask cluster "
                          "(--scheduler ADDRESS, or a local cluster started for the run)."),
        click.option("--workers", type=click.IntRange(min=1), default=None,
                     help="Worker processes (default: every core; 1 runs in this process)."),
        click.option("--scheduler", default=None, metavar="ADDRESS",
                     help="Address of a running Dask scheduler, e.g. tcp://127.0.0.1:8786 (with --engine dask)."),
        click.option("--resume", is_flag=True,
                     help="Continue an interrupted run in the same --out folder instead of starting over."),
        click.option("--format", "formats", type=click.Choice(["jsonl", "parquet"]), multiple=True,
                     default=("jsonl",), show_default=True,
                     help="Also write Parquet copies of the record files with --format parquet."),
        click.option("--max-chars", type=click.IntRange(min=1), default=10_000_000, show_default=True,
                     help="Longer documents are reported as failed instead of processed."),
        click.option("--timeout", type=click.FloatRange(min=0), default=300.0, show_default=True,
                     help="Seconds one document may take before it is reported as failed (0: no limit)."),
        click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary."),
    ]
    for option in reversed(options):
        func = option(func)
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
@_extract_options
def extract(inputs, out_dir, **options):
    """Extract records from files, folders or JSONL/CSV tables.

    Folders are walked recursively. Each document gets one line in
    documents.jsonl (status ok or error, with a message); a bad file never
    stops the others. Exit code 0: all documents ok; 2: some failed;
    1: nothing could be run (a missing path, an empty folder, ...).

    \b
    Examples:
      evx extract article.txt --out out/
      evx extract corpus/ more.jsonl --out out/ --text-field body
      evx extract pubmed.jsonl --out big/ --format parquet --resume
      evx extract corpus/ --out out/ --engine dask --scheduler tcp://127.0.0.1:8786
    """
    summary = _extract(inputs, out_dir, **options)
    if summary.documents_failed:
        sys.exit(EXIT_DOCUMENT_FAILED)


def _extract(inputs, out_dir, *, id_field="id", text_field="text", engine="local", workers=None,
             scheduler=None, resume=False, formats=("jsonl",), max_chars=10_000_000, timeout=300.0,
             quiet=False):
    """Run extraction for a command; the one place CLI options become a RunConfig."""
    from evx.runner import RunConfig, run_extract
    from evx.tasks import Limits
    config = RunConfig(
        inputs=list(inputs), out_dir=Path(out_dir), options=ReadOptions(id_field, text_field),
        engine=engine, workers=workers, scheduler=scheduler, resume=resume, formats=tuple(formats),
        limits=Limits(max_chars=max_chars, timeout=timeout), progress=not quiet and sys.stderr.isatty())
    summary = run_extract(config)
    if not quiet:
        click.echo(f"evx extract: {summary.line()} -> {out_dir}", err=True)
        for failure in summary.failures[:20]:
            click.echo(f"  failed: {failure}", err=True)
        if len(summary.failures) > 20:
            click.echo(f"  ... and {len(summary.failures) - 20} more (see documents.jsonl)", err=True)
    return summary


if __name__ == "__main__":
    main()
