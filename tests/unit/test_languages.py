"""Quotations in French, German, Spanish, Portuguese and other languages: right spans,
speakers from the language's own reporting patterns, and no speaker rather than a wrong
one elsewhere.

Sentences written for the test; the language is passed as ingest passes a document's.
"""

from __future__ import annotations

import pytest

from tracker.quotes import extract_quotes


@pytest.mark.parametrize(
    ("text", "language", "quote", "speaker", "as_named"),
    [
        # French spacing inside guillemets, the attribution outside the quotation.
        (
            "« Nous ne céderons pas », a déclaré le ministre Jean Dupont.",
            "fr",
            "Nous ne céderons pas",
            "Jean Dupont",
            "le ministre Jean Dupont",
        ),
        (
            "« Non », a répondu M. Paul Aubert. Puis il est parti.",
            "fr",
            "Non",
            "Paul Aubert",
            "M. Paul Aubert",
        ),
        (
            "Jean Dupont a déclaré : « Nous ne céderons pas. »",
            "fr",
            "Nous ne céderons pas.",
            "Jean Dupont",
            "Jean Dupont",
        ),
        (
            "Selon le Premier ministre, « la réforme est nécessaire ».",
            "fr",
            "la réforme est nécessaire",
            None,
            "le Premier ministre",
        ),
        ("« Nous ne céderons pas », déclare-t-il.", "fr", "Nous ne céderons pas", None, "il"),
        # German: „…“ and »…«, sagte / so / erklärte, a title before the name.
        (
            "„Wir werden nicht nachgeben“, sagte Kanzler Olaf Brandt.",
            "de",
            "Wir werden nicht nachgeben",
            "Olaf Brandt",
            "Kanzler Olaf Brandt",
        ),
        ("»Das ist falsch«, so Anna Weber.", "de", "Das ist falsch", "Anna Weber", "Anna Weber"),
        ("Der Minister sagte: „Das ist falsch.“", "de", "Das ist falsch.", None, "Der Minister"),
    ],
)
def test_french_and_german_reporting_patterns(text, language, quote, speaker, as_named):
    got = extract_quotes(text, language)
    assert [q.text for q in got] == [quote]
    assert (got[0].speaker, got[0].speaker_as_named) == (speaker, as_named)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # A capitalised German noun before a colon is no speaker.
        ("Die Lage: „Das ist falsch.“", "de"),
        # A language without rules keeps its quotation without a speaker.
        ("«È necessario», ha detto il presidente Luigi Mora.", "it"),
    ],
)
def test_no_speaker_rather_than_a_wrong_one(text, language):
    got = extract_quotes(text, language)
    assert len(got) == 1 and got[0].speaker is None and got[0].speaker_as_named is None


def test_french_quotes_are_the_words_inside_the_marks_not_between_two_quotations():
    text = "Il a parlé de « réforme » et de « rupture » devant les députés."
    assert [q.text for q in extract_quotes(text, "fr")] == ["réforme", "rupture"]


def test_a_french_text_is_recognised_without_a_stored_language():
    text = (
        "Le ministre a présenté le projet de loi devant les députés mardi, et il a répondu "
        "aux questions de la presse sur le calendrier. « Nous ne céderons pas », a déclaré "
        "le ministre Jean Dupont, qui est arrivé au pouvoir en mai."
    )
    got = extract_quotes(text)
    assert got[0].speaker == "Jean Dupont"


def test_a_quotation_over_two_paragraphs_has_its_speaker_in_both():
    text = "« Premier paragraphe de la citation.\n\n« Second paragraphe. », a déclaré Jean Dupont."
    got = extract_quotes(text, "fr")
    assert [q.speaker for q in got] == ["Jean Dupont", "Jean Dupont"]


@pytest.mark.parametrize(
    ("text", "language", "quotes"),
    [
        ("«Это «очень важный» шаг», — сказал министр.", "ru", ["Это «очень важный» шаг"]),
        ("«Ci vuole coraggio», ha detto il sindaco.", "it", ["Ci vuole coraggio"]),
        ("„Das ist ‚nicht‘ richtig“, erklärte Anna Weber.", "de", ["Das ist ‚nicht‘ richtig"]),
    ],
)
def test_spans_in_other_conventions(text, language, quotes):
    got = [q.text for q in extract_quotes(text, language) if q.kind.value != "scare"]
    assert got == quotes


_INTRO = "Die Mieterin Tina Gutierrez führt die Gruppe seit zwei Jahren.\n\n"


@pytest.mark.parametrize(
    ("text", "speaker", "as_named"),
    [
        # A surname alone after the verb, where the text has named the person in full.
        (_INTRO + "»Die Lage ist ernst«, sagt Gutierrez.", "Tina Gutierrez", "Gutierrez"),
        (_INTRO + "„Die Lage ist ernst“, erläuterte Gutierrez.", "Tina Gutierrez", "Gutierrez"),
        # The verb before its subject, then a colon.
        (_INTRO + "Dazu sagt Gutierrez: „Die Lage ist ernst.“", "Tina Gutierrez", "Gutierrez"),
        # What follows the name is no part of it: a separable verb's particle, an adverb,
        # a second verb.
        (_INTRO + "„Die Lage ist ernst“, räumt Gutierrez ein.", "Tina Gutierrez", "Gutierrez"),
        (_INTRO + "„Die Lage ist ernst“, sagte Gutierrez damals.", "Tina Gutierrez", "Gutierrez"),
        (
            _INTRO + "„Die Lage ist ernst“, sagt Gutierrez und zeigt auf die Karte.",
            "Tina Gutierrez",
            "Gutierrez",
        ),
        # A description ends where a lower-case word follows its noun.
        (
            "„Sie spielt sehr stark“, so die Sportdirektorin über die Stärken der Gegnerin.",
            None,
            "die Sportdirektorin",
        ),
        # "von" opens a name, not a phrase of place.
        (
            "Der Präsident Alexander von Brenn sprach.\n\n„Wir verlieren Läden“, sagte von Brenn.",
            "Alexander von Brenn",
            "von Brenn",
        ),
    ],
)
def test_german_surnames_and_phrase_ends(text, speaker, as_named):
    got = [q for q in extract_quotes(text, "de") if q.kind.value != "scare"]
    assert (got[-1].speaker, got[-1].speaker_as_named) == (speaker, as_named)


