"""Spanish reporting patterns: the verbs and words that credit a quotation."""

from __future__ import annotations

# After the quotation: "…", dijo X / "…", afirmó el ministro X / "…", ha dicho X.
# Preterite, present and imperfect, the forms news copy uses; plural where common.
VERBS = """dijo dice decía dijeron dicen afirmó afirma afirmaba afirmaron explicó explica
explicaba explicaron señaló señala señalaba señalaron aseguró asegura aseguraba aseguraron
indicó indica indicaron añadió añade agregó agrega agregaron declaró declara declararon
sostuvo sostiene advirtió advierte subrayó subraya destacó destaca resaltó resalta
manifestó manifiesta expresó expresa apuntó apunta comentó comenta precisó precisa
detalló detalla insistió insiste reconoció reconoce admitió admite recordó recuerda
respondió responde contestó contesta reiteró reitera enfatizó enfatiza aclaró aclara
opinó opina consideró considera estimó estima criticó critica denunció denuncia lamentó
lamenta sentenció sentencia concluyó concluye relató relata contó cuenta narró narra
escribió escribe tuiteó publicó anunció anuncia prometió promete reclamó reclama pidió
pide exigió exige alertó alerta confesó confiesa remarcó remarca puntualizó puntualiza
argumentó argumenta defendió defiende planteó plantea aseveró asevera ironizó
dicho afirmado explicado señalado asegurado indicado añadido declarado advertido subrayado
destacado manifestado expresado comentado reconocido""".split()
# Auxiliaries between the comma and the participle: "…", ha dicho X.
AUXILIARIES = ["ha", "había", "han", "habían", "habría"]
# Before the quotation: Según X, "…" / De acuerdo con X, "…".
ACCORDING = ["según", "de acuerdo con", "de acuerdo a", "para"]
# Where a speaker phrase ends: a place, time or circumstance.
PHRASE_END = [
    " en ",
    " a ",
    " al ",
    " ante ",
    " durante ",
    " tras ",
    " este ",
    " esta ",
    " ayer",
    " hoy",
    " lunes",
    " martes",
    " miércoles",
    " jueves",
    " viernes",
    " sábado",
    " domingo",
    " con ",
    " sobre ",
    " desde ",
    " mediante ",
    " por ",
]
PRONOUNS = ["él", "ella", "ellos", "ellas"]
# A speaker phrase never opens with a preposition.
PREPOSITIONS = "a al en con sobre por para ante tras desde".split()
# Whether the language capitalises every noun (then what follows a name ends the phrase).
NOUNS_CAPITALISED = False
# Articles: a phrase they open is a description unless it holds a name ...
ARTICLES = "el la los las un una unos unas".split()
# ... and other determiners, which no more than articles are given names.
DETERMINERS = "este esta estos estas ese esa su sus".split()
# Whether a verb may go without its subject ("“…”, subrayó.": the person quoted before).
PRO_DROP = True
# The word that opens what the speaker says, in words of the writer's ("X said that").
THAT = ["que"]
