"""Buyer turns → statements with the real spaCy model."""

from __future__ import annotations

from pathlib import Path

from voiceofbuyer.cleanup import apply_cleanup
from voiceofbuyer.config import load_config
from voiceofbuyer.ingest import read_interview
from voiceofbuyer.ingest.sides import identify_sides
from voiceofbuyer.segment import load_spacy, segment

CONFIG = load_config(None)


def statements_of(tmp_path: Path, name: str, content: str):
    path = tmp_path / name
    path.write_text(content)
    interview = read_interview(path, tmp_path)
    found = segment([(interview, identify_sides(interview))], CONFIG.segment, load_spacy(CONFIG.models.spacy))
    return interview, found[interview.id]


def test_buyer_turns_become_clean_sentences_with_their_question(tmp_path):
    interview, statements = statements_of(
        tmp_path,
        "call.txt",
        "interviewer: What slows down your close?\n"
        "interviewee: Um, so, the, the, the approvals take ages. We chase managers by email for days. Yeah.\n"
        "interviewer: Right.\n"
        "interviewee: Yeah.\n"
        "interviewer: And what would good look like?\n"
        "interviewee: I want to close in five days, uh, without overtime.\n",
    )
    texts = [s.text for s in statements]
    assert texts == [
        "The approvals take ages.",
        "We chase managers by email for days.",
        "I want to close in five days, without overtime.",
    ]
    assert statements[1].question == "What slows down your close?"
    assert statements[2].question == "And what would good look like?"
    for s in statements:
        assert s.speaker == "interviewee"
        assert apply_cleanup(interview.text, s.start_char, s.end_char, s.removed) == s.text
        assert interview.text[s.start_char : s.end_char].endswith(s.text[-5:])


def test_a_sentence_cut_across_cues_is_one_statement_with_times(tmp_path):
    interview, statements = statements_of(
        tmp_path,
        "call.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Sam>What hurts most?</v>\n\n"
        "00:00:04.000 --> 00:00:06.000\n<v Dana>Honestly the approvals sit in</v>\n\n"
        "00:00:06.000 --> 00:00:09.500\n<v Dana>people's inboxes for a week.</v>\n",
    )
    assert [s.text for s in statements] == ["Honestly the approvals sit in people's inboxes for a week."]
    (only,) = statements
    assert (only.start, only.end) == (4.0, 9.5)
    assert "-->" in interview.text[only.start_char : only.end_char]  # the cut between cues is recorded as removed


def test_a_sentence_cut_before_a_capitalised_word_is_one_statement(tmp_path):
    # Zoom cuts cues by time: "wrong by" / "Tuesday." is one sentence, though the second cue starts with a capital.
    _, statements = statements_of(
        tmp_path,
        "call.vtt",
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nSam Lee: How do you schedule now?\n\n"
        "2\n00:00:04.000 --> 00:00:07.000\nAroha Ngata: A spreadsheet I update on Sunday nights and it's wrong by\n\n"
        "3\n00:00:07.000 --> 00:00:08.000\nTuesday.\n\n"
        "4\n00:00:09.000 --> 00:00:12.000\nAroha Ngata: We moved every rota into the shared drive last year\n\n"
        "5\n00:00:12.000 --> 00:00:14.000\nAroha Ngata: Nobody reads it on weekends.\n",
    )
    assert [s.text for s in statements] == [
        "A spreadsheet I update on Sunday nights and it's wrong by Tuesday.",
        # A finished clause with no full stop before a new one: still two statements.
        "We moved every rota into the shared drive last year",
        "Nobody reads it on weekends.",
    ]


def test_very_long_run_on_sentences_are_split_at_clause_breaks(tmp_path):
    clause = "we looked at the invoices every single morning before the team arrived"
    _, statements = statements_of(
        tmp_path,
        "long.txt",
        "Sam: Tell me?\nDana: " + f"{clause}, and {clause}, but {clause}, so {clause}, and {clause}, but {clause}.\n",
    )
    assert len(statements) >= 2
    assert all(len(s.text.split()) <= CONFIG.segment.max_words for s in statements)


import pytest  # noqa: E402

