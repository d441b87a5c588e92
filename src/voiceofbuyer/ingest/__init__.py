"""Input readers: a batch folder of transcripts in, typed ``Interview`` records out.

Formats: plain text and Markdown (``Name: text`` and its timestamped variants), WebVTT, SubRip,
Word (.docx) and the project's JSON transcript schema. Each reader decodes the file to text
(``Interview.text``) and returns Turns whose offsets point into it; see the reader modules for
what the text is for each format and how spans are chosen.
"""

from __future__ import annotations

from voiceofbuyer.ingest.batch import Batch, Problem, read_batch
from voiceofbuyer.ingest.reader import TRANSCRIPT_SUFFIXES, read_interview

__all__ = ["TRANSCRIPT_SUFFIXES", "Batch", "Problem", "read_batch", "read_interview"]
