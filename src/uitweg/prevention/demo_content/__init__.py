"""Demo content of the prevention pages, written for this project (issue 11), in eight languages.

Every language module has the same structure (``CONTENT``): the same pages, the same blocks in
the same order, so the demo loader can translate the Dutch source through wagtail-localize's
own PO route (:mod:`uitweg.prevention.demo`). Facts: Dutch law as of 2026; amounts that change
twice a year are not given (the text points to government.nl / rijksoverheid.nl).
"""

from importlib import import_module

#: (indicator code, weight, decisive) per question, in the order of every language's questions.
QUESTIONS = [
    ("retention_of_documents", 3, True),
    ("debt_bondage", 3, False),
    ("withholding_of_wages", 2, False),
    ("withholding_of_wages", 2, False),
    ("deception", 2, False),
    ("deception", 1, False),
    ("excessive_overtime", 2, False),
    ("intimidation_threats", 3, True),
    ("physical_sexual_violence", 3, True),
    ("restriction_of_movement", 3, True),
    ("isolation", 2, False),
    ("abuse_of_vulnerability", 1, False),
    ("abusive_conditions", 1, False),
]
SOME_FROM, SIGNS_FROM = 1, 5
#: Module per locale.
LANGUAGES = {"nl": "nl", "nl-b1": "nl_b1", "en": "en", "pl": "pl", "ro": "ro", "bg": "bg",
             "uk": "uk", "ar": "ar"}


def content(language: str) -> dict:
    return import_module(f"{__name__}.{LANGUAGES[language]}").CONTENT