from voiceofbuyer.wording import stands_alone  # noqa: E402


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("Two people spend the first week matching bank lines by hand.", True),
        ("If it costs more than the renewals we miss, finance won't sign.", True),
        ("We lost a truck of vaccines in August; that's what started it.", True),
        ("I'll run a pilot with two hundred contracts and compare accuracy.", True),
        ("What we did is like we.", False),  # a dangling end
        # a verb's particle is no dangling end (these were fragments; tester S)
        ("I'm nervous about a young vendor, if they disappear we're left with records we can't get out.", True),
        ("People book their own trains and hotels and claim it back.", True),
        ("After the audit it's the natural moment to put something in.", True),  # tagged RP, attached as "prep"
        ("I'd want to run it on one site for a month and see if the receipts actually come in.", True),
        ("That's the one system we were all signed up for.", False),  # a preposition without its object
        ("Second on Azure. Now we are going to deploy on.", False),  # "on": no particle that ends a verb
        ("I say like, I would like to have a way to include the.", False),
        ("Data fusion, as I mentioned is.", False),
        ("Because I haven't dealt with them enough.", False),  # a subordinate clause alone
        # a condition with nothing following from it, however parsed ("wanna" as the subject of "scale")
        ("Like if you wanna scale your solution.", False),
        ("So if the finance team needs to onboard a new supplier.", False),
        ("If we had real-time visibility into cash we would save a week every month.", True),
        ("So while building this, we added incremental data augmentation for a set.", True),
        ("Yeah, when emailing existing clients I would definitely take on the writing for myself.", True),
        ("The quality of data that we're getting.", False),  # no main verb
        ("That's something that happens often.", False),  # a bare back-reference
        ("Which was really useful for the team at the time.", False),
        ("Model maintenance.", False),  # too short
        ("I've seen it a lot.", False),  # five words, though spaCy reads six tokens
        ("I worry a bit about that.", False),  # rests on a "that" said before
        ("Actually, that was the last straw.", False),
        ("I. You know, as a person that works with data for many years, I know.", False),  # a false start kept
        ("We. We tried three tools last year and none of them stuck.", False),
        # a topic said first is no false start: the segmenter joins it to its sentence (tester U: 12 points lost)
        ("Identity. Single sign-on is mandatory, I'm not managing another set of passwords.", True),
        ("The install. If every truck goes to a shop for half a day, that's a non-starter for us.", True),
        ("I have to make that argument to the board every single quarter.", True),
        ("Would you ever pay for a tool like that?", False),  # a question
        ("If we really need to stop, okay, we will take time at our.", False),  # a possessive with no noun
        ("I think there's also this side of like, usually say you have.", False),  # "have" with nothing had
        ("We work around the gaps with the tools we have.", True),
        ("I think this one is a good one,", False),  # broken off
        ("When the problem arrived, there's just.", False),
        ("To understand what people want to do with their systems.", False),  # no subject
        ("Allows me to have much simpler solutions while respecting business rules.", False),
        ("Of course we have missing data in every single export.", True),  # the subject under the auxiliary
        ("Give us one screen where every approval is waiting for us.", True),  # an imperative
        ("Whenever we want to put something out there.", False),  # "whenever" opens a subordinate clause
        ("When the auditors came, we started looking at tools.", True),  # ... with its main clause
        ("So that you can improve as the data.", False),  # ... after a linking word (real speech)
        ("So, so there's this, it could be for, yeah.", False),  # a tag hides the dangling "for" (auditor)
        ("We moved the whole close to the new system, yeah.", True),
        ("The numbers the vendor gave us were right.", True),
        ("And if we had every invoice in one place by the fifth.", False),
        ("So if it breaks, we lose a whole day of shipping.", True),
        ("What, at that time, for example, I wanted to do it.", False),  # an object put first, its clause unsaid
        ("What I love most is the speed of the month-end close.", True),
        ("I feel like it's the same thing.", False),  # no word of content
        ("I've seen it so many times.", False),
        ("It takes, like, five minutes for one call.", True),  # a number is content
        ("We have a lot of freelancers on the team.", True),
        ("Actually one has just occurred to me.", False),  # one of what was asked about
        ("One of the reports takes three days to build.", True),
        # a demonstrative as the main clause's subject, at any length, unless the quote says first what it is
        ("That is incredibly frustrating as I then have to spend time fixing it.", False),
        ("However, that is not something that I think will be necessary in the long run.", False),
        ("I think those are very good benchmarks to start any new project.", False),
        ("If I could rely 100% on citations this would be a game changer for me personally.", True),
        ("Sometimes I have to switch models and I think this is because one model gets fixated.", True),
        ("Certainly there is that fear that AI may be able to replace our role entirely.", True),
        # a short quote with a word standing for what it never names
        ("We're trying to get that as high as possible.", False),
        ("We work around it with the tools we have.", False),
        ("We would emulate this one, evaluating the model quality.", False),
        ("I feel like we're at the same place right now.", False),
        ("And so it doesn't happen often.", False),
        ("We would never go back to that approach.", False),
        ("The behavior was like the same.", False),
        ("That week we lost three trucks to the storm.", True),  # "that" placing a story in time
        ("We lost a truck of vaccines in August; that's what started it.", True),  # named before
        ("We pay the same price as the big distributors.", True),  # "the same" as something named
        ("It takes two days to close the books.", True),  # "it" that stands for nothing
        ("Your systems? Usually not, because we try to automate that part.", False),  # a question answered
        ("I see a lot of people frustrated with it, but yeah.", False),  # shrugged off
        ("You need to double check the numbers maybe manually or, I dunno.", False),
        ("I'm going to choose frustrated and again it was recently.", False),  # the opening of a story
        ("For a frustrating experience, I was working on a feature for the app I maintain.", False),
        ("A good example would be when I was stuck for hours on a shader bug.", True),  # ... with its point
        ("I can share a time where I got frustrated.", False),  # a story announced, untold
        # a point announced, none of it said (tester 38: it led an objection on a battlecard)
        ("So from my side, my concern is simple.", False),
        ("Honestly my question is twofold.", False),
        ("Our requirement is simple, it has to post to Xero.", True),
        ("There was a time when AI made me very frustrated.", False),
        ("There was a time when the tool sent every invoice twice.", True),
        ("Some of the girls on the team are really worried about that.", False),  # ends on what came before
        ("Chloe's team did a lot of the chasing on that.", False),
        ("Every month the controller asks the whole team to sign off on that before we close the books.", True),
        # a sentence given up midway, which speech recognition closed with a full stop, and started again
        ("But with external data, there's a. There's a disconnect between the provider and our own systems.", False),
        ("I always say that data science is not a. As work as author projects go.", False),
        ("We closed the books in five days. The auditors were happy with the trail.", True),  # two whole sentences
        ("We built our own dashboard for the warehouse and okay.", False),  # shrugged off
        ("Our CFO, John A. Miller, refuses to sign anything that is not in the ERP.", True),  # a letter, not "a."
        ("We just closed our Series A. Now the board wants a proper close process.", True),
        # what "that" stands for said first, before a comma; "here's why" has its subject (tester 12)
        ("SSO with Okta, that's a must.", True),
        ("When I go to council I can say this truck cost us forty thousand, here's why we replace it.", True),
        # a clause that ends on "as it is"; "that" after a clause of its own; a passive's subject (tester 16)
        ("I'm worried the reps won't update yet another tool, they barely update HubSpot as it is.", True),
        ("We would never let payroll data leave South Africa, POPIA is very clear on that.", True),
        ("I'm not convinced the AI clause extraction is accurate enough to trust on renewal dates.", True),
        ("What we did is like we.", False),
        ("Data fusion, as I mentioned is.", False),
        ("Yeah, so, honestly, I worry about that.", False),
        ("I think a year, let's say 16 months, something like that.", False),
        ("You can do your own lineage, everything else, everything around that.", False),
        # a preposition whose object is the noun its relative clause describes (tester 17)
        ("I won't sign a three-year contract with a vendor I've never worked with.", True),
        ("Now we are going to deploy on.", False),
        # someone spoken of as "he" or "she" who is named before the quote (tester 20), and someone named in it
        ("He put returns on the board's list of top five issues for this year.", False),
        ("I've also seen her use it to make a list of objectives for the field trip.", False),
        ("Our CFO put returns on the board's list, and she wants them halved this year.", True),
    ],
)
def test_a_quote_stands_alone_only_when_it_is_a_whole_thought(text, alone):
    doc = load_spacy(CONFIG.models.spacy)(text)
    assert stands_alone(text, list(doc)) is alone


