"""Portuguese reporting patterns: the verbs and words that credit a quotation."""

from __future__ import annotations

# After the quotation: "…", disse X / "…", afirmou o ministro X / "…", declarou.
VERBS = """disse diz dizia disseram dizem afirmou afirma afirmava afirmaram explicou explica
explicava explicaram declarou declara declararam ressaltou ressalta destacou destaca
apontou aponta acrescentou acrescenta informou informa informaram salientou salienta
assegurou assegura garantiu garante observou observa comentou comenta completou completa
concluiu conclui contou conta relatou relata lembrou lembra reconheceu reconhece admitiu
admite respondeu responde criticou critica defendeu defende alertou alerta avaliou avalia
enfatizou enfatiza reforçou reforça ponderou pondera argumentou argumenta sustentou
escreveu escreve publicou anunciou anuncia prometeu promete pediu pede cobrou cobra
denunciou denuncia lamentou lamenta advertiu adverte frisou frisa sublinhou sublinha
detalhou detalha indicou indica esclareceu esclarece opinou opina considerou considera
dito afirmado declarado""".split()
# Auxiliaries before a participle: "…", tem dito X; rare in news copy.
AUXILIARIES = ["tem", "tinha", "havia"]
# Before the quotation: Segundo X, "…" / De acordo com X, "…" / Para X, "…".
ACCORDING = ["segundo", "de acordo com", "conforme", "para"]
# Where a speaker phrase ends: a place, time or circumstance.
PHRASE_END = [
    " em ",
    " no ",
    " na ",
    " nos ",
    " nas ",
    " ao ",
    " à ",
    " durante ",
    " após ",
    " nesta ",
    " neste ",
    " ontem",
    " hoje",
    " segunda-feira",
    " terça-feira",
    " quarta-feira",
    " quinta-feira",
    " sexta-feira",
    " sábado",
    " domingo",
    " com ",
    " sobre ",
    " por ",
    " pelo ",
    " pela ",
]
PRONOUNS = ["ele", "ela", "eles", "elas"]
# A speaker phrase never opens with a preposition.
PREPOSITIONS = "a ao à em no na com sobre por pelo pela para após desde".split()
# Whether the language capitalises every noun (then what follows a name ends the phrase).
NOUNS_CAPITALISED = False
# Articles: a phrase they open is a description unless it holds a name ...
ARTICLES = "o a os as um uma uns umas".split()
# ... and other determiners, which no more than articles are given names.
DETERMINERS = "este esta estes estas esse essa seu sua seus suas".split()
# Whether a verb may go without its subject ("“…”, subrayó.": the person quoted before).
PRO_DROP = True
# The word that opens what the speaker says, in words of the writer's ("X said that").
THAT = ["que"]