@pytest.mark.parametrize(
    "text",
    [
        # A lone capitalised noun is no surname where the text never names it as one.
        "„Die Lage ist ernst“, so Experten.",
        # A phrase opening with a preposition has no subject.
        "Die Debatte kam zu der von Habeck: „Die Lage ist ernst.“",
    ],
)
def test_german_nouns_are_no_speakers(text):
    got = extract_quotes(text, "de")
    assert got and got[0].speaker is None and got[0].speaker_as_named is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Sie schrieb dazu das Buch „Wege im Nebel“ und reiste weiter.", "de"),
        ("Il a tourné le film « Les Murs blancs » dans le Jura.", "fr"),
        # A German compound ending in the kind, and Spanish and Portuguese kinds.
        ("Das Forschungsprojekt „Wasser im Wandel“ endet im Mai.", "de"),
        ("Im Verbandsmagazin „Blaue Welle“ schreibt sie über das Training.", "de"),
        ("La campaña “Ni un paso atrás” comenzó en marzo en todo el país.", "es"),
        ("Três pessoas foram presas na operação “Mar Aberto” nesta terça-feira.", "pt"),
    ],
)
def test_a_title_after_the_kind_of_work_is_no_claim(text, language):
    assert [q.kind.value for q in extract_quotes(text, language)] in ([], ["title"])


@pytest.mark.parametrize(
    ("text", "language", "speaker", "as_named"),
    [
        # "hieß es" credits no one; what follows the pronoun is no part of the speaker.
        ("„Das ist ein Fehler“, hieß es etwa verharmlosend.", "de", None, "es"),
        # "heißt X" is what X is called, not who said it.
        ("„Gut und schön“ heißt ihr neues Buch.", "de", None, None),
        # A capitalised "So" after a quotation opens a new sentence.
        ("„Wir fahren.“ So ging das eine Stunde lang.", "de", None, None),
        # Capitalised nouns are no speaker: a thing, a crowd.
        ("„Es kommt schlimmer“, sagte das Unheil bald voraus.", "de", None, None),
        # A pronoun, then the person it stands for, named just before.
        (
            "Auch der Bürgermeister, Jörg Albrecht, war da. „Ich habe keine Angst“, sagt er.",
            "de",
            "Jörg Albrecht",
            "er",
        ),
        # ... but not a person named as the object of a preposition.
        (
            "Mit Blick auf den Forscher Bernd Kuhl fragte sie: „Wie geht es weiter?“",
            "de",
            None,
            "sie",
        ),
        # A description where the person was named with that role before.
        (
            "Die Sportdirektorin Kim Renner lobte das Team. Später: nichts. "
            "„Wir geben alles“, so die Sportdirektorin.",
            "de",
            "Kim Renner",
            "die Sportdirektorin",
        ),
        # ... and no one where the role names nobody in the text.
        ("„Wir geben alles“, so die Familien- und Frauenministerin.", "de", None, None),
        # A name and role before a colon, with no verb.
        ("Minister Axel Brendel: „Wir danken allen.“", "de", "Axel Brendel", None),
        # The name in the apposition after a description.
        (
            "„Die Lieferketten stocken“, so der Geschäftsführer der Region Nord, Uwe Körber.",
            "de",
            "Uwe Körber",
            "Uwe Körber",
        ),
        # The name before an apposition, then the verb.
        (
            "Jana Fuchs, Vorstand der Jugend erklärt: „Es reicht.“",
            "de",
            "Jana Fuchs",
            "Jana Fuchs",
        ),
        # A lone given name after the verb names a person.
        ("„Das war gut“, findet Olivier nach dem Spiel.", "de", "Olivier", "Olivier"),
        # A surname particle opens a name.
        ("„Es reicht“, sagte von Brandt.", "de", "von Brandt", "von Brandt"),
        # French: the pronoun resolves to the person named before, with accents.
        (
            "Le maire, Joël Martin, était présent. « Je reste », dit-il.",
            "fr",
            "Joël Martin",
            None,
        ),
    ],
)
def test_german_and_french_speakers_in_news_patterns(text, language, speaker, as_named):
    got = [q for q in extract_quotes(text, language) if q.kind.value in ("sentence", "phrase")]
    assert got, text
    assert got[-1].speaker == speaker
    if as_named is not None:
        assert got[-1].speaker_as_named == as_named