def test_keyphrases_leave_out_names_and_adverbs_and_keep_acronyms(tmp_path):
    """Titles are made of keyphrases: a person or a product ("Marco", "NetSuite") is never one, nor an adverb;
    an acronym keeps its capitals."""
    _, statements = statements_of(
        tmp_path,
        "call.txt",
        "interviewer: What happened?\n"
        "interviewee: Marco leaving doubled the backlog. We typed exactly the invoices into NetSuite by hand. "
        "The AI tools missed the ERP codes. "
        "Because if you skip that step, the client's gonna come back in and bite you. "
        "We need to see a SOC 2 Type II report first. Our lawyers review NDAs all week.\n",
    )
    phrases = {p for s in statements for p in s.keyphrases}
    assert not any(word in p.lower() for p in phrases for word in ("marco", "netsuite", "exactly", "gon"))
    assert {"backlog", "invoices", "AI tools", "ERP codes", "client"} <= phrases  # "gonna" is no noun's part
    assert any("NDAs" in p for p in phrases)  # a plural acronym as written (a title read "Sends ndas": tester 41)
    # words left out inside a phrase make none: "SOC II report" was never said (tester S)
    assert not any("II" in p for p in phrases)


def test_a_word_written_with_hyphens_is_one_word_of_a_keyphrase(tmp_path):
    """spaCy splits "month-end" at its hyphen: "month-end close" was lost, and a chunk ending inside a word made
    "dollar write" of "dollar write-down" and "single sign" of "single sign-on" (tester 20's theme titles)."""
    _, statements = statements_of(
        tmp_path,
        "call.txt",
        "interviewer: What happened?\n"
        "interviewee: The month-end close takes eleven days. The three-way matching is a nightmare. "
        "The dollar write-down hit our quarter badly. We want a real-time view of committed cost. "
        "Single sign-on is a must for us - no exceptions. We bought a bid bid tool last year.\n",
    )
    phrases = {p for s in statements for p in s.keyphrases}
    assert {"month-end close", "three-way matching", "dollar write-down", "real-time view", "single sign-on"} <= phrases
    assert not {"dollar write", "way matching", "single sign", "bid bid tool"} & phrases


def test_a_light_verb_in_any_form_makes_no_verb_phrase_and_no_lemmatizer_is_loaded(tmp_path):
    """A verb phrase ("chased approvals") names a theme, a light verb ("had approvals") never, whatever the
    tense: the segmenter reads the verb's form, as it loads neither the lemmatizer nor the entity recogniser."""
    _, statements = statements_of(
        tmp_path,
        "call.txt",
        "interviewer: What happened?\n"
        "interviewee: We chased approvals every month. We had approvals stuck for weeks. "
        "Nobody wanted approvals by email.\n",
    )
    phrases = {p for s in statements for p in s.keyphrases}
    assert "chased approvals" in phrases
    assert not {"had approvals", "wanted approvals"} & phrases
    assert not {"lemmatizer", "ner"} & set(load_spacy(CONFIG.models.spacy).pipe_names)


def test_the_part_of_speech_ruler_tags_real_answers_as_the_full_attribute_ruler_does():
    """The segmenter's cut-down ruler against spaCy's own, on 600 real typed answers (shipped, MIT licence)."""
    import spacy

    from voiceofbuyer.classify.labelled import shipped
    from voiceofbuyer.pos_ruler import PosRuler

    # "there" as the last word of one passage and "is" opening the next: a two-word pattern never spans them.
    texts = [*[s.text for s in shipped(("typed",))][:600], "Was there", "is it fine?", ""]
    fast = load_spacy(CONFIG.models.spacy)
    assert isinstance(fast.get_pipe("attribute_ruler"), PosRuler)
    full = spacy.load(CONFIG.models.spacy, exclude=["ner", "lemmatizer"])
    tagged = [[(t.pos_, t.tag_, t.dep_) for t in doc] for doc in fast.pipe(texts)]
    assert tagged == [[(t.pos_, t.tag_, t.dep_) for t in doc] for doc in full.pipe(texts)]
    assert [[t.pos_ for t in fast(text)] for text in texts[-40:]] == [[pos for pos, _, _ in d] for d in tagged[-40:]]
    assert {pos for doc in tagged for pos, _, _ in doc} >= {"NOUN", "VERB", "AUX", "PRON", "SCONJ", "DET", "ADP"}


def test_a_start_given_up_before_a_comma_is_left_out_of_the_quote(tmp_path):
    """'It's, it's easy ...' and 'We were quite, maybe we ...': the quote starts where the speaker started again; an
    opening clause that is whole ('If the export fails, we ...') stays, and so does a start with too little after it."""
    interview, statements = statements_of(
        tmp_path,
        "call.txt",
        "interviewer: What went wrong?\n"
        "interviewee: It's, it's easy to lose a week on the supplier exports. "
        "We were quite, maybe we should have started the migration earlier. "
        "If the export fails, we rebuild the whole file by hand. "
        "So it was, like, bad. "
        "These late latencies are, can be caused by a lot of things. "
        "Some projects were like, you know, proof of concept. "
        "Every roaster needs that, and most ERP tools don't know what it is.\n",
    )
    texts = [s.text for s in statements]
    assert texts[6] == "Every roaster needs that, and most ERP tools don't know what it is."  # a whole clause
    assert texts[:3] == [
        "It's easy to lose a week on the supplier exports.",
        "Maybe we should have started the migration earlier.",
        "If the export fails, we rebuild the whole file by hand.",
    ]
    assert texts[3] == "It was, like, bad."  # nothing would be left after the restart: only the marker goes
    assert texts[4] == "These late latencies are, can be caused by a lot of things."  # no new subject: no restart
    assert texts[5] == "Some projects were like, you know, proof of concept."  # a filler after the comma
    for statement in statements:  # the quote is still an exact span of the source
        source = apply_cleanup(interview.text, statement.start_char, statement.end_char, statement.removed)
        assert source == statement.text


