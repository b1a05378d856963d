"""German reporting patterns: the verbs and words that credit a quotation."""

from __future__ import annotations

# After the quotation: „…“, sagte X / „…“, so X / „…“, erklärte sie.
VERBS = """sagte sagt sagten erklärte erklärt betonte betont meinte meint schrieb schreibt
kritisierte kritisiert warnte warnt fügte ergänzte ergänzt räumte bekräftigte bekräftigt
versicherte versichert unterstrich unterstreicht sprach mahnte mahnt forderte fordert
berichtete berichtet erzählte erzählt antwortete antwortet fragte fragt hieß heißt teilte
kommentierte kommentiert bilanzierte resümierte so erläuterte erläutert schlussfolgerte
räumt bestätigte bestätigt verkündete verkündet entgegnete entgegnet widersprach lobte lobt
klagte klagt beklagte beklagt twitterte argumentierte argumentiert begründete begründet fügt
findet fand urteilte urteilt appellierte appelliert versprach verspricht sagen schreiben
meinen warnen betonen erklären kritisieren fordern berichten ergänzten betonten erklärten
warnten forderten kritisierten resümiert bilanziert schlussfolgert
mahnten rät riet weiß wusste erinnert erinnerte verrät verriet schildert schilderte
beschreibt beschrieb bemerkt bemerkte gesteht gestand hofft hoffte glaubt glaubte fürchtet
befürchtet vermutet prognostiziert empfiehlt empfahl schwärmt schwärmte seufzt seufzte
kontert konterte wettert wetterte informiert informierte""".split()
AUXILIARIES: list[str] = []
# After the quotation, a verb whose particle or participle comes after the speaker:
# „…“, wird X zitiert / macht X deutlich / ließ X wissen / teilte X mit / stellte X klar /
# führt X aus / fasst X zusammen / hielt X fest.
FRAMED = """wird wurde macht machte ließ lässt teilte teilt stellte stellt gab gibt wies
weist führt führte fasst fasste hielt hält""".split()
FRAMED_PARTS = """zitiert deutlich klar wissen mit fest bekannt zu hin aus zusammen""".split()
# Opening the quotation's sentence: Wie X sagte, …: „…“.
AS_SAID = ["Wie"]
# Before the quotation: Laut X „…“ / Nach Angaben von X …
ACCORDING = ["laut", "zufolge"]
# Where a speaker phrase ends: a place, time or circumstance, or the particle of a
# separable verb ("räumt Gutierrez ein", "fügte sie hinzu").
PHRASE_END = [
    " ein ",
    " hinzu ",
    " klar ",
    " fest ",
    " vom ",
    " aus ",
    " am ",
    " im ",
    " in ",
    " bei ",
    " beim ",
    " auf ",
    " gegenüber ",
    " vor ",
    " nach ",
    " zu ",
    " zum ",
    " zur ",
    " dem ",
    " den ",
    " der Zeitung",
    " des ",
]
PRONOUNS = ["er", "sie", "es", "man"]
# A speaker phrase never opens with a preposition.
# ("von" is also a name's particle: "sagte von Preen".)
PREPOSITIONS = "zu zum zur mit für bei nach aus in im an am auf über unter vor um".split()
# Whether the language capitalises every noun (then what follows a name ends the phrase).
NOUNS_CAPITALISED = True
# Articles: a phrase they open is a description unless it holds a name.
ARTICLES = "der die das den dem des ein eine einer einem eines".split()
# Whether a verb may go without its subject ("“…”, subrayó.": the person quoted before).
PRO_DROP = False
# The word that opens what the speaker says, in words of the writer's ("X said that").
THAT = ["dass"]
