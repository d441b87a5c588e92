"""The classifier: its backends behind one interface, deterministic training, the floors, grouped folds, and
learning from reviewers."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from voiceofbuyer.classify import filed_as
from voiceofbuyer.classify.builtin import BuiltinClassifier, train
from voiceofbuyer.classify.evaluate import check_folds, cross_validate, evaluate, grouped_folds
from voiceofbuyer.classify.labelled import LabelledStatement, read_labelled, shipped
from voiceofbuyer.classify.server import ServerClassifier
from voiceofbuyer.config import ClassifyConfig
from voiceofbuyer.errors import ConfigError
from voiceofbuyer.remarks import is_small_talk

LABELS = ("pain", "goal")
LOOSE = ClassifyConfig(min_confidence=0.0, min_words=1)


class ToyVectors:
    """A ``Vectors`` stand-in: a fixed vector per text, or a random one."""

    name = "toy"

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors
        self.rng = np.random.default_rng(1)

    def get(self, texts: list[str]) -> dict[str, np.ndarray]:
        for text in texts:
            self.vectors.setdefault(text, self.rng.normal(size=16))
        return {t: self.vectors[t] for t in texts}


def toy_examples() -> tuple[list[LabelledStatement], dict[str, np.ndarray]]:
    rng = np.random.default_rng(0)
    centres = {"pain": rng.normal(size=16), "goal": rng.normal(size=16)}
    examples, vectors = [], {}
    for label in LABELS:
        for n in range(20):
            text = f"{label} statement number {n} with enough words"
            vectors[text] = centres[label] + rng.normal(scale=0.3, size=16)
            examples.append(LabelledStatement("", text, label, interview=f"{label}-{n % 5}"))
    return examples, vectors


def test_training_is_deterministic_and_separates_the_classes():
    examples, vectors = toy_examples()
    first, second = train(examples, vectors), train(examples, vectors)
    assert np.array_equal(first.weights, second.weights)
    rows = first.probabilities([e.text for e in examples], ["" for _ in examples], vectors)
    assert [first.labels[int(np.argmax(row))] for row in rows] == [e.label for e in examples]


def test_the_material_s_own_examples_outweigh_the_rest():
    # The same words labelled one way in the shipped sets and another by this material (a reviewer, or the scored
    # source's other folds in eval): its own label wins, as it weighs OWN_WEIGHT.
    examples, vectors = toy_examples()
    contested = [LabelledStatement("", examples[0].text, "goal", source="mine") for _ in range(2)]
    pooled = examples + contested
    verdict = {
        own: train(pooled, vectors, own=own).probabilities([examples[0].text], [""], vectors)[0]
        for own in ("reviewer", "mine")
    }
    labels = train(pooled, vectors).labels
    assert labels[int(np.argmax(verdict["reviewer"]))] == "pain"
    assert labels[int(np.argmax(verdict["mine"]))] == "goal"


def test_unsure_or_short_statements_are_other(monkeypatch):
    examples, vectors = toy_examples()
    model = train(examples, vectors)
    text = examples[0].text

    def classifier(config: ClassifyConfig) -> BuiltinClassifier:
        built = BuiltinClassifier(config, ToyVectors(dict(vectors)), [])
        built._model = model
        return built

    assert classifier(LOOSE).predict([text], [""])[0][0] == "pain"
    assert classifier(ClassifyConfig(min_confidence=1.0, min_words=1)).predict([text], [""])[0][0] == "other"
    assert classifier(ClassifyConfig(min_confidence=0.0, min_words=50)).predict([text], [""])[0][0] == "other"


@pytest.mark.parametrize(
    ("text", "small_talk"),
    [
        ("If you need any more details, let me know.", True),
        ("Thanks a lot to you guys, too.", True),
        ("It was great talking to you, good luck with the project.", True),
        ("Sorry I'm late, the train was stuck outside the station.", True),
        ("Good morning, can you hear me all right?", True),
        ("Hi there.", True),  # a greeting alone
        ("We can take five or 10 more minutes of no problems.", True),  # the call's own time and mechanics
        ("Sorry, I have a hard stop at three.", True),
        ("I think you cut out there, can you say that again?", True),
        ("That's a difficult question.", True),  # remarks on the interview itself
        ("Like you're making me sad right now.", True),
        ("I'm going to drop off, I have a conflict.", True),  # leaving the call
        ("Thanks, I need to run.", True),
        ("The trucks drop off pallets at six.", False),
        ("I have a meeting with finance every Monday to review invoices.", False),
        ("We need to go live before March.", False),
        ("I'm trying to think.", True),  # thinking aloud, and nothing more (real spoken statements, all labelled other)
        ("Um, let me think if for language models I have.", True),
        ("I'm trying to think of recurring issues.", True),
        ("Let me think, the close takes twelve days every month.", False),  # goes on to say something
        ("I'm trying to think about how we cut the close to five days.", False),
        ("The hard question is who approves a change order over ten grand.", False),
        ("We can do it in five minutes with the new tool.", False),
        ("We have 20 minutes of downtime every night.", False),
        ("It takes 10 more minutes per invoice.", False),
        ("Hi, so my biggest problem is invoices taking three weeks.", False),
        ("Hi-vis jackets are the first thing the auditors check.", False),
        ("The approvals take us three weeks and nobody knows who holds them.", False),
        ("I want to be able to say to them, here is the evidence, have a nice day, and move on.", False),  # long
        # a colleague who sits in (tester 14)
        ("I'm from IT security, I'll only jump in if there's a security question.", True),
        ("I'm just here to listen in.", True),
        ("We only jump in if the invoice is over ten thousand.", False),
        ("I will listen to the recordings later.", False),
        # an apology for one's English (tester 52: a pain in a theme)
        ("Sorry, my English is a bit rusty on a Monday.", True),
        ("My English is not so good, sorry.", True),
        ("Our English-speaking customers complain about the invoices.", False),
    ],
)
def test_small_talk_about_the_conversation_is_other_whatever_the_model_says(text, small_talk):
    assert is_small_talk(text) is small_talk
    assert filed_as("goal", 0.99, text, LOOSE) == ("other" if small_talk else "goal")


@pytest.mark.parametrize(
    ("text", "denial"),
    [
        ("I can't think of a time I got super frustrated.", True),
        ("Honestly, I do not have any concerns, AI only seems to help make life easier.", True),
        ("I do not remember a time that I have been frustrated.", True),
        ("Nothing really comes to mind.", True),
        ("I can't think of a time it worked, the export always fails.", False),  # denies something good: a pain
        ("I don't have any concerns, but the price per invoice is high.", False),  # goes on to name one
        ("We have no concerns about security as long as it supports SSO.", False),  # a condition: a criterion
        ("I have never been more frustrated with a vendor.", False),
        ("I can't think of a specific scenario where I felt particularly annoyed, to be honest.", True),
        ("I'm not necessarily worried about my skills being reduced because I write it myself.", True),
        ("AI is taking over these freelance positions, but I'm personally ok with that.", True),
        ("I'm ok with it as long as the data stays on our servers.", False),  # a condition: a criterion
        ("I'm not worried about price, but the migration scares me.", False),
        # said without "any", or as "it doesn't concern me" (tester X, real typed leads)
        ("I don't have concerns here to be honest.", True),
        ("It doesnt really concern me.", True),
        ("I use AI a lot, so I don't really get frustrated because I know what to expect.", True),
        ("I haven't yet come across a frustrating situation with AI.", True),
        ("I haven't had any big issues other than a few times where the name was not transferred.", False),
        ("I don't have the budget for another tool.", False),
        # an absence of trouble said plainly (a real spoken lead, tester Z)
        ("So I'm trying to think - I am not aware of major issues.", True),
        ("There were no real problems with the rollout.", True),
        ("There were no real problems with the rollout, except that finance lost a week.", False),
        ("There is no way to see which invoices are late.", False),
        # no fear of being replaced, nothing kept for oneself: they led objection and pain themes (auditor, real typed)
        ("Not really. I don't feel threatened by AI at all.", True),
        ("I do not feel my career will be taken over any time soon.", True),
        ("I think AI is far from taking over the field of emergency medicine.", True),
        ("There is nothing I prefer to do myself.", True),
        ("I don't think I've come across anything noticeably frustrating in this area.", True),
        ("Honestly, I don't believe AI could take over my skills.", True),
        ("I worry AI will take over my job.", False),
        ("I don't think AI could take over, but it makes mistakes with dosing.", False),
        ("There is nothing I can do myself when the ERP is down.", False),
    ],
)
def test_a_denial_of_what_was_asked_about_is_other_whatever_the_model_says(text, denial):
    from voiceofbuyer.classify import filed_as
    from voiceofbuyer.remarks import denies_having

    assert denies_having(text) is denial
    assert (filed_as("pain", 0.9, text, LOOSE) == "other") is denial


@pytest.mark.parametrize(
    ("text", "label", "filed"),
    [
        # praise alone filed as a pain: other
        ("It came in clutch when the deadline moved.", "pain", "other"),
        ("AI has helped me ideate as I built a brand identity.", "pain", "other"),
        ("I do not have to spend much time reviewing it, which is really useful.", "pain", "other"),
        ("It has helped me, but it is slow on large files.", "pain", "pain"),
        # a forecast filed as a goal: other; the speaker's own want or plan stays a goal
        ("I believe that AI will become even more capable in the areas of project planning.", "goal", "other"),
        ("I think the banking industry will be forced to include more AI features.", "goal", "other"),
        ("I think I will use it more for academic research.", "goal", "goal"),
        ("I think it would be great if it could draft the board pack.", "goal", "goal"),
        ("I think AI will replace some of my staff's functions.", "objection", "objection"),  # only goals
    ],
)
def test_praise_alone_and_forecasts_are_no_pain_nor_goal(text, label, filed):
    from voiceofbuyer.classify import filed_as

    assert filed_as(label, 0.9, text, LOOSE) == filed


@pytest.mark.parametrize(
    ("text", "filed"),
    [  # who approves, told as it is (tester 20: all filed as criterion, and a theme of them named "CFO signs")
        ("I recommend, and the VP of finance approves anything over fifty thousand.", "other"),
        ("It'd be me and the safety director, and then the CFO signs.", "other"),
        ("I'd build the case, but anything over fifty thousand goes to the value analysis committee.", "other"),
        ("I'd be the one pushing for it, but the CFO signs off on anything over fifty thousand.", "other"),
        ("The CFO has to sign off on a vendor with a SOC 2 report.", "criterion"),  # a requirement in it
        ("We'd need two references before the CFO signs.", "criterion"),
        # a contract that "is signed" is an event, not who signs (tester 41: a 0.98 criterion filed other)
        ("A documented REST API with webhooks, so I can push contract data into NetSuite when a contract is signed.",
         "criterion"),
    ],
)  # fmt: skip
def test_who_approves_the_purchase_told_as_it_is_is_no_criterion(text, filed):
    from voiceofbuyer.classify import filed_as

    assert filed_as("criterion", 0.9, text, LOOSE) == filed
    assert filed_as("objection", 0.9, text, LOOSE) == ("other" if filed == "other" else "objection")
    assert filed_as("goal", 0.9, text, LOOSE) == "goal"


@pytest.mark.parametrize(
    ("text", "filed"),
    [  # a doubt the model calls a criterion (tester 20): an objection by the codebook's tie-break
        ("I also don't know if our dispatchers, who are not technical, will be able to use it.", "objection"),
        ("Our SAP team is booked solid, so I don't see who does the integration.", "objection"),
        ("Every vendor tells me their integration with Kronos is easy, and then it takes a year.", "objection"),
        ("I'm not sure it has to be real time, but it has to support SSO.", "criterion"),  # a must-have in it
        ("It has to integrate with our ERP out of the box.", "criterion"),
    ],
)
def test_a_doubt_filed_as_a_criterion_is_an_objection(text, filed):
    from voiceofbuyer.classify import filed_as

    assert filed_as("criterion", 0.9, text, LOOSE) == filed
    assert filed_as("goal", 0.9, text, LOOSE) == "goal"  # only a criterion is re-filed


@pytest.mark.parametrize(
    ("text", "filed"),
    [
        ("I'm not myself a data scientist.", "other"),  # led a spoken persona's objections
        ("I'm the AP manager at Norrland Paper.", "other"),
        ("So I'm a data scientist.", "other"),
        ("I'm the AP manager and the close takes twelve days.", "objection"),  # a second clause says more
        ("I'm the bad guy.", "objection"),  # no job
        # where they worked before: a real spoken trigger theme was led by one (auditor)
        ("After that I work it in a, in the financial tech sector with some company that doesn't exist anymore.",
         "other"),
        ("And after that, I work it almost two years in a company called Company 2.", "other"),
        ("I spent six years at Deloitte as an auditor.", "other"),
        ("I was working on a script for a localization project and the phrasing was clumsy.", "objection"),
        ("After that we moved everything to NetSuite and the close got worse.", "objection"),  # a change, not a job
        # what they look after, and nothing it does to them (tester 39: it led an objection theme)
        ("I own our SOC 2, our vendor risk program, and whatever else lands on my desk.", "other"),
        ("I run payroll for four hundred people across three sites.", "other"),
        ("I own the close, but it takes us nine days.", "objection"),
        ("It says recording and transcription started.", "other"),  # the call's mechanics, filed a trigger
    ],
)  # fmt: skip
def test_the_speakers_job_and_nothing_more_is_background(text, filed):
    from voiceofbuyer.classify import filed_as

    assert filed_as("objection", 0.9, text, LOOSE) == filed


def test_scores_per_class_and_macro():
    evaluation = evaluate(["pain", "pain", "goal", "other"], ["pain", "goal", "goal", "other"])
    scores = evaluation.scores()
    assert scores["pain"] == (1.0, 0.5, 2 / 3, 2)
    assert scores["goal"][:2] == (0.5, 1.0)
    assert abs(evaluation.macro_f1 - np.mean([2 / 3, 2 / 3, 1.0])) < 1e-9
    assert "confusion" in evaluation.report()


def test_no_fold_trains_on_an_interview_it_scores():
    typed = shipped(("typed",))
    folds = grouped_folds(typed)
    assert len(folds) == 5
    check_folds(typed, folds)
    with pytest.raises(AssertionError, match="trains on interviews it scores"):
        check_folds(typed, [(folds[0][0] + folds[0][1][:1], folds[0][1])])
    seen: list[list[LabelledStatement]] = []

    def spy(training: list[LabelledStatement], scored: list[LabelledStatement]) -> list[str]:
        assert not {t.interview for t in training} & {s.interview for s in scored}
        seen.append(scored)
        return ["other"] * len(scored)

    examples, _ = toy_examples()
    cross_validate(examples, typed[:50], spy)
    assert sum(len(s) for s in seen) == len(examples)


def test_shipped_sets_are_labelled_real_and_cover_every_category():
    typed = shipped(("typed",))
    assert len(typed) >= 2400 and len({t.interview for t in typed}) >= 80
    every = shipped()
    assert {e.label for e in every} == {"goal", "pain", "trigger", "objection", "criterion", "other"}
    assert len(read_labelled()) >= 300 and all(d.interview for d in read_labelled())


def test_the_written_b2b_set_names_its_cases_and_its_second_coder_sample():
    from voiceofbuyer.classify.labelled import second_coder

    written = shipped(("b2b",))
    cases = Path(__file__).parent / "fixtures" / "cases"
    assert len(written) >= 2500 and {w.source for w in written} == {"b2b"}
    assert all((cases / w.interview.removeprefix("cases/")).is_dir() for w in written)
    assert len({w.interview for w in written}) >= 100  # grouped folds keep each case's statements together
    coded = {w.id for w in written} & set(second_coder())
    assert len(coded) == 250


def test_reviewer_corrections_refit_the_builtin_model(tmp_path, monkeypatch):
    monkeypatch.setenv("VOICEOFBUYER_CACHE", str(tmp_path))
    examples, vectors = toy_examples()
    monkeypatch.setattr("voiceofbuyer.classify.builtin.shipped", lambda: examples)
    text = "an odd statement the shipped model would call a pain"
    vectors[text] = vectors[examples[0].text]
    toy = ToyVectors(dict(vectors))
    before = BuiltinClassifier(LOOSE, toy, []).predict([text], [""])[0][0]
    corrections = [LabelledStatement("", text, "goal", "mine", "reviewer")] * 8
    after = BuiltinClassifier(LOOSE, toy, corrections)
    assert before == "pain" and after.predict([text], [""])[0][0] == "goal"
    assert after.name != BuiltinClassifier(LOOSE, toy, []).name  # its own weights, cached apart


def _answer(said: str) -> object:
    """A chat completion's reply to ``said``, as a server that follows the prompt gives it."""
    answer = "Objection." if "worried" in said else "I think this is a pain point."
    return {"choices": [{"message": {"role": "assistant", "content": answer}}]}