def test_a_start_given_up_that_denies_or_doubts_what_follows_stays_in_the_quote(tmp_path):
    """'I'm not sure the, we can trust ...' cut to 'We can trust ...' would quote the buyer saying the opposite."""
    _, statements = statements_of(
        tmp_path,
        "call.txt",
        "interviewer: What worries you?\n"
        "interviewee: I'm not sure the, we can trust a cloud vendor with our residents' bank details. "
        "I can't promise the, we will approve a per-invoice price without a pilot. "
        "Nobody here thinks the, we are doing fine with paper invoices. "
        "I don't think that, we could ever let software pay a supplier unchecked.\n",
    )
    assert [s.text for s in statements] == [
        "I'm not sure the, we can trust a cloud vendor with our residents' bank details.",
        "I can't promise the, we will approve a per-invoice price without a pilot.",
        "Nobody here thinks the, we are doing fine with paper invoices.",
        "I don't think that, we could ever let software pay a supplier unchecked.",
    ]


def test_a_topic_said_first_a_named_clause_or_an_aside_before_a_comma_is_no_start_given_up(tmp_path):
    """A topic or a relative clause put first ("Dashboards I like,"), "The problem is," and an aside closed by a
    second comma ("about, I'd say, forty grand", "Some, but not all, of") end on a word no clause ends on, before a
    comma and a pronoun or "but", and were said whole: cut as a start given up, they lost words or turned the meaning
    ("But not all, of our suppliers send EDI.")."""
    said = [
        "Dashboards I like, it's the exports I hate.",
        "Everyone I work with, they keep their own spreadsheet.",
        "Suppliers we rely on, they change their cut-off times every quarter.",
        "Who I answer to, that's the supply chain director.",
        "The problem is, we never know which version is current.",
        "Some, but not all, of our suppliers send EDI.",
        "Most, but not all, of the planners are comfortable with new tools.",
        "We're spending about, I'd say, forty grand a year on agency temps.",
        "I'm responsible for, and this is the big one, the whole onboarding process.",
        "The approvals are, we think, the slowest step.",
        "It comes down to, I think, two things.",
        # whatever the noun, and who "we" are (tester 9: "We failed part of our SOC 2 audit", "We sign off together")
        "The trigger was, we failed part of our SOC 2 audit in March.",
        "The bottleneck is, it's one analyst who knows how it all works.",
        "Our KPI is, it's days to close the month.",
        "The CFO and I, we sign off together on anything over ten thousand.",
    ]
    _, statements = statements_of(tmp_path, "call.txt", "interviewer: What hurts?\ninterviewee: " + " ".join(said))
    assert [s.text for s in statements] == said
    # a start given up is still left out, an aside or not: the words after the second comma start a new clause
    _, statements = statements_of(
        tmp_path,
        "again.txt",
        "interviewer: What hurts?\ninterviewee: It depends on, I think, we should have started the migration earlier. "
        "The thing we were, we had no budget for a second vendor.\n",
    )
    assert [s.text for s in statements] == [
        "I think, we should have started the migration earlier.",
        "We had no budget for a second vendor.",
    ]


def test_a_sentence_the_interviewer_acknowledged_midway_is_one_quote(tmp_path):
    """'our general managers' / 'Mm-hmm.' / 'only look at ...': the buyer's sentence, whole; a question or a "No."
    in between, or a finished sentence before the "Mm-hmm.", keeps the parts apart."""
    interview, statements = statements_of(
        tmp_path,
        "call.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nSam: What does the approval process look like?\n\n"
        "00:00:04.500 --> 00:00:08.000\nNadia: The problem is that our general managers\n\n"
        "00:00:08.100 --> 00:00:08.900\nSam: Mm-hmm.\n\n"
        "00:00:09.000 --> 00:00:14.000\nNadia: only look at their email on Fridays, so invoices sit for a week.\n\n"
        "00:00:15.000 --> 00:00:18.000\nSam: And the suppliers?\n\n"
        "00:00:18.500 --> 00:00:22.000\nNadia: Our suppliers phone the depots when a payment is late\n\n"
        "00:00:22.100 --> 00:00:23.000\nSam: Which depots?\n\n"
        "00:00:23.500 --> 00:00:27.000\nNadia: the northern depots, the ones near Leeds and York.\n",
    )
    texts = [s.text for s in statements]
    assert texts[0] == (
        "The problem is that our general managers only look at their email on Fridays, so invoices sit for a week."
    )
    assert [r[2] for r in statements[0].removed] == ["backchannel"]
    assert "Our suppliers phone the depots when a payment is late" in texts[1]
    assert not any("Leeds" in t and "suppliers" in t for t in texts)  # a question between: never one quote
    for statement in statements:
        assert apply_cleanup(interview.text, statement.start_char, statement.end_char, statement.removed) == (
            statement.text
        )


@pytest.mark.parametrize("acknowledgement", ["Yeah, totally.", "Mm-hmm (affirmative).", "Makes sense."])
def test_other_acknowledgements_and_a_cue_ending_on_a_comma_keep_the_sentence_whole(tmp_path, acknowledgement):
    interview, statements = statements_of(
        tmp_path,
        "call.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Sophie>Why are the payslips wrong?</v>\n\n"
        "00:00:04.500 --> 00:00:08.000\n<v Gareth>It goes wrong because managers approve shifts</v>\n\n"
        f"00:00:08.100 --> 00:00:08.900\n<v Sophie>{acknowledgement}</v>\n\n"
        "00:00:09.000 --> 00:00:12.000\n<v Gareth>in bulk on a Sunday night for the whole week.</v>\n\n"
        "00:00:13.000 --> 00:00:15.000\n<v Gareth>I'd like them to do it in the app they already use,</v>\n\n"
        "00:00:15.000 --> 00:00:18.000\n<v Gareth>ServiceMax, so it flows into Salesforce.</v>\n",
    )
    assert [s.text for s in statements] == [
        "It goes wrong because managers approve shifts in bulk on a Sunday night for the whole week.",
        "I'd like them to do it in the app they already use, ServiceMax, so it flows into Salesforce.",
    ]
    for statement in statements:
        assert apply_cleanup(interview.text, statement.start_char, statement.end_char, statement.removed) == (
            statement.text
        )


