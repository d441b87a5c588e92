from dataclasses import replace

import numpy as np

from voiceofbuyer.cluster import PcaHdbscan, groups_from_labels, split_broad
from voiceofbuyer.config import ClusteringConfig
from voiceofbuyer.records import BuyerProfile, Citation, Interview, InterviewMeta, Quote, Statement, Theme
from voiceofbuyer.theme_titles import distinct_labels, label_groups, never_in_titles, opening_words, title_candidates
from voiceofbuyer.themes import build_themes, disfluency, representative

CONFIG = ClusteringConfig(
    dimensions=5,
    min_cluster_size=2,
    min_cluster_share=0.0,
    min_samples=1,
    selection="eom",
    epsilon=0.1,
    max_fit=20000,
    small_pool_similarity=0.6,
)


def blobs(seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(3, 384))
    points = np.vstack([c + rng.normal(scale=0.05, size=(6, 384)) for c in centres] + [rng.normal(size=(1, 384)) * 3])
    return points / np.linalg.norm(points, axis=1, keepdims=True)


def test_clusters_are_found_and_deterministic():
    vectors = blobs()
    first = PcaHdbscan(CONFIG).fit_predict(vectors)
    assert first == PcaHdbscan(CONFIG).fit_predict(vectors.copy())
    blob_labels = [set(first[i * 6 : i * 6 + 6]) for i in range(3)]
    assert all(len(labels) == 1 and -1 not in labels for labels in blob_labels)
    assert len(set.union(*blob_labels)) == 3


def test_a_pool_larger_than_max_fit_is_fitted_on_a_sample_and_every_statement_assigned(monkeypatch):
    """Time and memory bounded however large the pool: HDBSCAN is fitted on ``max_fit`` rows spread over the pool,
    every row is labelled, each blob keeps one theme, and two runs agree."""
    import hdbscan

    rng = np.random.default_rng(3)
    centres = rng.normal(size=(3, 384))
    points = np.vstack([c + rng.normal(scale=0.05, size=(400, 384)) for c in centres])
    vectors = (points / np.linalg.norm(points, axis=1, keepdims=True))[rng.permutation(1200)]
    fitted_rows: list[int] = []
    fit = hdbscan.HDBSCAN.fit
    monkeypatch.setattr(hdbscan.HDBSCAN, "fit", lambda self, x, *a, **k: fitted_rows.append(len(x)) or fit(self, x))
    config = CONFIG.model_copy(update={"max_fit": 150})
    labels = PcaHdbscan(config).fit_predict(vectors)
    assert fitted_rows == [150]
    assert len(labels) == 1200 and labels == PcaHdbscan(config).fit_predict(vectors.copy())
    blob_of = np.argmax(vectors @ (centres / np.linalg.norm(centres, axis=1, keepdims=True)).T, axis=1)
    by_blob = [{label for label, blob in zip(labels, blob_of, strict=True) if blob == b} for b in range(3)]
    assert all(len(found) == 1 and -1 not in found for found in by_blob), by_blob
    assert len(set.union(*by_blob)) == 3


def test_tiny_pools_keep_unlike_points_as_groups_of_their_own():
    vectors = blobs()[[0, 6, 12]]  # one point of each blob: nothing alike
    labels = PcaHdbscan(CONFIG).fit_predict(vectors)
    assert labels == [-1, -1, -1]
    assert groups_from_labels(["a", "b", "c"], labels) == [["a"], ["b"], ["c"]]


def test_a_small_pool_of_buyers_saying_the_same_thing_is_one_theme():
    """HDBSCAN never takes a whole pool as one cluster, and PCA of a handful of points keeps only their noise: three
    near-identical statements beside two unlike ones were five points mentioned once. Grouped on cosine instead."""
    rng = np.random.default_rng(7)
    said = rng.normal(size=384)
    points = np.vstack([said + rng.normal(scale=0.05, size=(3, 384)), rng.normal(size=(2, 384))])
    vectors = points / np.linalg.norm(points, axis=1, keepdims=True)
    config = CONFIG.model_copy(update={"min_cluster_size": 3})
    labels = PcaHdbscan(config).fit_predict(vectors)
    assert labels == [0, 0, 0, -1, -1]
    assert PcaHdbscan(config).fit_predict(vectors[:2]) == [0, 0]  # two alike: a pair, below HDBSCAN's reach
    identical = np.repeat(vectors[:1], 3, axis=0)
    assert PcaHdbscan(config).fit_predict(identical) == [0, 0, 0]


