"""Sentence compression: asides found in the parse, cut from summary sentences, traceable."""

from __future__ import annotations

from typing import Any

from crosswire.analyze import analyze_doc
from crosswire.model import Article, ArticleAnalysis, Aside, Sentence, Story
from crosswire.summarize import summarize_story
from crosswire.summarize.candidates import candidates

STORY = (
    "The harbour authority of Port Alba closed the northern channel on Tuesday after two "
    "freighters ran aground in thick fog. "
    "Captain Ilse Varga, 54, guided the first freighter back to deep water late Wednesday. "
    "The channel is 40 metres (131 feet) deep at its mouth, the authority said. "
    "The port did not reopen the channel on Thursday, and no ship left the harbour. "
    "The last collision in the channel happened in March 2019 and was never explained. "
    "Salvage crews arrived last year, and an inquiry that opened Friday will report soon. "
    "The second freighter was refloated two days after it grounded, in early April. "
    '"We will stay here on Monday and clear the channel," the harbour master said.'
)


def test_asides_are_the_low_content_parts_the_parse_marks(nlp: Any) -> None:
    article = Article(id="a1", text=STORY, outlet="Port Alba Courier")
    analysis = analyze_doc(nlp(STORY), article)
    cut = {(a.kind, a.text) for a in analysis.asides}
    assert ("time", " on Tuesday") in cut
    assert ("age", ", 54,") in cut
    assert ("parenthetical", " (131 feet)") in cut
    assert ("time", " late Wednesday") in cut
    for aside in analysis.asides:
        assert STORY[aside.start : aside.end] == aside.text
        assert "not" not in aside.text and "no " not in aside.text  # a negation never goes
        assert "2019" not in aside.text and "year" not in aside.text  # dates that date things
        assert "two days" not in aside.text and "April" not in aside.text
        assert aside.start < STORY.index('"We will')  # a quotation is never shortened
    assert not any("Friday" in a.text for a in analysis.asides)  # "that opened Friday": needed


def test_summary_sentences_are_their_parts_joined(nlp: Any) -> None:
    texts = [
        STORY,
        "The harbour authority of Port Alba closed the northern channel on Tuesday after "
        "freighters ran aground. Captain Ilse Varga, 54, guided the first freighter back to "
        "deep water late Wednesday.",
    ]
    analyses = [
        analyze_doc(nlp(text), Article(id=f"a{n}", text=text, outlet=f"Outlet {n}"))
        for n, text in enumerate(texts, start=1)
    ]
    summary = summarize_story(Story(analyses), words=60)
    assert summary
    compressed = 0
    for sentence in summary:
        assert sentence.parts and all(p.source == sentence.parts[0].source for p in sentence.parts)
        source = analyses[sentence.parts[0].source - 1].article.text
        joined = "".join(source[p.start : p.end] for p in sentence.parts)
        assert joined[:1].upper() + joined[1:] == sentence.text
        own = [e for e in sentence.evidence if e.source == sentence.parts[0].source]
        assert own and own[0].start <= sentence.parts[0].start
        assert sentence.parts[-1].end <= own[0].end  # the parts lie in the cited sentence
        compressed += len(sentence.parts) > 1
    assert compressed
    assert not any("Tuesday" in s.text or ", 54," in s.text for s in summary)


def test_a_cut_at_the_start_capitalises_and_keeps_offsets() -> None:
    text = "On Monday, the storm flooded the harbour district of Port Alba and its old pier."
    article = Article(id="a1", text=text, outlet="Outlet 1")
    aside = Aside("a1", 0, len("On Monday, "), "On Monday, ", "time", 0)
    analysis = ArticleAnalysis(
        article=article, sentences=[Sentence("a1", 0, len(text), text)], asides=[aside]
    )
    whole, cut = candidates([analysis], compress=False)[0], candidates([analysis])[0]
    assert whole.text == text and not whole.parts
    assert cut.text == "The storm flooded the harbour district of Port Alba and its old pier."
    assert cut.parts == ((len("On Monday, "), len(text)),)
    assert (cut.start, cut.end) == (0, len(text))  # the citation is still the whole sentence


