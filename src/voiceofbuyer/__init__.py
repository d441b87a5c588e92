"""voiceofbuyer: B2B buyer interviews → persona documents in the buyer's own voice, offline."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("voiceofbuyer")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

INTERRUPTED = "interrupted: nothing was published; the previous results are whole"
"""What Ctrl+C prints, whenever it comes."""


def main() -> int:
    """The ``voiceofbuyer`` command (``cli.main``); Ctrl+C while its libraries load (seconds) is answered in one line
    too, not with a traceback. Returns the exit status."""
    import sys

    try:
        from .cli import main as command
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 2  # report.NOTHING_WRITTEN, which cannot be imported before the libraries it needs
    return command()