@pytest.mark.parametrize(
    ("text", "language", "quote", "speaker", "as_named"),
    [
        # French: the verb set inside the quotation, after its first sentence.
        (
            "Marie Dupont enseigne. « La loi est mauvaise, affirme-t-elle. Nous resterons. »",
            "fr",
            "La loi est mauvaise, affirme-t-elle. Nous resterons.",
            "Marie Dupont",
            "elle",
        ),
        (
            "« La loi est mauvaise, explique Marie Dupont. Nous resterons. »",
            "fr",
            "La loi est mauvaise, explique Marie Dupont. Nous resterons.",
            "Marie Dupont",
            "Marie Dupont",
        ),
        ("« Nous ne céderons pas », a-t-il déclaré.", "fr", "Nous ne céderons pas", None, "il"),
        # German: a verb whose participle or particle follows the speaker.
        (
            "„Das ist gut“, wird Präsident Hans Müller zitiert.",
            "de",
            "Das ist gut",
            "Hans Müller",
            "Präsident Hans Müller",
        ),
        (
            "„Das ist gut“, macht Dietmar Wolff weiter deutlich.",
            "de",
            "Das ist gut",
            "Dietmar Wolff",
            "Dietmar Wolff",
        ),
        (
            "„Wir gehen“, ließ Anna Weber über ihren Anwalt wissen.",
            "de",
            "Wir gehen",
            "Anna Weber",
            "Anna Weber",
        ),
        (
            "„Die Zahlen stimmen“, hielt Kämmerin Petra Lindqvist am Abend fest.",
            "de",
            "Die Zahlen stimmen",
            "Petra Lindqvist",
            "Kämmerin Petra Lindqvist",
        ),
        # ... but a record that notes something is no speaker.
        ("„Stopp“, hält das Protokoll am Ende fest.", "de", "Stopp", None, None),
    ],
)
def test_speakers_named_inside_or_around_a_framing_verb(text, language, quote, speaker, as_named):
    got = extract_quotes(text, language)
    assert [q.text for q in got] == [quote]
    assert (got[0].speaker, got[0].speaker_as_named) == (speaker, as_named)


@pytest.mark.parametrize(
    "text",
    [
        # A proverb is no speaker: only a pronoun or a full name counts inside the marks.
        "« Qui dort dîne, dit le proverbe. Voilà tout. »",
        # "so" as an adverb, and a hyphenated noun that is no abbreviation.
        "Das schützt vor so unsäglichen Chef-Sätzen wie: „Mehr gibt es nicht.“",
    ],
)
def test_no_speaker_from_a_proverb_or_an_adverb(text):
    language = "fr" if "«" in text else "de"
    got = extract_quotes(text, language)
    assert len(got) == 1 and got[0].speaker is None and got[0].speaker_as_named is None


def test_a_quotation_credited_by_according_to_is_no_continuation():
    text = "„Wir helfen“, sagt Anna Weber. Es soll laut den Aktivisten von „Go Down“ passieren."
    got = extract_quotes(text, "de")
    assert got[0].speaker == "Anna Weber"
    assert all(q.speaker is None for q in got[1:])


def test_a_pronoun_skips_names_inside_quotations():
    text = (
        "Anna Weber sagt: „Ich spiele gern mit Mario Kart.“ Dann kommt jemand herein. "
        "„Ist jemand hier?“, fragt er."
    )
    got = extract_quotes(text, "de")
    assert got[-1].speaker_as_named == "er" and got[-1].speaker is None


def test_a_paragraph_that_is_only_a_quotation_continues_the_speaker_before():
    text = (
        "„Wir bauen um“, sagt Sprecherin Anna Weber.\n\n"
        "„Sobald alles fertig ist, geht es weiter.“\n\n"
        "„Wir bleiben hier“\n\n"
        "Der Umbau dauert. „Das ist falsch.“ Ein Satz danach."
    )
    got = extract_quotes(text, "de")
    assert [q.speaker for q in got] == ["Anna Weber", "Anna Weber", None, None]


def test_no_continuation_across_paragraphs_after_a_further_sentence():
    text = "„Wir bauen um“, sagt Anna Weber. Dann geht sie.\n\n„Es geht weiter.“"
    assert [q.speaker for q in extract_quotes(text, "de")] == ["Anna Weber", None]


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        # The subject before the verb is in its own sentence, not the one before it.
        ("Der Grund ist noch offen. Die Firma meint jedoch: „Wir prüfen alles.“", "de", None),
        (
            "„Das ist vorbei“, dit Paul Martin, qui a lu les travaux de Marie-Claire Dubois, "
            "aujourd’hui critiqués par tous. Il poursuit : « Rien ne tient. »",
            "fr",
            ("Paul Martin", "il"),
        ),
        # "Marie-Claire" is one given name, not "Claire" alone.
        (
            "Marie-Claire Dubois dirige le club. Elle affirme : « Nous gagnerons. »",
            "fr",
            ("Marie-Claire Dubois", "elle"),
        ),
    ],
)
def test_the_subject_is_in_the_last_sentence_before_the_verb(text, language, speaker):
    got = extract_quotes(text, language)[-1]
    assert (got.speaker, got.speaker_as_named) == (speaker or (None, None))


@pytest.mark.parametrize(
    ("text", "as_named"),
    [
        ("Malgré les efforts du club pour calmer la foule, « Allez les bleus » résonne.", None),
        ("Pour le ministre Paul Martin, « c’est une erreur ».", "le ministre Paul Martin"),
        ("Selon Paul Martin, « c’est une erreur ».", "Paul Martin"),
    ],
)
def test_pour_before_a_verb_credits_no_one(text, as_named):
    assert extract_quotes(text, "fr")[0].speaker_as_named == as_named


@pytest.mark.parametrize(
    ("text", "language", "speakers"),
    [
        (
            "„Wir bleiben“, sagte Anna Weber mit Blick auf die Aktion „Rettet den Wald“ im Ort.",
            "de",
            ["Anna Weber", None],
        ),
        (
            "„Wir bleiben“, sagte Anna Weber der Zeitung „Neue Post“ am Montag.",
            "de",
            ["Anna Weber", None],
        ),
        (
            "„Wir bleiben“, sagte Anna Weber, die mit einer „unklaren“ Lage rechnet.",
            "de",
            ["Anna Weber", "Anna Weber"],
        ),
        (
            "« Nous restons », a déclaré Paul Martin lors de la conférence « Forêts Vivantes ».",
            "fr",
            ["Paul Martin", None],
        ),
    ],
)
def test_a_name_or_title_in_marks_is_no_continuation(text, language, speakers):
    assert [q.speaker for q in extract_quotes(text, language)] == speakers


