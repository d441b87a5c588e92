"""Recordings to transcripts, one module per stage.

- ``decoding``: any file PyAV (FFmpeg) reads → 16 kHz float32 samples, per channel, in bounded windows.
- ``asr``: samples → timed words (``Recognizer``; faster-whisper with the bundled Whisper tiny.en).
- ``diarize``: timed words and samples → who spoke when (channels when each holds one voice, else voice
  embeddings clustered; ``VoiceEmbedder``).
- ``voice_encoder``: resemblyzer's GE2E network, run from its shipped weights.
- ``transcribe``: the stage itself: recordings (or a ``.tracks`` folder, one file per participant) → JSON and
  WebVTT transcripts (``transcript_files``), cached by content.
"""