def test_punctuated_speech_is_broken_only_where_its_punctuation_ends_a_sentence(tmp_path):
    # spaCy's parser breaks "..., by right" | "I mean reconciled ..."; the transcript's punctuation does not.
    _, statements = statements_of(
        tmp_path,
        "call.txt",
        "Sam: Are the numbers good?\n"
        "Fiona: Yes. The numbers are right, by right I mean reconciled and signed off in BlackLine, but nobody can "
        "explain them in one sentence.\n",
    )
    assert [s.text for s in statements] == [
        "The numbers are right, by right I mean reconciled and signed off in BlackLine, but nobody can explain them in "
        "one sentence."
    ]


def test_opening_markers_go_but_words_that_mean_something_stay(tmp_path):
    _, statements = statements_of(
        tmp_path,
        "call.txt",
        "interviewer: What changed?\n"
        "interviewee: Like I told Sam in our first call, the AR team has to live with whatever we buy. "
        "Right now we match every remittance by hand. "
        "Like, the backlog doubles every quarter end. "
        "And, so we chase the customers by phone for days. "
        "So far nothing has stuck with the collectors. Oh no, it gets worse every single month. "
        "I mean it, that alone would save my team a week. You know the answer, our CFO will not pay for it. "
        "Well over half of the invoices arrive late. So we built a spreadsheet for the disputes. "
        "Well in excess of 2,400 km a week goes on fuel cards. I was all in, but the CFO wants a second quote. "
        "It caught some, but every insurer changes its rules twice a year. "
        'Our CFO asked, "Why are we paying twice?" and I had no answer. '
        "Yeah predictability is a big one for me.\n",
    )
    assert [s.text for s in statements] == [
        "Like I told Sam in our first call, the AR team has to live with whatever we buy.",
        "Right now we match every remittance by hand.",
        "The backlog doubles every quarter end.",
        "We chase the customers by phone for days.",
        "So far nothing has stuck with the collectors.",
        "Oh no, it gets worse every single month.",
        "I mean it, that alone would save my team a week.",
        "You know the answer, our CFO will not pay for it.",
        "Well over half of the invoices arrive late.",
        "We built a spreadsheet for the disputes.",  # a marker before a clause still goes
        "Well in excess of 2,400 km a week goes on fuel cards.",  # "well" says how much
        "I was all in, but the CFO wants a second quote.",  # "in" ends the clause: no start given up
        "It caught some, but every insurer changes its rules twice a year.",  # "some" too, as a pronoun (tester W)
        'Our CFO asked, "Why are we paying twice?" and I had no answer.',  # a quoted question inside the sentence
        "Predictability is a big one for me.",  # an answer's "yeah" a recogniser wrote no comma after (tester 43)
    ]


def test_well_but_and_so_that_say_something_stay_at_the_start_of_a_quote(tmp_path):
    """A well numbered ("Well one and well two"), "well in advance", "But for that audit, we would never ..." (without
    it) and "So that the night shift ..." (what for) are words, not markers: left out, the quote lost its subject or
    said the opposite ("For that audit, we would never have found the duplicates.")."""
    said = [
        "Well one and well two share a separator on the Hudgins lease.",
        "Well in advance of a workover we have to line up the rig.",
        "But for that audit, we would never have found the duplicates.",
        "So that the night shift has the right slots, we print the pick list twice.",
    ]
    _, statements = statements_of(tmp_path, "call.txt", "interviewer: Why?\ninterviewee: " + " ".join(said) + "\n")
    assert [s.text for s in statements] == said
    _, statements = statements_of(
        tmp_path, "markers.txt", "interviewer: Why?\ninterviewee: So that was the end of the pilot for us.\n"
    )
    assert [s.text for s in statements] == ["That was the end of the pilot for us."]  # a marker before "that was"


def test_a_quote_that_leaves_out_the_start_of_its_sentence_is_judged_by_what_it_keeps():
    """The sentence's root may be in the words a quote leaves out (a marker, a start given up): the clause heads
    are then the kept words whose head was left out."""
    nlp = load_spacy(CONFIG.models.spacy)
    restart = nlp("It's, it's easy to lose a whole week on the supplier exports.")
    assert stands_alone("It's easy to lose a whole week on the supplier exports.", list(restart)[2:])
    relative = nlp("Like for him who absolutely need to retrain the model every week.")
    kept = list(relative)[1:]  # "Like" left out as a marker: "need" heads what is kept, with a relative subject
    assert not stands_alone("For him who absolutely need to retrain the model every week.", kept)


def test_a_one_word_answer_is_kept_and_a_false_start_or_back_channel_is_not(tmp_path):
    """ "ADP." and "Both." answer the question: kept, alone or read with the sentence after them; "Yeah." and a
    false start ("On.") say nothing."""
    _, statements = statements_of(
        tmp_path,
        "a.txt",
        "Interviewer: Who's the payroll provider?\n"
        "Amelia Hart: ADP. We're locked in until 2027 with them.\n"
        "Interviewer: Have you raised it with either vendor?\n"
        "Amelia Hart: Both.\n"
        "Interviewer: And is it getting better?\n"
        "Amelia Hart: Yeah.\n"
        "Interviewer: Where does it break?\n"
        "Amelia Hart: On. The handover between the two systems breaks every month.\n",
    )
    assert [s.text for s in statements] == [
        "ADP. We're locked in until 2027 with them.",
        "Both.",
        "The handover between the two systems breaks every month.",
    ]


def test_a_bracket_closed_after_words_does_not_end_the_sentence(tmp_path):
    _, statements = statements_of(
        tmp_path,
        "call.txt",
        "Sam: What do you think of your current tool?\n"
        "Amelia: Lovely product (genuinely, the UI is great) but it doesn't talk to our payroll provider. "
        'My boss said "just make it work." So we built a bridge ourselves (it took a month.) It breaks weekly.\n',
    )
    assert [s.text for s in statements] == [
        "Lovely product (genuinely, the UI is great) but it doesn't talk to our payroll provider.",
        'My boss said "just make it work."',
        "We built a bridge ourselves (it took a month.)",
        "It breaks weekly.",
    ]