def test_a_group_most_of_a_role_speaks_to_is_clustered_again_on_its_own():
    """Two points that share a topic ("AI" on every statement) and that the pool's clusterer took as one group: most
    of the role's interviews speak to it, so it is clustered again alone, where its own PCA tells the points apart."""
    rng = np.random.default_rng(5)
    topic, first, second = rng.normal(size=(3, 384))
    points = np.vstack([3 * topic + first + rng.normal(scale=0.3, size=(8, 384)),
                        3 * topic + second + rng.normal(scale=0.3, size=(8, 384))])  # fmt: skip
    rows = dict(
        zip([f"s{i:02d}" for i in range(16)], points / np.linalg.norm(points, axis=1, keepdims=True), strict=True)
    )
    ids = sorted(rows)
    interview_of = {i: f"interview-{int(i[1:]) % 8}" for i in ids}  # 8 interviews, each on both points
    clusterer = PcaHdbscan(CONFIG.model_copy(update={"min_cluster_size": 3}))
    split = split_broad([ids], interview_of, rows, clusterer, role_interviews=10)
    assert sorted(split) == [ids[:8], ids[8:]]
    assert split_broad([ids], interview_of, rows, clusterer, role_interviews=20) == [ids]  # 8 of 20: not broad
    assert split_broad([ids], interview_of, rows, clusterer, role_interviews=7) == [ids]  # a role too small to say


def statement(sid: str, interview: str, text: str, phrases: tuple[str, ...]) -> Statement:
    return Statement(sid, interview, "B", 0, 0, len(text), (), text, "", keyphrases=phrases)


def test_labels_prefer_phrases_distinctive_of_the_group():
    approvals = [
        statement("a1", "i1", "x", ("approval emails", "invoice")),
        statement("a2", "i2", "y", ("approval email",)),
        statement("a3", "i5", "v", ("approval emails",)),
    ]
    pricing = [statement("p1", "i3", "z", ("price", "invoice")), statement("p2", "i4", "w", ("price",))]
    (first_label, _), (second_label, _) = label_groups([approvals, pricing])
    assert first_label == "Approval emails"
    assert second_label == "Price and invoice"  # single words only: the two the group uses most


def test_the_title_is_the_phrase_closest_to_the_themes_centre_keybert_style():
    """With vectors, the title is the candidate of several words nearest the statements' centre, even when
    c-TF-IDF ranks one buyer's turn of phrase ("inbox hell") first; without them, c-TF-IDF alone decides."""
    axis = np.eye(4)
    group = [
        statement("a1", "i1", "I chase approvals by email all week.", ("inbox hell", "approval emails")),
        statement("a2", "i2", "Approvals sit in inboxes for days.", ("inbox hell", "inbox")),
        statement("a3", "i3", "Nobody answers my approval emails.", ("approval emails", "inbox hell")),
    ]
    vectors = {s.text: (axis[0] + 0.1 * axis[i + 1]) / np.linalg.norm(axis[0] + 0.1 * axis[i + 1])
               for i, s in enumerate(group)}  # fmt: skip
    phrases = {"inbox hell": axis[3], "approval emails": axis[0]}
    assert title_candidates([group]) == set(phrases)  # only phrases of two words or more are candidates
    assert label_groups([group])[0][0] == "Inbox hell"
    label, keywords = label_groups([group], vectors=vectors, phrase_vectors=phrases)[0]
    assert label == "Approval emails" and keywords[0] == "approval emails"


def test_a_phrase_headed_by_a_noun_that_names_nothing_never_titles_a_theme():
    """ "funny thing", "create lot", "obvious ones" (real speech) name nothing, however many buyers say them;
    "lead time", "night sort" and "day one" name something, though "time" alone is too generic to."""
    group = [
        statement("a1", "i1", "x", ("funny thing", "lead time", "create lot")),
        statement("a2", "i2", "y", ("funny thing", "obvious ones", "create lot")),
        statement("a3", "i3", "z", ("funny thing", "obvious ones", "lead time", "time")),
        statement("a4", "i4", "w", ("night sort", "day one")),
    ]
    assert title_candidates([group]) >= {"lead time", "night sort", "day one"}
    assert not title_candidates([group]) & {"funny thing", "obvious ones", "create lot"}
    assert label_groups([group])[0][0] == "Lead time"