def test_german_sie_with_a_plural_verb_is_they_not_the_woman_named_before():
    text = (
        "Greta Lindner besuchte am Montag das Dorf. Die Bauern protestierten vor dem "
        "Rathaus. „Wir bleiben hier, bis man uns zuhört“, sagten sie."
    )
    assert extract_quotes(text, "de")[-1].speaker is None
    singular = "Greta Lindner besuchte am Montag das Dorf. „Wir bleiben hier“, sagte sie."
    assert extract_quotes(singular, "de")[-1].speaker == "Greta Lindner"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Frage an Olaf Brenner: „Wann kommt endlich die Reform für alle?“", "de"),
        ("Der Brief an Greta Lindner: „Wir fordern mehr Geld für die Schulen.“", "de"),
        ("« Le chômage baisse enfin, note un proche de Marie Dupont. Il faut continuer. »", "fr"),
    ],
)
def test_a_name_after_a_preposition_is_not_the_speaker(text, language):
    assert extract_quotes(text, language)[0].speaker is None


@pytest.mark.parametrize(
    ("text", "language", "speakers"),
    [
        # Spanish and Portuguese: the verb after the quotation, a role before the name.
        ("“No vamos a ceder”, dijo la ministra Ana Ruiz.", "es", ["Ana Ruiz"]),
        ('"É uma questão de tempo", declarou o delegado Paulo Mendes.', "pt", ["Paulo Mendes"]),
        ("Según Ana Ruiz, “la reforma es necesaria”.", "es", ["Ana Ruiz"]),
        # A connective or an adverb between the verb and its subject.
        ("“Tenemos dudas”, opina en cambio Jorge Vidal, meteorólogo.", "es", ["Jorge Vidal"]),
        ('"Foram dez ofícios", aponta ainda o jornalista Rui Costa.', "pt", ["Rui Costa"]),
        # A verb with no subject is the person quoted just before (Spanish drops it)...
        (
            "“Primera frase”, explicó Ana Ruiz.\n\nLa reunión duró dos horas.\n\n"
            "“Segunda frase”, subrayó.",
            "es",
            ["Ana Ruiz", "Ana Ruiz"],
        ),
        # ... unless someone else was presented in between.
        (
            "“Primera frase”, explicó Ana Ruiz.\n\nLuego habló Jorge Vidal, su colega.\n\n"
            "“Segunda frase”, subrayó.",
            "es",
            ["Ana Ruiz", None],
        ),
        # A description names again the person just presented, of its article's gender.
        (
            "“Es un récord”, explica Marta Gil, geóloga. “Pero no es raro”, añade la científica.",
            "es",
            ["Marta Gil", "Marta Gil"],
        ),
        (
            "“Es un récord”, explica Marta Gil, geóloga. “Pero no es raro”, añade el científico.",
            "es",
            ["Marta Gil", None],
        ),
    ],
)
def test_spanish_and_portuguese_reporting_patterns(text, language, speakers):
    assert [q.speaker for q in extract_quotes(text, language)] == speakers


def test_a_sentence_that_names_its_speaker_at_its_end_credits_a_term_inside_it():
    text = (
        "“No es un problema grave”, explica Jorge Vidal. En verano las “olas de calor” "
        "superan los diez grados, explica la agencia."
    )
    got = extract_quotes(text, "es")
    assert [(q.speaker, q.speaker_as_named) for q in got][1][1] == "la agencia"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A name with an apposition between commas before the reporting verb.
        (
            "Der Umsatz stieg. Julia Brandt, Chefin der Firma, erklärt: „Wir wachsen.“",
            "Julia Brandt",
        ),
        (
            "Der Umsatz stieg. Der Präsident des Verbands, Thomas Roth, sagte zum Plan: „Gut so.“",
            "Thomas Roth",
        ),
        # An adjective after the article opening the sentence ends no speaker phrase.
        (
            "Der bayerische Innenminister Thomas Roth begründet das so: „Das schützt uns.“",
            "Thomas Roth",
        ),
        # The subject of a sentence ending in a colon, whatever its verb.
        (
            "Anna Weber leitet den Verein. Weber dankte den Helfern: „Ohne euch ginge nichts.“",
            "Anna Weber",
        ),
        (
            "Anna Weber leitet den Verein. Doch Weber will das Gute sehen: „Wir schaffen das.“",
            "Anna Weber",
        ),
        (
            "Anna Weber leitet den Verein. Dagegen hält Weber: „Das ist kein Fortschritt.“",
            "Anna Weber",
        ),
        (
            "Natürlich ruft Trainer Thomas Roth zum Angriff auf: „Wir wollen gewinnen.“",
            "Thomas Roth",
        ),
        # An interview's surname before a colon, where the text gives the full name.
        ("Marcel Jansen spielt wieder. Jansen: „Die Liga ist stark.“", "Marcel Jansen"),
        # Reporting verbs of advice, memory and knowledge.
        ("„Fragen Sie früh nach“, rät Anna Weber.", "Anna Weber"),
        ("„Das war 1940“, erinnert Thomas Roth.", "Thomas Roth"),
        ("Marcel Jansen spielt wieder. Jansen weiß: „Die Liga ist stark.“", "Marcel Jansen"),
    ],
)
def test_german_subjects_before_a_colon_and_more_reporting_verbs(text, speaker):
    assert extract_quotes(text, "de")[-1].speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        # Someone else's words or a text: a letter, a second name, a subordinate clause.
        "Der Umsatz stieg. Anna Weber las den Brief vor: „Wir kommen nicht.“",
        "Der Umsatz stieg. Anna Weber erinnerte an Thomas Roth: „Hier stehe ich.“",
        "Der Umsatz stieg. Wenn Thomas Roth wütend wurde, erzählte man davon: „Es reicht.“",
        # A pronoun before a colon is left alone: the person may be one the text names by a
        # first name only.
        "Anna Weber kam. Reto holt Kuchen. Dann dichtet er: „Die Lichter gehen aus.“",
        "Der Umsatz stieg. Mit dabei war auch Anna Weber vom Verein: „Wir helfen.“",
    ],
)
def test_no_speaker_from_a_colon_sentence_that_credits_someone_else(text):
    assert extract_quotes(text, "de")[-1].speaker is None