def test_a_mark_inside_a_bracket_just_opened_does_not_end_the_sentence(tmp_path):
    _, statements = statements_of(
        tmp_path,
        "answers.txt",
        "Q: Do you trust the answers?\n"
        "A: However, I find AI can be too validating (wow! what a great idea!) when I brainstorm. I check it twice.\n",
    )
    assert [s.text for s in statements] == [
        "However, I find AI can be too validating (wow! what a great idea!) when I brainstorm.",
        "I check it twice.",
    ]


def test_caption_tags_inside_a_sentence_leave_every_word_in_one_quote(tmp_path):
    """SRT and WebVTT markup splits a cue's text into pieces: the pieces are still one sentence, a tagged "no" or
    "all" is no back-channel, and a full stop after a closing tag stays."""
    _, statements = statements_of(
        tmp_path,
        "captions.srt",
        "1\n00:00:01,000 --> 00:00:03,000\nLena: What did the depot managers say?\n\n"
        "2\n00:00:03,500 --> 00:00:08,000\nTom: Every depot manager said <i>no</i> to another login.\n\n"
        "3\n00:00:08,500 --> 00:00:12,000\nTom: We renew <b>all</b> 60 enterprise accounts in Q1.\n\n"
        "4\n00:00:12,500 --> 00:00:16,000\nTom: We did that with our ERP and {\\i1}never again{\\i0}.\n\n"
        "5\n00:00:16,500 --> 00:00:20,000\nTom: Also the screens are only in English.\n\n",
    )
    assert [s.text for s in statements] == [
        "Every depot manager said no to another login.",
        "We renew all 60 enterprise accounts in Q1.",
        "We did that with our ERP and never again.",
        "Also the screens are only in English.",
    ]


def test_a_transcript_quoted_whole_in_a_mail_reply_is_read_without_its_quote_marks(tmp_path):
    """ "> Sam Whitaker: ..." under "On 19 Jun 2025, Sam Whitaker wrote:": the quoted transcript is the interview, the
    reply above it and the sign-off inside the quote no one's; the ">" before a turn's second line is removed as a
    ``quote-mark``, never quoted."""
    mail = (
        "From: Marta Silva <marta.silva@ledgerloop.com>\nSubject: Re: Transcript - Joel Harper\n"
        "To: Sam Whitaker <sam.whitaker@ledgerloop.com>\n\nThanks Sam, great call.\n\nMarta\n\n"
        "> On 19 Jun 2025, at 17:40, Sam Whitaker <sam.whitaker@ledgerloop.com> wrote:\n>\n"
        "> Sam Whitaker: Thanks for joining, Joel. Can you start with your role?\n"
        "> Joel Harper: Sure. I'm the billing operations manager at Tidewater\n"
        "> Utilities. We bill about three hundred thousand water customers.\n"
        "> Sam Whitaker: What does that cost you?\n"
        "> Joel Harper: Call volume mostly, and the regulator publishes our complaint numbers.\n>\n> Cheers,\n> Sam\n"
    )
    interview, statements = statements_of(tmp_path, "reply.txt", mail)
    assert {turn.speaker for turn in interview.turns} == {"Sam Whitaker", "Joel Harper"}
    said = [s.text for s in statements]
    assert said == [
        "I'm the billing operations manager at Tidewater Utilities.",
        "We bill about three hundred thousand water customers.",
        "Call volume mostly, and the regulator publishes our complaint numbers.",
    ]
    assert [(interview.text[start:end], reason) for s in statements for start, end, reason in s.removed] == [
        ("\n> ", "quote-mark")
    ]


def test_a_clause_ending_on_a_pronoun_a_particle_or_after_a_wh_word_is_no_start_given_up(tmp_path):
    """Before a comma and a new clause, a clause that ends on "that", "some", "in" or a copula after "how" was said
    whole: left out, the quote lost its meaning (tester X); "It's, it's easy" and "it depends on, so" were given up."""
    said = [
        "We've tried that, it doesn't scale past one site.",
        "Other than that, it's all spreadsheets.",
        "Some, they're the two national carriers.",
        "Everyone's all in, it's just the budget.",
        "That's how it was, we had no audit trail at all.",
    ]
    _, statements = statements_of(tmp_path, "call.txt", "interviewer: Why?\ninterviewee: " + " ".join(said) + "\n")
    assert [s.text for s in statements] == said
    _, statements = statements_of(
        tmp_path, "given-up.txt", "interviewer: Why?\ninterviewee: It depends on, so the carriers decide everything.\n"
    )
    assert [s.text for s in statements] == ["The carriers decide everything."]


def _word_level_srt(cues: list[tuple[str, str]]) -> str:
    """An SRT a word a cue, as MacWhisper and WhisperX write word-level captions; ``cues``: (label, word), the label
    written where it is not empty."""
    blocks = []
    for number, (label, word) in enumerate(cues, start=1):
        start = number * 0.4
        stamp = lambda t: f"00:00:{int(t):02d},{int(t * 1000) % 1000:03d}"  # noqa: E731
        blocks.append(f"{number}\n{stamp(start)} --> {stamp(start + 0.4)}\n{f'{label}: ' if label else ''}{word}\n")
    return "\n".join(blocks)


def test_word_level_captions_keep_every_word_of_the_sentence(tmp_path):
    """Tester 16: a cue holding a back-channel word ("of", "it", "no,") was left out of the sentence, and a word said
    twice ("very" / "very") was read as a roll-up caption showing its cue again."""
    question = [("Speaker 1", w) for w in ["What", "slows", "you", "down?"]]
    answer = "We run ninety coaches out of Galway. It sits on a laptop and it is very very slow. It had had two owners."
    cues = question + [("Speaker 2" if i == 0 else "", w) for i, w in enumerate(answer.split())]
    _, statements = statements_of(tmp_path, "words.srt", _word_level_srt(cues))
    said = " ".join(s.text for s in statements)
    for words in ("ninety coaches out of Galway", "It sits on a laptop", "very very slow", "had had two owners"):
        assert words in said, said