def test_a_generic_noun_only_weighed_never_titles_a_theme():
    """ "Big point" titled a real spoken theme of not understanding the business; "pain point" and "data issues"
    name something."""
    group = [
        statement("a1", "i1", "x", ("big point", "main issue", "pain point")),
        statement("a2", "i2", "y", ("big point", "main issue", "data issues")),
        statement("a3", "i3", "z", ("big point", "key aspect", "data issues", "pain point")),
    ]
    assert not title_candidates([group]) & {"big point", "main issue", "key aspect"}
    assert title_candidates([group]) >= {"pain point", "data issues"}


def test_a_phrase_one_buyer_used_never_titles_a_theme_many_share_even_closest_to_its_centre():
    """ "Adult teaching", said by one teacher, sat nearest the centre of a goal theme of sixty-four: KeyBERT's choice
    is made among the phrases at least half as many interviews used as the theme's top phrase."""
    axis = np.eye(4)
    group = [
        statement(f"s{i}", f"i{i}", f"Students learn to write in their own voice, week {i}.", ("students", "own voice"))
        for i in range(4)
    ] + [statement("s9", "i9", "I do adult teaching with students.", ("students", "adult teaching"))]
    vectors = {s.text: axis[0] for s in group}
    phrases = {"adult teaching": axis[0], "own voice": axis[1]}
    assert title_candidates([group]) == {"own voice"}
    assert label_groups([group], vectors=vectors, phrase_vectors=phrases)[0][0] == "Own voice"


def test_a_title_the_quotes_shown_say_wins_over_one_as_close_to_the_centre():
    """A title should be read in the buyers' words under it: the auditor found titles no quote of their theme said
    ("Previous month" over "... a more maintainable system")."""
    group = [
        statement(f"s{i}", f"i{i}", f"We could have built a more maintainable system, case {i}.",
                  ("previous month", "maintainable system"))
        for i in range(3)
    ]  # fmt: skip
    vectors = {s.text: np.array([1.0, 0.0]) for s in group}
    near, nearer = np.array([0.9, np.sqrt(1 - 0.81)]), np.array([0.95, np.sqrt(1 - 0.95**2)])
    phrases = {"maintainable system": near, "previous month": nearer}
    assert label_groups([group], vectors=vectors, phrase_vectors=phrases)[0][0] == "Previous month"
    shown = [[group[0].text]]
    assert label_groups([group], vectors=vectors, phrase_vectors=phrases, shown=shown)[0][0] == "Maintainable system"


def test_titles_prefer_several_words_and_never_use_a_name():
    group = [
        statement("a1", "i1", "x", ("invoices", "lars", "chase approvals")),
        statement("a2", "i2", "y", ("invoices", "lars", "chase approvals")),
        statement("a3", "i3", "z", ("invoices", "agricultural customers")),
    ]
    label, keywords = label_groups([group], names=frozenset({"lars"}))[0]
    assert label == "Chase approvals" and "lars" not in keywords
    # A phrase only one of the buyers used does not name the point the others make.
    group[1] = statement("a2", "i2", "y", ("invoices", "lars"))
    assert label_groups([group], names=frozenset({"lars"}))[0][0] == "Invoices and approvals"


def test_no_two_titles_of_a_persona_are_alike():
    def theme(label: str, keywords: tuple[str, ...], category: str) -> Theme:
        return Theme(f"{label}-{category}", "Role", category, label, keywords, ("s",), (), ("i1",), ())

    themes = distinct_labels([
        theme("Invoices", ("invoices", "paper invoices"), "pain"),
        theme("Invoices", ("invoices", "invoice approval"), "goal"),
        theme("Invoices", ("invoices",), "objection"),
    ])  # fmt: skip
    labels = [t.label for t in themes]
    assert labels == ["Invoices", "Invoice approval", "Invoices (2)"]
    assert len({label.casefold() for label in labels}) == 3


def test_representative_quotes_come_from_different_interviews_first():
    group = [
        statement("a", "i1", "We chase approvals every single week by email.", ()),
        statement("b", "i1", "We chase approvals every single week by email, really.", ()),
        statement("c", "i2", "I spend my mornings chasing managers for sign-off.", ()),
    ]
    vectors = {
        "We chase approvals every single week by email.": np.array([1.0, 0.0]),
        "We chase approvals every single week by email, really.": np.array([0.99, 0.14]),
        "I spend my mornings chasing managers for sign-off.": np.array([0.8, 0.6]),
    }
    chosen = representative(group, 2, vectors)
    assert {s.interview_id for s in chosen} == {"i1", "i2"}