def test_a_quotation_introduced_for_an_unknown_name_is_no_continuation():
    text = "„Wir bleiben“, warnte Thomas Roth. Dennoch gesteht Mazor ein: „Es wird schwer.“"
    assert [q.speaker for q in extract_quotes(text, "de")] == ["Thomas Roth", None]


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        # A colleague named by first name only is the nearest person for "er".
        (
            "«Das war gut», findet Olivier Brunner. Dann klopft gerade Renato an die Tür. "
            "«Ist morgen jemand hier?», sagt er.",
            "de",
            "Renato",
        ),
        # A given name inside a longer name or after a noun is nobody of its own.
        (
            "Thomas Roth steht vor dem Club Zur Wilden Renate. „Die Clubs bleiben“, sagt er.",
            "de",
            "Thomas Roth",
        ),
        # "Elle" opening a sentence is the pronoun, not a woman called Elle.
        (
            "Marie Dupont enseigne à Nantes. Elle vit la grève. « C’est dur », soupire-t-elle.",
            "fr",
            "Marie Dupont",
        ),
        # An object word of the sentence before does not make a name an object.
        (
            "Anna Weber kam zuerst. Es ging um den Streit mit Biyon. Thomas Roth empört sich: "
            "„Wer macht denn sowas?“, fragt er.",
            "de",
            "Thomas Roth",
        ),
    ],
)
def test_pronouns_reach_first_names_and_skip_names_that_are_not_people(text, language, speaker):
    assert extract_quotes(text, language)[-1].speaker == speaker


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        ("„Steuern, Steuern, Steuern!“, wetterte Thomas Roth.", "de", "Thomas Roth"),
        ("„Die Frist endet im März“, informiert Anna Weber.", "de", "Anna Weber"),
        ("„Die Bußgelder sind zu hoch“, führt Anna Weber dazu aus.", "de", "Anna Weber"),
        ("„Wir sind zufrieden“, fasst Thomas Roth zusammen.", "de", "Thomas Roth"),
        # The speaker in a "Wie X erklärte," clause opening the quotation's sentence.
        (
            "Die Tauben saßen fest. Wie Sprecher Thomas Roth erklärte, wollte sich die Firma "
            "darum kümmern: „Das war so abgesprochen.“",
            "de",
            "Thomas Roth",
        ),
        # A French inverted pronoun followed by when or where it was said.
        (
            "Antoine Martin enseigne. « Je suis inquiet, glisse-t-il lorsqu’on le croise "
            "devant la porte. Mon contrat finit. »",
            "fr",
            "Antoine Martin",
        ),
    ],
)
def test_more_reporting_verbs_and_clauses(text, language, speaker):
    assert extract_quotes(text, language)[-1].speaker == speaker


def test_a_name_in_marks_inside_a_wie_clause_is_no_one_s_words():
    text = "Die Tauben saßen fest. Wie Sprecher Thomas Roth erklärte, wollte sich „D.Live“ kümmern."
    assert extract_quotes(text, "de")[0].speaker is None


def test_a_german_role_before_a_surname_is_the_person_named_in_full():
    text = (
        "Noch wartet Lena Hoffmann ab.\n\n"
        "„Wir streiken nicht“, sagt Verbandssprecherin Hoffmann. „Noch nicht.“"
    )
    got = extract_quotes(text, "de")
    assert got[0].speaker == "Lena Hoffmann"
    assert got[0].speaker_as_named == "Verbandssprecherin Hoffmann"


def test_a_german_role_before_an_unlisted_given_name_is_no_part_of_the_name():
    # "Ijoma"-like given names are in no list: the role still stays out of the speaker.
    text = "Kritiker Tunde Ekwueme urteilte über den Roman, er sei „eine Zumutung für jeden Leser“."
    got = extract_quotes(text, "de")
    assert got[0].speaker == "Tunde Ekwueme"
    assert got[0].speaker_as_named == "Kritiker Tunde Ekwueme"


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        # A quotation inside what the subject says in the writer's words ("X says that …").
        (
            "Marta Gil, geóloga de la universidad, explica que el glaciar “ya no es el mismo”.",
            "es",
            "Marta Gil",
        ),
        (
            "Plus nuancée, la juge Claire Martin ajoute qu’il « faut attendre ».",
            "fr",
            "Claire Martin",
        ),
        # ... but not where someone else is named in between: the words may be theirs.
        ("Marta Gil explica que Jorge Vidal dijo “ya no es el mismo”.", "es", None),
        # "Selon X :" credits X; "… pour les étudiants :" says for whom, not who.
        (
            "Le débat continue, selon le juge Paul Martin : « Rien n’est joué. »",
            "fr",
            "Paul Martin",
        ),
        ("Elle s’inquiète pour les étudiants : « Rien n’est joué. »", "fr", None),
    ],
)
def test_a_quotation_after_that_or_selon_with_a_colon(text, language, speaker):
    assert extract_quotes(text, language)[-1].speaker == speaker


