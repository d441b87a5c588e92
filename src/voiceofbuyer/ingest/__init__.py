"""Input readers: a batch folder of transcripts in, typed ``Interview`` records out.

Formats: plain text and Markdown (``Name: text`` and its timestamped variants), WebVTT, SubRip,
Word (.docx) and the project's JSON transcript schema; recordings through the JSON transcripts the
transcription stage makes of them. Each reader decodes the file to text
(``Interview.text``) and returns Turns whose offsets point into it; see the reader modules for
what the text is for each format and how spans are chosen.
"""

from __future__ import annotations

from voiceofbuyer.ingest.batch import Batch, Problem, read_batch, recordings_to_transcribe
from voiceofbuyer.ingest.reader import TRANSCRIPT_SUFFIXES, read_interview
from voiceofbuyer.ingest.recordings import RECORDING_SUFFIXES

__all__ = [
    "RECORDING_SUFFIXES",
    "TRANSCRIPT_SUFFIXES",
    "Batch",
    "Problem",
    "read_batch",
    "read_interview",
    "recordings_to_transcribe",
]
