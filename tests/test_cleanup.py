from voiceofbuyer.cleanup import apply_cleanup, clip_ranges, filler_pattern, find_disfluencies, merge_ranges

FILLERS = filler_pattern(["um", "uh", "er", "mm-hmm"])


def clean(text: str) -> str:
    return apply_cleanup(text, 0, len(text), find_disfluencies(text, 0, FILLERS))


def test_fillers_are_removed_with_their_comma():
    assert clean("So, um, we chase approvals, uh, every week.") == "So, we chase approvals, every week."


def test_stutters_keep_the_last_repetition():
    assert clean("the, the, the approval takes days") == "The approval takes days"
    assert clean("I I think it works") == "I think it works"
    assert clean("we tried, we tried to fix it") == "We tried to fix it"


def test_false_starts_are_cut_but_hyphenated_words_stay():
    assert clean("we- we tried a follow-up tool") == "We tried a follow-up tool"


def test_filler_inside_a_word_is_kept():
    assert clean("The umbrella policy erodes the summary") == "The umbrella policy erodes the summary"


def test_offsets_are_absolute_and_the_span_is_kept():
    source = "Interviewer: Why?\nBuyer: Um, the cost is, uh, too high."
    start = source.index("Um")
    ranges = find_disfluencies(source[start:], start, FILLERS)
    assert all(source[s:e].lower().startswith(("um", "uh")) for s, e in ranges)
    assert apply_cleanup(source, start, len(source), ranges) == "The cost is, too high."


def test_merge_and_clip_ranges():
    assert merge_ranges([(5, 8), (0, 2), (1, 3), (8, 9), (4, 4)]) == [(0, 3), (5, 9)]
    assert clip_ranges([(0, 5), (8, 12), (20, 25)], 3, 10) == ((3, 5), (8, 10))


def test_inline_time_stamps_and_annotations_are_removed():
    assert clean("the best [00:40:00] value [laughs] for money") == "The best value for money"
    assert clean("we lost it (inaudible) last year") == "We lost it last year"