def test_a_fluent_confident_statement_leads_before_a_halting_or_doubtful_one():
    """Equally central statements: the one with restarts and fillers, or the one the classifier barely put in the
    category, does not lead."""
    halting = statement("a", "i1", "We we were, like, you know, chasing the approvals every week by email.", ())
    fluent = statement("b", "i2", "We chase the approvals every single week by email.", ())
    doubtful = statement("c", "i3", "I spend my mornings chasing managers for their sign-off.", ())
    vectors = {s.text: np.array([1.0, 0.0]) for s in (halting, fluent, doubtful)}
    assert representative([halting, fluent], 1, vectors)[0].id == "b"
    assert representative([halting, fluent], 1, vectors, confidence={"a": 0.9, "b": 0.9})[0].id == "b"
    assert representative([fluent, doubtful], 1, vectors, confidence={"b": 0.36, "c": 0.95})[0].id == "c"
    assert representative([fluent, doubtful], 1, vectors, confidence={"b": 0.95, "c": 0.36})[0].id == "b"


def test_a_quote_that_leans_on_what_came_before_leads_after_one_that_does_not():
    """ "Thirdly, ...", "As I said, ..." point back to an answer the reader of a persona never sees."""
    for opening in ("Thirdly, I prefer", "As I said, I prefer", "Again, I prefer", "And then I prefer"):
        leaning = statement("a", "i1", f"{opening} to keep control over the payment runs myself.", ())
        plain = statement("b", "i2", "I prefer to keep control over the payment runs myself.", ())
        vectors = {s.text: np.array([1.0, 0.0]) for s in (leaning, plain)}
        assert representative([leaning, plain], 1, vectors)[0].id == "b", opening


def test_traces_of_speech_are_counted_and_plain_sentences_have_none():
    assert disfluency("It it's not reduced the cost.") == 1  # a restart into a contraction
    assert disfluency("Just I'm gonna, I'm gonna, I may have a hard time answering.") == 1  # a phrase said twice
    assert disfluency("What's wrong with me, blah, blah, blah.") >= 3
    assert disfluency("We were quite, maybe we should have started this earlier.") == 1  # broken off at a comma
    assert disfluency("When it broke, we had to start again, and it took a week.") == 0
    assert disfluency("If the invoice is late, we pay a penalty to the supplier.") == 0


def test_the_desk_chooses_quotes_by_the_runs_rule_keeping_the_reviewers_lead():
    """Without vectors (the review desk): kept quotes first in their order, then by quality and variety."""
    group = [
        statement("a", "i1", "We chase approvals every single week by email and it costs us.", ()),
        statement("b", "i1", "We chase approvals every week by email, and nobody answers them.", ()),
        statement("c", "i2", "I spend my mornings chasing managers for their sign-off on invoices.", ()),
        statement("d", "i3", "Yes.", ()),
    ]
    kept = representative(group, 3, keep=["d", "gone"])
    assert kept[0].id == "d"  # the reviewer's lead stays, whatever it is; an id no longer in the group is ignored
    assert [s.id for s in kept] == ["d", "a", "c"]  # then from interviews not quoted yet: "b" repeats i1
    assert [s.id for s in representative(group, 2)] == ["a", "c"]  # the short "Yes." never leads


def test_themes_count_interviews_and_companies_and_mark_thin_evidence():
    group = [statement("a", "i1", "One.", ()), statement("b", "i2", "Two.", ()), statement("c", "i2", "Three.", ())]
    single = [statement("d", "i3", "Alone.", ())]
    vectors = {
        "One.": np.array([1.0, 0]),
        "Two.": np.array([0.9, 0.1]),
        "Three.": np.array([0.8, 0.2]),
        "Alone.": np.array([0.0, 1.0]),
    }
    companies = {"i1": "Acme", "i2": "Acme", "i3": "Globex"}

    def quote_for(s: Statement) -> Quote:
        return Quote(s.id, s.text, Citation(s.interview_id, "", "B", "", companies[s.interview_id], 1, None))

    def company_of(s: Statement) -> str:
        return companies[s.interview_id]

    themes = build_themes("Role", "pain", [single, group], vectors, 3, company_of, str, quote_for)
    strong, thin = themes
    assert strong.interviews == ("i1", "i2") and strong.companies == ("Acme",) and not strong.mentioned_once
    assert thin.mentioned_once and thin.quotes[0].text == "Alone."


def test_titles_alike_with_no_spare_keyphrase_are_numbered_without_repeating():
    themes = distinct_labels([
        Theme(f"t{n}", "Role", "pain", "Invoices", ("invoices",), ("s",), (), ("i1",), ()) for n in range(4)
    ])  # fmt: skip
    assert [t.label for t in themes] == ["Invoices", "Invoices (2)", "Invoices (3)", "Invoices (4)"]