def test_a_cut_before_the_end_takes_its_comma(nlp: Any) -> None:
    text = (
        "The storm struck the coast south of the capital, Port Alba, on Tuesday. "
        "Mayor Ana Ruiz, 61, was made head of the relief effort by the regional council."
    )
    analysis = analyze_doc(nlp(text), Article(id="a1", text=text, outlet="Outlet 1"))
    texts = [c.text for c in candidates([analysis])]
    assert "The storm struck the coast south of the capital, Port Alba." in texts
    assert "Mayor Ana Ruiz was made head of the relief effort by the regional council." in texts


def test_nested_parentheses_are_cut_whole(nlp: Any) -> None:
    text = (
        "The Port Alba ferry board (which met (as planned) on Monday) ordered two new ships "
        "for the northern route."
    )
    analysis = analyze_doc(nlp(text), Article(id="a1", text=text, outlet="Outlet 1"))
    for aside in (a for a in analysis.asides if a.kind == "parenthetical"):
        assert aside.text.count("(") == aside.text.count(")"), aside.text
    assert all(c.text.count("(") == c.text.count(")") for c in candidates([analysis]))


def test_a_cut_at_the_start_leaves_no_comma_before_the_first_word() -> None:
    text = "On Monday, (local time), the storm flooded the harbour district of Port Alba."
    article = Article(id="a1", text=text, outlet="Outlet 1")
    asides = [
        Aside("a1", 0, len("On Monday, "), "On Monday, ", "time", 0),
        Aside("a1", 10, 23, " (local time)", "parenthetical", 0),
    ]
    analysis = ArticleAnalysis(
        article=article, sentences=[Sentence("a1", 0, len(text), text)], asides=asides
    )
    assert all(text[a.start : a.end] == a.text for a in asides)
    cut = candidates([analysis])[0]
    assert cut.text == "The storm flooded the harbour district of Port Alba."
    joined = "".join(text[a:b] for a, b in cut.parts)
    assert joined[:1].upper() + joined[1:] == cut.text


def test_a_quotation_going_on_into_the_next_paragraph_is_never_cut(nlp: Any) -> None:
    """The wire leaves a straight-quoted quotation that goes on into the next paragraph
    open at the end of the first: the second paragraph's words are still the speaker's."""
    text = (
        'The mayor of Port Alba spoke at the pier. "We will rebuild the pier.\n\n'
        '"It will open again (as planned) on Monday, and the ferries will be back," the '
        "mayor added on Friday. The council met (briefly) on Tuesday, and the pier stayed shut."
    )
    analysis = analyze_doc(nlp(text), Article(id="a1", text=text, outlet="Outlet 1"))
    closing = text.index('," the mayor')
    assert not [a.text for a in analysis.asides if a.start < closing]
    assert any(a.start > closing for a in analysis.asides)  # asides outside it still go
    for aside in analysis.asides:
        assert text[aside.start : aside.end] == aside.text


def test_a_deictic_adverb_is_an_aside_unless_it_compares(nlp: Any) -> None:
    text = (
        "The ferry company has recently cancelled every crossing to the northern islands. "
        "The harbour master said the channel was as dangerous now as it was in March. "
        "Most recently, the council closed the old pier to all traffic."
    )
    analysis = analyze_doc(nlp(text), Article(id="a1", text=text, outlet="Outlet 1"))
    cut = {(a.kind, a.text) for a in analysis.asides}
    assert ("time", " recently") in cut
    assert not any(a.text.strip() == "now" for a in analysis.asides)  # "as ... now as"
    assert not any(a.start >= text.index("Most") and "recently" in a.text for a in analysis.asides)
    compressed = candidates([analysis])[0]
    assert (
        compressed.text == "The ferry company has cancelled every crossing to the northern islands."
    )


def test_now_that_opening_a_clause_is_no_aside(nlp: Any) -> None:
    """ "now that the ceasefire holds" is a conjunction: cutting "now" leaves "resume that
    the ceasefire holds"."""
    text = "Ferry crossings to the islands can resume now that the storm has passed the coast."
    analysis = analyze_doc(nlp(text), Article(id="a1", text=text, outlet="Outlet 1"))
    assert not any(a.text.strip() == "now" for a in analysis.asides)
