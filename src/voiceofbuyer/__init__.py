"""voiceofbuyer: B2B buyer interviews → persona documents in the buyer's own voice, offline."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("voiceofbuyer")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
