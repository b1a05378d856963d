"""French reporting patterns: the verbs and words that credit a quotation."""

from __future__ import annotations

# After the quotation: « … », a déclaré X / « … », explique X / « … », déclare-t-il.
VERBS = """dit déclaré déclare affirmé affirme expliqué explique indiqué indique estimé estime
ajouté ajoute souligné souligne précisé précise assuré assure annoncé annonce confié confie
lancé lance martelé martèle insisté insiste répondu répond reconnu reconnaît rappelé rappelle
prévenu prévient averti avertit jugé juge raconté raconte déploré déplore dénoncé dénonce
regretté regrette plaidé plaide réagi réagit commenté commente ironisé ironise tranché tranche
résumé résume poursuivi poursuit conclu conclut admis admet écrit écrivait tweeté
détaillé détaille soufflé souffle glissé glisse lâché lâche noté note observé observe avoué
avoue nuancé nuance considéré considère analysé analyse signalé signale relevé relève
renchéri renchérit complété complète témoigné témoigne disait expliquait ajoutait
soupiré soupire sourit souri s’indigne s'indigne s’agace s'agace s’exclame s'exclame
s’inquiète s'inquiète
""".split()
# Auxiliaries between the comma and the participle: « … », a déclaré X.
AUXILIARIES = ["a", "avait", "ont", "avaient", "aurait"]
# Before the quotation: Selon X, « … » / D'après X, « … ».
ACCORDING = ["selon", "d'après", "d’après", "pour"]
# Where a speaker phrase ends.
PHRASE_END = [
    " à ",
    " au ",
    " aux ",
    " lors ",
    " dans ",
    " devant ",
    " sur ",
    " lundi",
    " mardi",
    " mercredi",
    " jeudi",
    " vendredi",
    " samedi",
    " dimanche",
    " en ",
]
PRONOUNS = ["il", "elle", "ils", "elles", "on"]
# A speaker phrase never opens with a preposition.
# ("de" is also a name's particle: "de Villepin".)
PREPOSITIONS = "à au aux pour avec sur dans par".split()
# Whether the language capitalises every noun (then what follows a name ends the phrase).
NOUNS_CAPITALISED = False
# Articles: a phrase they open is a description unless it holds a name ...
ARTICLES = "le la les l un une du".split()
# ... and other determiners, which no more than articles are given names.
DETERMINERS = "ce cette ces son sa ses".split()
# Whether a verb may go without its subject ("“…”, subrayó.": the person quoted before).
PRO_DROP = False
# The word that opens what the speaker says, in words of the writer's ("X said that").
THAT = ["que", "qu’", "qu'"]