def test_a_group_with_no_keyphrase_is_titled_by_its_opening_words_without_any_name():
    [(label, keywords)] = label_groups([[statement("a", "i1", "Lars was not happy about it.", ())]],
                                       names=frozenset({"lars", "nilsson"}))  # fmt: skip
    assert keywords == () and label == "Was not happy about it"


def test_supporting_quotes_stand_alone_and_a_fragment_leads_only_a_theme_without_a_whole_sentence():
    """A fragment is evidence: never a supporting quote (a theme with two whole sentences shows two quotes, not a
    fragment third), and the lead only of a theme that has no whole sentence at all."""
    fragment = replace(statement("a", "i1", "We chase approvals every single week by email and.", ()), standalone=False)
    whole = [
        statement("b", "i2", "We chase approvals every single week by email.", ()),
        statement("c", "i3", "We chase managers every single week for sign-off.", ()),
    ]
    vectors = {s.text: np.array([1.0, 0.0]) for s in (fragment, *whole)}  # all alike: ties go by id
    assert [s.id for s in representative([fragment, *whole], 2, vectors)] == ["b", "c"]
    assert [s.id for s in representative([fragment, *whole], 3, vectors)] == ["b", "c"]
    other = replace(fragment, id="d", text="By email and.")
    assert [s.id for s in representative([fragment, other], 3, vectors | {other.text: np.array([1.0, 0.0])})] == ["a"]


def test_a_buyers_title_is_cited_beside_their_own_words_only():
    """A group interview's profile is of one buyer (the CFO): another buyer's quote is not given the CFO's title."""
    from voiceofbuyer.records import BuyerProfile, Interview
    from voiceofbuyer.themes import quote_of

    text = "Peter Shaw: We lost forty thousand last year.\nAnita Rao: Our last tool mangled every invoice.\n"
    interview = Interview("call", "call.txt", "text", "0", text, ())
    profile = BuyerProfile("call", "Peter Shaw", "CFO", "Finance Leader", "self-introduction")
    peter = Statement("call@12", "call", "Peter Shaw", 0, 12, 46, (), text[12:46], "")
    anita = Statement("call@58", "call", "Anita Rao", 1, 58, 93, (), text[58:93], "")
    assert quote_of(peter, interview, profile).citation.title == "CFO"
    assert quote_of(anita, interview, profile).citation.title == ""
    jane = replace(profile, name="Dr. Jane O'Neil")  # the name written another way is still hers
    assert quote_of(replace(peter, speaker="Jane O'Neil"), interview, jane).citation.title == "CFO"
    unnamed = replace(profile, name="")  # no name known: the interview's buyer, as before
    assert quote_of(anita, interview, unnamed).citation.title == "CFO"


def test_a_roles_own_job_title_never_titles_its_themes_another_roles_may():
    """ "Data scientist" titled a pain theme of 63 statements in the persona of five data scientists (auditor): it
    names the people, not their point. "CFO" may title what AP managers say of their CFO."""
    profiles = {
        "a": BuyerProfile("a", "Ana", "Data Scientist", "Data & ML Practitioner", "self-introduction"),
        "b": BuyerProfile("b", "Ben", "AP Manager", "Accounts Payable Manager", "self-introduction"),
    }
    interviews = [Interview(i, f"{i}.txt", "text", "0", "", (), InterviewMeta(company="Acme")) for i in profiles]
    unsaid = never_in_titles(interviews, profiles, ["Data & ML Practitioner", "Accounts Payable Manager"])
    assert {"ana", "acme", "data scientist"} <= unsaid["Data & ML Practitioner"]
    assert "data scientist" not in unsaid["Accounts Payable Manager"]
    group = [
        statement("a1", "i1", "x", ("data scientists", "data sets")),
        statement("a2", "i2", "y", ("data scientist", "data sets")),
        statement("a3", "i3", "z", ("data scientist", "upstream data")),
    ]
    assert title_candidates([group], unsaid["Data & ML Practitioner"]) == {"data sets"}
    assert "data scientist" in title_candidates([group], unsaid["Accounts Payable Manager"])


def test_a_title_keeps_a_tool_spelled_small():
    # "Dbt runs the models..." and "IPhone scans..." were titles: a sentence's capital, not the tool's spelling
    assert opening_words("dbt runs the models overnight.") == "dbt runs the models overnight"
    assert opening_words("iPhone scans fail at the dock.") == "iPhone scans fail at the dock"
    assert opening_words("invoices arrive late.") == "Invoices arrive late"
