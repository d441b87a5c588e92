"""Who spoke when, on real recorded conversations: printed figures (never asserted).

    python benchmarks/speakers.py [FOLDER ...] [--speakers N] [--speaker-model campplus|ge2e|PATH] [--batch N]

Every recording in the folders (default: ``tests/fixtures/real_speech``) that has an RTTM file of reference
speakers beside it (``name.rttm``; a transcript in ``name.stm`` adds the word error rate) is transcribed by the
project's transcription stage on an empty cache and scored (``tests/speaker_scoring.py``): diarization error
rate with a 0.25 s collar (missed, false alarm, confusion), the share of reference speech time given to the
right speaker after the best mapping of labels, the share of words given to the right speaker, the speaker
count against the reference (found/all/those with at least 3 s of speech), the method and confidence the
transcript reports, and the word error rate. Then the same over all recordings, weighted by speech time (and
words), and over the two-person ones. Point it at your own recordings with reference labels to judge a setting
on your own material.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the scoring helpers live with the tests

from tests.speaker_scoring import (  # noqa: E402
    COUNTABLE_SECONDS,
    read_rttm,
    score,
    transcript_segments,
    words_to_right_speaker,
)
from tests.speech import word_error_rate  # noqa: E402
from voiceofbuyer.audio.decoding import probe  # noqa: E402
from voiceofbuyer.audio.transcribe import Job, transcribe_all  # noqa: E402
from voiceofbuyer.config import TranscribeConfig, load_config  # noqa: E402
from voiceofbuyer.store import STORE_NAME, Store  # noqa: E402

AUDIO = (".flac", ".wav", ".mp3", ".m4a", ".ogg")


def stm_text(path: Path) -> str:
    """The words of an STM transcript (``uri channel speaker start end words...``), in order."""
    return " ".join(" ".join(line.split()[5:]) for line in path.read_text("utf-8").splitlines() if line.strip())


REAL_SPEECH = ROOT / "tests" / "fixtures" / "real_speech"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="*", default=[REAL_SPEECH])
    parser.add_argument("--speakers", type=int, default=0, help="speakers per recording (default: estimate)")
    parser.add_argument("--speaker-model", default="", help="[transcribe] speaker_model (default: the config's)")
    parser.add_argument("--batch", type=int, default=0, help="[transcribe] batch_size (default: the config's)")
    args = parser.parse_args()
    for folder in args.folders:
        if not folder.is_dir():
            parser.error(f"{folder}: no such folder (give folders of recordings with name.rttm files beside them)")
    config = load_config(None).transcribe.model_copy(update={"speakers": args.speakers, "batch_size": args.batch})
    if args.speaker_model:
        config = config.model_copy(update={"speaker_model": args.speaker_model})
    report(args.folders, config)


def report(folders: list[Path], config: TranscribeConfig) -> None:
    """Transcribe and score every recording with an RTTM file in ``folders``, printing a line each and the totals."""
    audio = sorted(p for folder in folders for p in folder.iterdir() if p.suffix in AUDIO)
    recordings = [p for p in audio if p.with_suffix(".rttm").is_file()]
    for unscored in (p for p in audio if p not in recordings):
        print(f"{unscored}: no {unscored.with_suffix('.rttm').name} beside it, not scored")
    if not recordings:
        print("no recording with an RTTM file of reference speakers beside it: nothing to score")
        return
    header = f"{'recording':28} {'secs':>5} {'spk':>9} {'DER':>6} {'miss':>5} {'fa':>5} {'conf':>5} {'right':>6} " \
             f"{'words':>6} {'method':>8} {'conf.':>5} {'WER':>5}"  # fmt: skip
    print(header)
    totals = {"speech": 0.0, "right": 0.0, "der": 0.0, "count_right": 0, "words": 0, "words_right": 0.0}
    counted = {"recordings": 0, "exact": 0, "within_one": 0}
    two = {"recordings": 0, "count_right": 0, "words": 0, "words_right": 0.0}
    with tempfile.TemporaryDirectory() as folder:
        for recording in recordings:
            out = Path(folder) / recording.stem
            out.mkdir()
            store = Store(out / STORE_NAME)
            try:
                outcome = transcribe_all([Job(recording, recording.name, recording.stem)], out, config, store)
            finally:
                store.close()
            if recording.name not in outcome.transcripts:
                print(f"{recording.name:28} skipped: {[p.message for p in outcome.problems]}")
                continue
            transcript = json.loads(outcome.transcripts[recording.name].read_text("utf-8"))
            reference = read_rttm(recording.with_suffix(".rttm"))
            duration = probe(recording, recording.name).duration
            result = score(reference, transcript_segments(transcript), duration)
            stm = recording.with_suffix(".stm")
            said = " ".join(t["text"] for t in transcript["turns"])
            wer = word_error_rate(stm_text(stm), said) if stm.is_file() else None
            speech = sum(s.end - s.start for s in reference)
            totals["speech"] += speech
            totals["right"] += result.right_speaker * speech
            totals["der"] += result.der * speech
            totals["count_right"] += result.hypothesis_speakers == result.reference_speakers
            counted["recordings"] += 1
            counted["exact"] += result.hypothesis_speakers == result.countable_speakers
            counted["within_one"] += abs(result.hypothesis_speakers - result.countable_speakers) <= 1
            words_right, words = words_to_right_speaker(reference, transcript)
            totals["words"] += words
            totals["words_right"] += words_right * words
            if result.reference_speakers == 2:
                two["recordings"] += 1
                two["count_right"] += result.hypothesis_speakers == 2
                two["words"] += words
                two["words_right"] += words_right * words
            speakers = transcript["speakers"]
            count = f"{result.hypothesis_speakers}/{result.reference_speakers}/{result.countable_speakers}"
            print(f"{recording.name:28} {duration:5.0f} {count:>9} "
                  f"{result.der:6.3f} {result.missed:5.2f} {result.false_alarm:5.2f} {result.confusion:5.2f} "
                  f"{result.right_speaker:6.1%} {words_right:6.1%} {speakers['method']:>8} "
                  f"{speakers['confidence']:5.2f} "
                  f"{'' if wer is None else f'{wer:5.2f}'}")  # fmt: skip
    if totals["speech"]:
        print(
            f"all {len(recordings)}: right speaker {totals['right'] / totals['speech']:.1%} of reference speech, "
            f"DER {totals['der'] / totals['speech']:.3f}, speaker count right on {totals['count_right']} of "
            f"{len(recordings)}, {totals['words_right'] / max(totals['words'], 1):.1%} of words to the right speaker"
        )
        print(f"speakers with at least {COUNTABLE_SECONDS:.0f} s of speech: count right on {counted['exact']} of "
              f"{counted['recordings']}, within one on {counted['within_one']}")  # fmt: skip
        if two["recordings"]:
            print(f"two-person {two['recordings']}: count right on {two['count_right']}, "
                  f"{two['words_right'] / max(two['words'], 1):.1%} of words to the right speaker")  # fmt: skip


if __name__ == "__main__":
    main()