def test_a_cue_cut_after_a_word_that_opens_a_clause_goes_on_in_the_next(tmp_path):
    """ "Nothing gets signed unless" / "Legal has seen the final redline." was two statements (tester 16)."""
    vtt = (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Sam Ortiz>Who signs off on a contract?</v>\n\n"
        "2\n00:00:03.500 --> 00:00:06.000\n<v Dana Cole>Nothing gets signed unless</v>\n\n"
        "3\n00:00:06.000 --> 00:00:09.000\n<v Dana Cole>Legal has seen the final redline, and that takes weeks.</v>\n"
    )
    _, statements = statements_of(tmp_path, "call.vtt", vtt)
    assert any("Nothing gets signed unless Legal has seen the final redline" in s.text for s in statements)


def test_a_sentence_goes_on_after_an_abbreviation_spacy_does_not_know(tmp_path):
    """ "Our No. 2 plant scraps approx. 4% of coil" was two statements, cut after "approx." (tester 24)."""
    _, statements = statements_of(
        tmp_path,
        "call.txt",
        "interviewer: How much do you scrap?\n"
        "interviewee: Our No. 2 plant scraps approx. 4% of coil, vs. about 1.5% at the other sites. It costs us.\n",
    )
    assert any("scraps approx. 4% of coil, vs. about 1.5%" in s.text for s in statements)


def test_a_figure_the_buyer_takes_back_stands_alone_no_more(tmp_path):
    """ "We paid out roughly 340,000 kronor ... No, sorry, 430,000." was a pain point quoting the wrong figure (tester
    29): a statement the next takes back stays as evidence, never a quote of its own."""
    _, statements = statements_of(
        tmp_path,
        "call.txt",
        "interviewer: What do the payroll errors cost you?\n"
        "interviewee: We paid out roughly 340,000 kronor in corrections last year. No, sorry, 430,000. I always flip "
        "those. Our auditors flagged it twice in the management letter.\n",
    )
    standalone = {s.text: s.standalone for s in statements}
    assert standalone["We paid out roughly 340,000 kronor in corrections last year."] is False
    assert standalone["Our auditors flagged it twice in the management letter."] is True


def test_a_sentence_with_words_nobody_made_out_inside_it_stands_alone_no_more(tmp_path):
    """ "So our service history is [inaudible 00:00:34] at best." was quoted "Our service history is at best.", a
    whole-looking sentence that said another thing, and could lead a theme (tester 32)."""
    _, statements = statements_of(
        tmp_path,
        "call.txt",
        "interviewer: How good is your service history?\n"
        "interviewee: [inaudible] The mechanics write on the job sheet and somebody keys it in on a Friday. So our "
        "service history is [inaudible 00:00:34] at best. We lost two audits over it. [crosstalk]\n",
    )
    standalone = {s.text: s.standalone for s in statements}
    assert standalone == {
        "The mechanics write on the job sheet and somebody keys it in on a Friday.": True,
        "Our service history is at best.": False,  # the note removed, as in every quote, and a lead no more
        "We lost two audits over it.": True,
    }


def test_a_quotation_with_a_full_stop_inside_and_a_hesitation_do_not_end_the_sentence(tmp_path):
    """'she said, "No. We are not buying another IT tool this year."' was two quotes, the CFO's words one of the
    buyer's own; "If it can't read those, it's, um... it's useless to us." was two fragments (tester 34)."""
    _, statements = statements_of(
        tmp_path,
        "call.txt",
        "interviewer: Where is the project now?\n"
        'interviewee: Stuck, honestly. I took it to our CFO in September and she said, "No. We are not buying another '
        "IT tool this year.\" So it's parked until January.\n"
        "interviewer: And the handwritten notes?\n"
        "interviewee: Half our delivery notes are handwritten in Arabic. If it can't read those, it's, um... it's "
        "useless to us.\n",
    )
    texts = [s.text for s in statements]
    assert any(t.endswith('she said, "No. We are not buying another IT tool this year."') for t in texts)
    assert not any(t.startswith("We are not buying") for t in texts)
    # a closing mark whose quotation opened in a sentence before opens nothing: the next sentence stays apart
    _, closed = statements_of(
        tmp_path,
        "typed.txt",
        "interviewer: What did it write?\n"
        'interviewee: USPS does occasionally lose things, and we want to make sure you get your order. " Another '
        'time I asked it for "general advice" on emails.\n',
    )
    assert 'Another time I asked it for "general advice" on emails.' in [s.text for s in closed]
    assert "If it can't read those, it's useless to us." in texts


def test_a_message_read_out_stays_whole_with_its_frame_and_an_unframed_one_never_leads(tmp_path):
    """'He wrote, "Lucia any update ...? Vendor says price goes up Nov 1 if we don't sign. This is the third time
    I'm asking."' was three statements, its middle a persona's headline pain as the buyer's own words; an e-mail read
    out with no frame was filed as her trigger (tester 39)."""
    _, statements = statements_of(
        tmp_path,
        "call.txt",
        "interviewer: How often does that happen?\n"
        "interviewee: Every week. It's a Slack from one of my warehouse managers. He wrote, \"Lucia any update on the "
        "pallet wrapper? Vendor says price goes up Nov 1 if we don't sign. This is the third time I'm asking.\" And "
        "he's right, it's the third time.\n"
        "interviewer: What happened after that?\n"
        'interviewee: She sent an email to all the ops VPs. Okay, here it is. "Effective immediately, any rental '
        "over five thousand dollars requires a PO from procurement before delivery. No exceptions.\" So that's what "
        "kicked off us looking at tools.\n",
    )
    by_text = {s.text: s.standalone for s in statements}
    assert (
        "He wrote, \"Lucia any update on the pallet wrapper? Vendor says price goes up Nov 1 if we don't sign. This "
        "is the third time I'm asking.\""
    ) in by_text
    assert not any(text.startswith("Vendor says") for text in by_text)
    email = '"Effective immediately, any rental over five thousand dollars requires a PO from procurement before ' \
        'delivery. No exceptions."'  # fmt: skip
    assert by_text[email] is False


