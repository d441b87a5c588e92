"""Ctrl+C held off while a new set of results is switched in and recorded.

The documents switch first, then the store records the run (so a kill between the two never leaves a store newer
than its documents). A Ctrl+C in between used to stop the run there and print "nothing was published" although the
new documents were live, and ``render`` then put the old set back. From the switch until the run is recorded,
``InterruptHold`` keeps Ctrl+C waiting: the run finishes (milliseconds) and says that it did.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType, TracebackType

HELD_NOTE = "Ctrl+C came as the new results were being switched in: they were finished first, and are whole"


class InterruptHold:
    """A context in which Ctrl+C (SIGINT) is held off from ``begin()`` to its end; ``caught`` says whether one came.

    Only the main thread can take signals: elsewhere (the review desk's worker threads) it holds nothing.
    """

    def __init__(self) -> None:
        self.caught = False
        self._previous: signal.Handlers | object | None = None

    def __enter__(self) -> InterruptHold:
        return self

    def begin(self) -> None:
        """Hold Ctrl+C from now on (the moment before the switch)."""
        if self._previous is None and threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._catch)

    def _catch(self, number: int, frame: FrameType | None) -> None:
        self.caught = True

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]
            self._previous = None