def test_a_title_and_a_surname_named_in_full_before_is_that_person():
    text = (
        "Francisca Ruiz dirige le service.\n\n"
        "« Il faut manger de tout », indique la Pr Ruiz aux lecteurs."
    )
    assert extract_quotes(text, "fr")[0].speaker == "Francisca Ruiz"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The sentence's subject and reporting verb, then indirect speech around the quotation.
        (
            "Kritikerin Sabine Krämer urteilte 2013 über den Band, er sei „ein Schlag ins "
            "Gesicht“.",
            "Sabine Krämer",
        ),
        # A chain of indirect speech back to the sentence that names its speaker ...
        (
            "Thomas Becker erklärte am Montag, dass die Anlage sicher sei. Ein Austausch der "
            "Pumpen sei „nicht nötig“.",
            "Thomas Becker",
        ),
        (
            "Die Lage habe sich entspannt, erklärt Bürgermeisterin Sabine Krämer. Das sei „ein "
            "gutes Zeichen für alle“.",
            "Sabine Krämer",
        ),
        (
            "Thomas Becker beschrieb die Lage: Die Nachfrage sei hoch. „Das ist die Butter aufs "
            "Brot.“ Die Kurzstrecke dominiere.",
            "Thomas Becker",
        ),
        # ... and a quotation of its own after a sentence its subject opens.
        (
            "Thomas Becker leitet die Kammer. Becker wundert sich über die Minister. „Jeder weiß "
            "doch, dass Wasser bergab fließt.“",
            "Thomas Becker",
        ),
        # No one where the writer's own voice or another person comes in between ...
        (
            "Thomas Becker erklärte, die Anlage sei sicher. Die Pumpen stammen aus Bayern. Ein "
            "Austausch sei „nicht nötig“.",
            None,
        ),
        (
            "Thomas Becker erklärte, die Anlage sei sicher. Auch Sabine Krämer habe die Pumpen "
            "geprüft. Ein Austausch sei „nicht nötig“.",
            None,
        ),
        # ... nor the object of a sentence before ("traf Becker"), nor a quotation that is a
        # paragraph of its own (a heading).
        (
            "Thomas Becker leitet die Kammer. Die Ministerin Sabine Krämer traf Becker am "
            "Montag. „Jeder weiß doch, dass Wasser bergab fließt.“",
            None,
        ),
        (
            "„Es war gut“, sagt Thomas Becker. „In unseren Farben.“\n"
            "„Die ganze Stadt soll mitfeiern“\n"
            "Das Gebot des Abstands gilt überall.",
            None,
        ),
        # A sentence may end inside a quotation's closing mark before "Doch Becker will …:".
        (
            "Thomas Becker ist Bürgermeister. Einige hätten ihm gesagt: „Das geht wieder los.“ "
            "Doch Becker will nach vorne schauen: „Wir haben den Umbau geschafft.“",
            "Thomas Becker",
        ),
        # "Der Grünen-Politiker": a hyphenated role is a person, not a body's abbreviation.
        (
            "Bundesminister Thomas Becker dringt auf eine Entscheidung. „Ich bin nicht "
            "zufrieden“, sagte der Grünen-Politiker.",
            "Thomas Becker",
        ),
        # "Als „…“ bezeichnet X …": the words the sentence opens with are X's ...
        (
            "Als „Eisen im Seidenkleid“ bezeichnet Sabine Krämer, Leiterin der Stiftung, "
            "den neuen Kurs.",
            "Sabine Krämer",
        ),
        # ... but not where no one or the object follows the verb.
        ("Als „Schutzschirm“ bezeichnet man das Programm der Regierung.", None),
    ],
)
def test_german_indirect_speech_and_subjects_around_a_quotation(text, speaker):
    assert extract_quotes(text, "de")[-1].speaker == speaker


def test_a_german_body_named_by_its_noun_is_the_speaker_as_named():
    text = "Der Grund bleibt offen. Die Gemeinde meint aber: «Der Frost war es.»"
    assert extract_quotes(text, "de")[0].speaker_as_named == "Die Gemeinde"


@pytest.mark.parametrize(
    ("text", "speaker", "as_named"),
    [
        # An elided article is no quotation mark: "l’agence" is who wrote it.
        (
            "L’office n’a pas cillé. « Il n’y a pas de risque », écrit l’agence.",
            None,
            "l’agence",
        ),
        # "l’avocat de Marie Dupont" is her lawyer, not Marie Dupont ...
        (
            "« Il est innocent », affirme l’avocat de Marie Dupont.",
            None,
            "l’avocat de Marie Dupont",
        ),
        # ... while a minister's name after the ministry is the minister's.
        (
            "« Il est innocent », a déclaré le ministre de l'Intérieur Paul Martin.",
            "Paul Martin",
            "le ministre de l'Intérieur Paul Martin",
        ),
    ],
)
def test_french_elided_descriptions_and_someone_of_someone(text, speaker, as_named):
    q = extract_quotes(text, "fr")[0]
    assert (q.speaker, q.speaker_as_named) == (speaker, as_named)


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        # Given names of either gender (the name data's [u]) name a person.
        ("„Wir bleiben hier“, sagte Stéphane Brun.", "de", "Stéphane Brun"),
        ("Stéphane Brun: „Wir bleiben hier.“", "de", "Stéphane Brun"),
        ("Jan Berger: „Wir bleiben hier.“", "de", "Jan Berger"),
        # Place names more common as words than as given names do not.
        ("Paris Match: „Die Lage ist ernst.“", "de", None),
        ("Dallas Morning: „Die Lage ist ernst.“", "de", None),
    ],
)
def test_a_given_name_of_either_gender_names_a_person_a_place_does_not(text, language, speaker):
    assert [q.speaker for q in extract_quotes(text, language=language)] == [speaker]