class _FakeServer(BaseHTTPRequestHandler):
    asked: ClassVar[list[dict]] = []
    answer: ClassVar = staticmethod(_answer)

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _FakeServer.asked.append(body)
        reply = json.dumps(_FakeServer.answer(body["messages"][-1]["content"])).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args: object) -> None:
        pass


def test_an_openai_compatible_server_classifies_at_temperature_zero():
    server = HTTPServer(("127.0.0.1", 0), _FakeServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/v1"
        config = ClassifyConfig(backend="server", min_confidence=0.3, min_words=1, url=url, model="local")
        classifier = ServerClassifier(config, ToyVectors({}), [])
        verdicts = classifier.predict(["I'm worried about the price.", "We chase invoices by hand."], ["", "Why?"])
        assert [label for label, _ in verdicts] == ["objection", "pain"]
        assert all(body["temperature"] == 0 for body in _FakeServer.asked)
        assert "Why?" in _FakeServer.asked[-1]["messages"][-1]["content"]
    finally:
        server.shutdown()


@pytest.fixture
def fake_server():
    """The fake server's URL; its replies follow ``_FakeServer.answer``, reset after the test."""
    server = HTTPServer(("127.0.0.1", 0), _FakeServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/v1"
    server.shutdown()
    _FakeServer.answer = staticmethod(_answer)


def test_the_server_is_reached_directly_never_through_a_proxy(fake_server, monkeypatch):
    """A proxy named in the environment is a host the user never named: the statements would leave the machine
    (tester 3: a proxy received all 291 statements of a loopback server's run)."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # no one listens: through it, the run would fail
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    config = ClassifyConfig(backend="server", min_confidence=0.3, min_words=1, url=fake_server, model="local")
    verdicts = ServerClassifier(config, ToyVectors({}), []).predict(["I'm worried about the price."], [""])
    assert verdicts[0][0] == "objection"


@pytest.mark.parametrize(
    "reply",
    [{"choices": [{"message": {"content": None}}]}, [], {"choices": "pain"}, {"choices": [{"message": None}]},
     {"choices": [{"message": {"content": "I cannot help with that."}}]}],
)  # fmt: skip
def test_a_reply_of_another_shape_or_naming_no_category_stops_with_one_line(fake_server, reply):
    """Unusable replies stop the run with the fix (they were an internal error, or empty personas whose verdicts
    were cached, so a fixed server was never asked again)."""
    _FakeServer.answer = staticmethod(lambda said: reply)
    config = ClassifyConfig(backend="server", min_confidence=0.3, min_words=1, url=fake_server, model="local")
    with pytest.raises(ConfigError, match=r"\[classify\] server .*fix:"):
        ServerClassifier(config, ToyVectors({}), []).predict(["We chase invoices by hand."], [""])


def test_a_server_elsewhere_needs_an_explicit_setting():
    remote = ClassifyConfig(backend="server", min_confidence=0.3, min_words=1, url="http://10.1.2.3:8080/v1")
    with pytest.raises(ConfigError, match="not this machine"):
        ServerClassifier(remote, ToyVectors({}), [])
    allowed = remote.model_copy(update={"allow_remote": True})
    assert ServerClassifier(allowed, ToyVectors({}), []).url == "http://10.1.2.3:8080/v1/chat/completions"


def tiny_model(folder: Path, labels: list[str]) -> Path:
    """A small, randomly initialised BERT saved as a local Hugging Face model directory (no download)."""
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "we", "chase", "invoices", "worried", "price"]
    (folder / "vocab.txt").write_text("\n".join(words) + "\n")
    BertTokenizerFast(vocab_file=str(folder / "vocab.txt")).save_pretrained(folder)
    config = BertConfig(vocab_size=len(words), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=16, id2label=dict(enumerate(labels)),
                        label2id={label: i for i, label in enumerate(labels)})  # fmt: skip
    BertForSequenceClassification(config).save_pretrained(folder)
    return folder


@pytest.mark.parametrize(
    ("labels", "kind"),
    [
        (["goal", "pain", "trigger", "objection", "criterion", "other"], "seq"),
        (["contradiction", "neutral", "entailment"], "nli"),
    ],
)
def test_a_local_hugging_face_model_classifies(tmp_path, labels, kind):
    from voiceofbuyer.classify.huggingface import HuggingFaceClassifier

    folder = tiny_model(tmp_path, labels)
    config = ClassifyConfig(backend="huggingface", min_confidence=0.0, min_words=1, model=str(folder))
    classifier = HuggingFaceClassifier(config, ToyVectors({}), [])
    assert classifier.name.startswith(f"huggingface:{kind}:")
    names, rows = classifier.probabilities(["we chase invoices", "worried about price"], ["", ""])
    assert set(names) <= {"goal", "pain", "trigger", "objection", "criterion", "other"}
    assert rows.shape == (2, len(names)) and np.allclose(rows.sum(axis=1), 1.0)
    assert np.allclose(classifier.probabilities(["we chase invoices"], [""])[1], rows[:1], atol=1e-6)


def test_a_folder_that_is_no_model_is_one_clear_line(tmp_path):
    from voiceofbuyer.classify.huggingface import HuggingFaceClassifier

    config = ClassifyConfig(backend="huggingface", min_confidence=0.0, min_words=1, model=str(tmp_path))
    with pytest.raises(ConfigError, match="not a Hugging Face model directory"):
        HuggingFaceClassifier(config, ToyVectors({}), [])


def test_a_stronger_encoder_serves_the_classifier_only_when_installed(tmp_path, monkeypatch):
    """``[classify] encoder``: "" reads the clustering vectors; a local sentence-transformers directory gets vectors
    of its own (cached under its own name); "mpnet" not installed is one line saying how to install it."""
    from voiceofbuyer import components
    from voiceofbuyer.config import load_config
    from voiceofbuyer.embed import resolve_model
    from voiceofbuyer.store import Store

    monkeypatch.setenv("VOICEOFBUYER_CACHE", str(tmp_path / "cache"))
    config = load_config(None)
    store = Store(tmp_path / "store.sqlite")
    try:
        clustering = components.vectors(config, store)
        assert components.classifier_vectors(config, store, clustering) is clustering

        def with_encoder(encoder: str):
            return config.model_copy(update={"classify": config.classify.model_copy(update={"encoder": encoder})})

        own = components.classifier_vectors(with_encoder(resolve_model("bundled")), store, clustering)
        assert own is not clustering and own.name.startswith("torch:") and own.name != clustering.name
        missing = r"encoder 'mpnet': no model at .*all-mpnet-base-v2 \(fix: run `make mpnet`"
        with pytest.raises(ConfigError, match=missing):
            components.classifier_vectors(with_encoder("mpnet"), store, clustering)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("label", "text", "filed"),
    [
        ("pain", "I was particularly satisfied that ChatGPT was able to help me troubleshoot the projectors.", "other"),
        ("objection", "The back end of the process is stronger and takes much less time now.", "other"),
        ("pain", "It was great, but the export still takes a whole day.", "pain"),  # praise with a reservation
        ("pain", "It wasn't helpful at all for the reconciliations.", "pain"),  # negated praise
        ("goal", "I would love to use it to read a standard and pull out the test requirements.", "goal"),
    ],
)
def test_praise_alone_is_never_a_pain_or_an_objection(label, text, filed):
    assert filed_as(label, 0.99, text, LOOSE) == filed


def test_a_moved_statement_is_judged_by_a_model_that_did_not_learn_it(tmp_path, monkeypatch):
    """The desk's agreement compares the run's verdicts with the reviewers' moves; re-fitted on those moves, the
    classifier would grade itself. So a moved statement's verdict comes from a model trained on the other
    interviews' moves, while every other statement gets the model that learned them all."""
    from voiceofbuyer import components
    from voiceofbuyer import verdicts as stage
    from voiceofbuyer.config import load_config
    from voiceofbuyer.records import Classification, Statement
    from voiceofbuyer.store import Store

    class Memorising:
        """Files a text as a reviewer did when it was taught it, else as a pain."""

        def __init__(self, taught: list[LabelledStatement]) -> None:
            self.taught = {e.text: e.label for e in taught}
            self.name = "memorising:" + "|".join(sorted(self.taught))

        def classify(self, statements: list[Statement]) -> list[Classification]:
            return [Classification(s.id, self.taught.get(s.text, "pain"), 0.9) for s in statements]

    monkeypatch.setattr(components, "classifier", lambda config, embed, reviewed=None: Memorising(reviewed or []))
    monkeypatch.setattr(components, "classifier_vectors", lambda config, store, vectors: vectors)
    said = {f"i{n}": f"We want to close the books in {n} days." for n in range(1, 4)}
    statements = [Statement(f"{i}@0", i, "B", 0, 0, len(t), (), t, "") for i, t in said.items()]
    again = Statement("i9@0", "i9", "B", 0, 0, len(said["i1"]), (), said["i1"], "")  # the same words, not moved
    moves = [LabelledStatement("", s.text, "goal", s.interview_id, "reviewer", s.id) for s in statements]
    store = Store(tmp_path / "store.sqlite")
    try:
        verdicts = stage.classify_statements([*statements, again], load_config(None), None, store, moves)
        # a statement no reviewer moved, filed otherwise by the re-fitted model: the run says so (tester 27)
        notes = stage.refit_moves([*statements, again], verdicts, load_config(None), None, store, moves)
        assert stage.refit_moves([*statements, again], verdicts, load_config(None), None, store, []) == []
    finally:
        store.close()
    assert [verdicts[s.id].category for s in statements] == ["pain", "pain", "pain"]  # held out: not learned
    assert verdicts["i9@0"].category == "goal"  # the model that learned every move files the same words so
    assert len(notes) == 1 and "re-fitted on 3 statements reviewers moved, files 1 other statement" in notes[0]
    assert "i9@0" in notes[0] and "as goal, not pain" in notes[0]


def test_a_text_given_many_times_has_the_features_it_has_alone():
    from voiceofbuyer.classify.builtin import NgramSpace, cue_features

    question = "What was the most frustrating part of month-end, and what did it cost you?"
    texts = [question, "It was slow and manual.", question, "Honestly it was slow.", question]
    space = NgramSpace.fit(texts)
    together = space.transform(texts).toarray()
    alone = np.vstack([space.transform([text]).toarray() for text in texts])
    assert np.array_equal(together, alone) and together[0].any()
    cues = cue_features(texts)
    assert cues.shape == (5, 5) and np.array_equal(cues, np.vstack([cue_features([text]) for text in texts]))
    assert cue_features([]).shape == (0, 5)


@pytest.mark.parametrize(
    ("text", "language", "found"),
    [
        ("Hallo Herr Brenner, ja, alles gut.", "en", "de"),
        ("Es regnet natürlich, wie immer in Hamburg.", "en", "de"),
        ("Merci à vous, bonne journée.", "en", "fr"),
        ("Muchas gracias, que estés muy bien.", "en", "es"),
        # a list of names, and sentences lingua alone reads as Dutch and French: English
        ("SAP, Salesforce, HubSpot.", "en", None),
        ("Le Petit Marché, La Grande Épicerie, Monoprix: each one wants a different EDI format.", "en", None),
        ("Saint-Étienne, Clermont-Ferrand and Aix-en-Provence.", "en", None),  # names (tester 52)
        ("Understood - feel free to proceed", "en", None),
        ("Statistical analysis and data collection.", "en", None),
        # a foreign phrase inside an English sentence, translated: the buyer's English
        ("We say muchas manos en un plato, too many hands in one dish, and that is our month-end.", "en", None),
        ("Wir haben zu viele Tabellen und niemand weiß, welche stimmt.", "de", None),  # a German call's German
        ("We had too many spreadsheets and nobody knew which one was right.", "de", "en"),
    ],
)
def test_a_sentence_in_another_language_than_its_interview_s_is_told(text, language, found):
    from voiceofbuyer.ingest.language import other_language

    assert other_language(text, language) == found


def test_a_sentence_in_another_language_is_filed_as_other(tmp_path, monkeypatch):
    """Tester 51: in an English call, a German buyer's "Es regnet natürlich, wie immer in Hamburg." was one of a
    persona's decision criteria; in a German call configured with a German pipeline, German is the call's own."""
    from voiceofbuyer import components
    from voiceofbuyer import verdicts as stage
    from voiceofbuyer.config import load_config
    from voiceofbuyer.records import Classification, Statement
    from voiceofbuyer.store import Store

    class Criteria:
        name = "criteria"

        def classify(self, statements: list[Statement]) -> list[Classification]:
            return [Classification(s.id, "criterion", 0.9) for s in statements]

    monkeypatch.setattr(components, "classifier", lambda config, embed, reviewed=None: Criteria())
    monkeypatch.setattr(components, "classifier_vectors", lambda config, store, vectors: vectors)
    said = {
        "en1": "Es regnet natürlich, wie immer in Hamburg.",
        "en2": "It has to post to our ledger without anyone retyping it.",
        "de1": "Es regnet natürlich, wie immer in Hamburg.",
    }
    statements = [Statement(f"{i}@0", i, "B", 0, 0, len(t), (), t, "") for i, t in said.items()]
    store = Store(tmp_path / "store.sqlite")
    try:
        verdicts = stage.classify_statements(statements, load_config(None), None, store, [], {"de1": "de"})
    finally:
        store.close()
    assert [verdicts[s.id].category for s in statements] == ["other", "criterion", "criterion"]