def test_a_turn_cut_off_as_the_line_dropped_stands_alone_no_more(tmp_path):
    """ "And if one store is late, we miss" (the buyer's audio cut out) was a quote presented as whole; her
    restatement is one, and so is a sentence ending on such a verb as a relative clause (tester 34)."""
    _, statements = statements_of(
        tmp_path,
        "call.txt",
        "interviewer: What slows the close?\n"
        "interviewee: Store cash reconciliations. Every store counts differently. And if one store is late, we miss\n"
        "interviewer: Sorry, you cut out there.\n"
        "interviewee: If one store is late, we miss the deadline for the whole group. It's the spreadsheet tools we "
        "use\n",
    )
    standalone = {s.text: s.standalone for s in statements}
    assert standalone["If one store is late, we miss"] is False
    assert standalone["If one store is late, we miss the deadline for the whole group."] is True
    assert standalone["It's the spreadsheet tools we use"] is True


def test_a_sentence_a_recogniser_stopped_at_a_pause_goes_on_in_the_next_but_one_started_again_does_not(tmp_path):
    """Teams' captions put a full stop at every pause: "We had a big problem with. The reconciliation ..." is one
    sentence, and its second half alone lost what it is about (tester 43); a sentence given up and started again
    ("We were. Honestly, ...") is two."""
    _, statements = statements_of(
        tmp_path,
        "teams.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Jess Alvarez>Has an integration ever broken on you?</v>\n\n"
        "00:00:05.000 --> 00:00:12.000\n<v Priya Raman>Oh yeah. We lost a whole week of. Invoices that never "
        "posted to the ledger. We had a big problem with. The reconciliation and my team spent a whole weekend on "
        "it.</v>\n\n"
        "00:00:13.000 --> 00:00:15.000\n<v Jess Alvarez>And the tool you have now?</v>\n\n"
        "00:00:16.000 --> 00:00:22.000\n<v Priya Raman>We were. Honestly the approval tool is slow and my team hates "
        "it. There's a. There's a real disconnect between finance and IT on it. I was the head of. Finance. Here I "
        "run the integrations team. The tool is something I have experience with. AI is weaker than me on it.</v>\n",
    )
    texts = [s.text for s in statements]
    assert "We lost a whole week of. Invoices that never posted to the ledger." in texts
    assert "We had a big problem with. The reconciliation and my team spent a whole weekend on it." in texts
    assert not any(t.startswith("The reconciliation") for t in texts)
    # and it is a quote: the full stop inside is the recogniser's pause, no start given up (tester 44)
    joined = next(s for s in statements if s.text.startswith("We had a big problem with."))
    assert joined.standalone is True
    assert "Honestly the approval tool is slow and my team hates it." in texts
    # the words that ended a dangling sentence are no fragment that goes on into the next
    assert "I was the head of. Finance." in texts and "Here I run the integrations team." in texts
    # a sentence that ends where a typed one may: not joined
    assert "AI is weaker than me on it." in texts
    # "a." is one token to spaCy: the start given up is cut off all the same (tester 44)
    assert "There's a real disconnect between finance and IT on it." in texts


def test_a_sentence_stopped_on_because_a_possessive_or_but_goes_on_in_the_next(tmp_path):
    """Variants of the kind (tester 44): "because.", "our insurer's.", "but. Neither of them ...", "We had a. Big
    ..."."""
    _, statements = statements_of(
        tmp_path,
        "otter.txt",
        "Sam Ortiz  0:01\nWhat went wrong?\n\n"
        "Dana Reyes  0:04\nWe can't close on time because. The tills in the older stores only upload overnight. We "
        "only found out from our insurer's. Renewal questionnaire, which asked for quarterly access reviews. We "
        "looked at two vendors last year but. Neither of them could handle refunds across currencies. We had a. Big "
        "problem with refunds. It's a. It's a nightmare every month. My worry is the line supervisors'. Habit of "
        "sharing one login per shift. But with the external data, there's a. There's a gap that nobody on my team "
        "owns.\n",
    )
    texts = [s.text for s in statements]
    assert "We can't close on time because. The tills in the older stores only upload overnight." in texts
    insurer = "We only found out from our insurer's. Renewal questionnaire, which asked for quarterly access reviews."
    assert insurer in texts
    assert "We looked at two vendors last year but. Neither of them could handle refunds across currencies." in texts
    assert "We had a. Big problem with refunds." in texts
    assert "It's a nightmare every month." in texts
    assert "My worry is the line supervisors'. Habit of sharing one login per shift." in texts
    standalone = {s.text: s.standalone for s in statements}
    assert standalone["But with the external data, there's a."] is False  # broken off on "a.", one token
    assert standalone["There's a gap that nobody on my team owns."] is True


def test_a_long_sentence_is_never_split_inside_a_repeated_word(tmp_path):
    """Split at ", and" between "and," and "and", the clean-up took the first out for a repeat the statement no longer
    held, and the run stopped on its own audit (a real spoken interview)."""
    half = "we looked at every invoice by hand before the team arrived in the morning"
    _, statements = statements_of(
        tmp_path,
        "long.txt",
        f"Sam: Tell me?\nDana: {half}, but {half} and, and {half}, so {half} again.\n",
    )
    assert len(statements) == 2
    assert not any(s.text.rstrip(",. ").endswith(" and") for s in statements)
    assert statements[1].text.startswith("So") or statements[0].text.endswith(f"and {half},")


def test_an_auxiliary_a_parser_broke_off_unpunctuated_captions_stays_with_its_clause(tmp_path):
    """ "so i know which suppliers bill accurately and which ones | don't": the parser's break left a quote that
    meant the opposite and a statement "Don't" (tester 43)."""
    _, statements = statements_of(
        tmp_path,
        "descript.txt",
        "Dev Patel: what would good look like\n"
        "Gareth Bowen: we want a supplier scorecard so i know which suppliers bill accurately and which ones don't\n",
    )
    assert [s.text for s in statements][-1].endswith("and which ones don't")
    assert not any(s.text.lower().startswith("don't") for s in statements)