def test_a_description_goes_to_the_person_with_a_given_name_of_either_gender():
    text = (
        "« La dose fait le poison », précise la chimiste Dominique Perrin. "
        "Pour la chimiste, « tout dépend de la quantité »."
    )
    assert [q.speaker for q in extract_quotes(text, language="fr")] == ["Dominique Perrin"] * 2


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A comma ends "aus Oberweiler": the name after it is the subject's, and "er" is he.
        (
            "Widerspruch kommt vom Landrat aus Oberweiler, Jonas Ebeling. „Wir klagen“, sagt er.",
            "Jonas Ebeling",
        ),
        # "mit Jonas Ebeling" is still an object: no one for "er".
        ("Anna Weber traf sich mit Jonas Ebeling. „Wir klagen“, sagt er.", None),
    ],
)
def test_a_name_after_a_comma_is_no_object(text, speaker):
    got = extract_quotes(text, "de")
    assert [(q.speaker, q.speaker_as_named) for q in got] == [(speaker, "er")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A singular verb and a word the text writes again without an article: a name.
        (
            "Kellerhof hat sich erstmals zu den Plänen geäußert. „Das Gesetz ist ungeeignet“, "
            "kommentiert Kellerhof den Entwurf.",
            "Kellerhof",
        ),
        (
            "Im Rückblick sprach Brandlhuber über die Jahre. Er sei fertig damit, erzählte "
            "Brandlhuber später: „Ich schaue nicht zurück.“",
            "Brandlhuber",
        ),
        # A noun the text writes with its article, and a plural verb: no one.
        (
            "Das Gremium tagte lange. „Das Gesetz ist ungeeignet“, kommentiert Gremium "
            "den Entwurf.",
            None,
        ),
        ("Kritiker warnen seit Wochen. „Das ist zu teuer“, sagen Kritiker.", None),
    ],
)
def test_a_bare_name_after_a_singular_verb(text, speaker):
    got = extract_quotes(text, "de")
    assert len(got) == 1 and got[0].speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "as_named"),
    [
        # A described subject before the colon, its verb next: the person described.
        (
            "Am Montag besuchte Ministerin Carola Vennemann die Schule. Die Ministerin zeigte "
            "sich zufrieden: „Hier wird gut gearbeitet.“",
            "Carola Vennemann",
            "Die Ministerin",
        ),
        # ... or a reporting verb after its genitive and a parenthesis.
        (
            "Noch zögert Thomas Reindl. Doch der Sprecher des Mietervereins (MV) aus Kassel "
            "sagt auch: „Wir warten ab.“",
            "Thomas Reindl",
            "der Sprecher",
        ),
        # A name closing the description: the name.
        (
            "Die junge Ärztin und Forscherin Lena Kortmann blieb gelassen: „Abwarten.“",
            "Lena Kortmann",
            "Lena Kortmann",
        ),
        # A noun for no person or body, or two subjects: no one.
        ("Die Lage der Stadt bleibt ernst: „Es fehlt Geld.“", None, None),
        ("Der Trainer und Anna Weber lachten: „Nie wieder.“", None, None),
    ],
)
def test_a_described_subject_before_a_colon(text, speaker, as_named):
    got = extract_quotes(text, "de")
    assert [(q.speaker, q.speaker_as_named) for q in got] == [(speaker, as_named)]


@pytest.mark.parametrize(
    ("text", "language", "speaker", "as_named"),
    [
        # A German description with an adjective names the man quoted before it (and "3."
        # is an ordinal, not the end of the sentence that describes him).
        (
            "„Wir freuen uns“, sagt Trainer Jonas Reindl.\n\nDer frühere Nationalspieler ist "
            "zuversichtlich, in der 3. Liga zu bestehen. „Ich habe ein gutes Gefühl.“",
            "de",
            "Jonas Reindl",
            "Der frühere Nationalspieler",
        ),
        # ... not a woman quoted before it.
        (
            "„Wir freuen uns“, sagt Trainerin Anna Weber.\n\nDer frühere Nationalspieler ist "
            "zuversichtlich. „Ich habe ein gutes Gefühl.“",
            "de",
            None,
            "Der frühere Nationalspieler",
        ),
        # A French description with a complement is no role word alone: no one.
        (
            "« Nous partons », dit Jean Dupont.\n\n« Rien ne change », ajoute le porte-parole "
            "du gouvernement.",
            "fr",
            None,
            "le porte-parole du gouvernement",
        ),
    ],
)
def test_a_description_with_adjectives_names_the_one_quoted_before(
    text, language, speaker, as_named
):
    got = extract_quotes(text, language)
    assert (got[-1].speaker, got[-1].speaker_as_named) == (speaker, as_named)


@pytest.mark.parametrize(
    ("middle", "speaker", "as_named"),
    [
        # A reporting verb after an adverbial, then a described subject: the one described.
        ("Darüber hinaus mahnte der Vereinschef mehr Geld an.", "Jonas Reindl", "der Vereinschef"),
        # No noun for a person or body, or someone else named: no one.
        ("Darüber hinaus mahnte die Stadt mehr Geld an.", None, None),
        ("Darüber hinaus mahnte der Vereinschef bei Anna Weber mehr Geld an.", None, None),
    ],
)
def test_a_described_subject_after_an_opening_verb(middle, speaker, as_named):
    text = f"„Wir freuen uns“, sagt Jonas Reindl.\n\n{middle} „Ohne Geld geht es nicht.“ Mehr."
    got = extract_quotes(text, "de")
    assert (got[-1].speaker, got[-1].speaker_as_named) == (speaker, as_named)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A role and a given name, as a feature names a colleague: the subject speaks.
        (
            "Das Team tagt.\n\nCo-Trainer Lukas wirkt müde. „Noch zwei Runden.“ Dann Pause.",
            "Co-Trainer Lukas",
        ),
        ("Co-Trainer Lukas wirkt müde: „Noch zwei Runden.“", "Co-Trainer Lukas"),
        # A role and a word that is no given name: no one.
        ("Co-Trainer Lehmkuhl wirkt müde: „Noch zwei Runden.“", None),
    ],
)
def test_a_role_and_a_given_name_as_subject(text, speaker):
    got = extract_quotes(text, "de")
    assert got[0].speaker == speaker


@pytest.mark.parametrize(
    ("after", "speaker"),
    [
        # "heißt es" in a body's statement: the body, in the nominative.
        ("hieß es in einer Erklärung des Ministeriums.", "Ministerium"),
        ("hieß es in einer Mitteilung der Polizei.", "Polizei"),
        ("heißt es in einer Stellungnahme des Verbandes.", "Verband"),
        # A date or a paper is no body that speaks: no one.
        ("hieß es in einer Mitteilung vom Montag.", None),
        ("hieß es in einer Erklärung der Zeitung.", None),
    ],
)
def test_heisst_es_in_a_bodys_statement(after, speaker):
    got = extract_quotes(f"„Wir prüfen den Vorgang“, {after}", "de")
    assert got[0].speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # An unnamed man introduced after the last man named: "er" may be either; no one.
        (
            "Der Datenschützer Georg Wendel warnt vor Strafen. Reporter fanden den Urheber. "
            "Der Mann lebt im Ausland. „Ich bereue nichts“, schrieb er.",
            None,
        ),
        # The man named after him is the nearest: him.
        (
            "Reporter fanden den Urheber. Der Mann lebt im Ausland. Dann sprach Georg Wendel. "
            "„Ich bereue nichts“, schrieb er.",
            "Georg Wendel",
        ),
    ],
)
def test_a_pronoun_after_someone_unnamed(text, speaker):
    got = extract_quotes(text, "de")
    assert (got[0].speaker, got[0].speaker_as_named) == (speaker, "er")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A name, then a relative clause that says it spoke, before the colon: the name,
        # in the same paragraph or the one before.
        (
            "Ich halte es da mit Jan Brandt, der einmal gesagt hat: „Wer wagt, gewinnt.“",
            "Jan Brandt",
        ),
        (
            "Ich halte es da mit Jan Brandt, der einmal gesagt hat:\n\n„Wer wagt, gewinnt.“",
            "Jan Brandt",
        ),
        ("Wir denken an Anna Weber, die dazu schrieb: „Wer wagt, gewinnt.“", "Anna Weber"),
        # A relative clause that says nothing was said: no one.
        ("Wir denken an Anna Weber, die dazu lachte: „Wer wagt, gewinnt.“", None),
        ("Das zeigt der Film Jan Brandt, der gestern lief: „Wer wagt, gewinnt.“", None),
    ],
)
def test_a_name_and_a_relative_clause_that_says_it_spoke(text, speaker):
    got = extract_quotes(text, "de")
    assert got[0].speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # An institute with an English name, after "laut dem": the body, without the article.
        (
            "Laut dem Harbor Design Institute „ist Grün die Farbe des Jahres“.",
            "Harbor Design Institute",
        ),
        # A thing after "laut": no one.
        ("Laut dem Katalog „ist Grün die Farbe des Jahres“.", None),
    ],
)
def test_an_institute_after_laut(text, speaker):
    got = extract_quotes(text, "de")
    assert got[0].speaker == speaker


def test_a_short_quoted_name_inside_a_wie_clause():
    # "Wie X erklärte, …: „…“" holds across a quoted name; the name itself is no one's words.
    text = (
        "Wie Sprecherin Maren Voss erklärte, will sich „Hof.Aktiv“ um die Tiere kümmern: "
        "„Das ist abgesprochen.“"
    )
    got = extract_quotes(text, "de")
    assert [(q.text, q.speaker) for q in got] == [
        ("Hof.Aktiv", None),
        ("Das ist abgesprochen.", "Maren Voss"),
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "Für X" and no verb before the colon: X's view, X's words.
        (
            "Lena Brandt züchtet Hühner. Für Brandt die einzige Lösung: „Neue Rassen.“",
            "Lena Brandt",
        ),
        ("Für Anna Weber ein klarer Fall: „Wir brauchen neue Rassen.“", "Anna Weber"),
        # A sentence with its own verb and subject: no one.
        ("Für Anna Weber gibt es nur einen Weg: „Wir brauchen neue Rassen.“", None),
    ],
)
def test_fur_x_before_a_colon(text, speaker):
    got = extract_quotes(text, "de")
    assert got[-1].speaker == speaker


def test_a_title_after_an_article_and_adjective_is_no_continuation():
    text = (
        "„Wir brauchen neue Rassen“, sagt Lena Brandt. Den ersten „Tag der Landrassen“ feiert sie."
    )
    got = extract_quotes(text, "de")
    assert [(q.text, q.speaker) for q in got] == [
        ("Wir brauchen neue Rassen", "Lena Brandt"),
        ("Tag der Landrassen", None),
    ]
