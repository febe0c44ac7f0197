"""Easy-read Dutch (B1): short sentences, common words, one idea per sentence."""

CONTENT = {
    "home": {
        "title": "Werken in Nederland (makkelijk lezen)",
        "slug": "werken-in-nederland-makkelijk",
        "intro": [
            ("p", "Werkt u in Nederland? Of wilt u hier gaan werken? Hier leest u wat uw "
                  "rechten zijn. U leest ook wanneer werk niet goed is. En waar u hulp krijgt. "
                  "Hulp is gratis. U hoeft uw naam niet te zeggen."),
        ],
    },
    "rights": {
        "title": "Dit zijn uw rechten op het werk",
        "slug": "uw-rechten",
        "summary": "Over loon, werktijden, loonstrook, geld dat de baas inhoudt, uw paspoort, "
                   "ziek zijn, verzekering, uitzendbureaus en wonen.",
        "body": [
            ("h2", "Loon en vakantiegeld"),
            ("p", "Bent u 21 jaar of ouder? Dan krijgt u minstens het minimumloon per uur. Het "
                  "bedrag verandert twee keer per jaar. U vindt het bedrag op "
                  "rijksoverheid.nl. U krijgt ook vakantiegeld: minstens 8% extra. En u hebt "
                  "recht op vrije dagen met loon."),
            ("h2", "Hoe lang u werkt"),
            ("p", "U werkt niet meer dan 12 uur op een dag. En niet meer dan 60 uur in een "
                  "week. Na een dienst hebt u minstens 11 uur rust. Werkt u langer dan 5,5 "
                  "uur? Dan hebt u een pauze van een half uur."),
            ("h2", "Uw loonstrook"),
            ("p", "U krijgt een loonstrook van uw baas. Daarop staat hoeveel uur u werkte. En "
                  "hoeveel geld u krijgt. En welk geld de baas inhoudt. Uw loon komt op uw "
                  "bankrekening. Niet in contant geld."),
            ("h2", "Geld dat de baas inhoudt"),
            ("p", "Uw baas mag alleen geld inhouden voor wonen en voor de zorgverzekering. "
                  "Dat mag alleen als u dat op papier goed vond. En het mag niet te veel zijn. "
                  "Boetes, reiskosten of geld voor de baan mag de baas niet inhouden."),
            ("h2", "Uw paspoort is van u"),
            ("p", "Uw baas mag een kopie maken van uw paspoort. Maar uw baas mag uw paspoort "
                  "niet houden. Ook niemand anders mag uw paspoort houden."),
            ("h2", "Als u ziek bent"),
            ("p", "Bent u ziek? Zeg dat op tijd tegen uw baas. Meestal krijgt u dan nog "
                  "minstens 70% van uw loon. Stopt uw werk omdat u ziek bent? Dan kunt u geld "
                  "vragen bij UWV."),
            ("h2", "Zorgverzekering"),
            ("p", "Werkt u in Nederland? Dan hebt u meestal een Nederlandse zorgverzekering "
                  "nodig. U mag zelf kiezen welke. Uw baas mag u niet dwingen."),
            ("h2", "Uitzendbureaus"),
            ("p", "Een goed uitzendbureau staat ingeschreven bij de KVK. Veel bureaus hebben "
                  "het SNA-keurmerk. Een uitzendbureau mag geen geld van u vragen om werk te "
                  "vinden."),
            ("h2", "Wonen via uw werk"),
            ("p", "Vraag om een huurcontract op papier. Dat is een ander papier dan uw "
                  "werkcontract. Bewaar bewijs van wat u betaalt. Raakt u uw werk kwijt? Dan "
                  "mag u niet zomaar op straat worden gezet. Vraag meteen om hulp."),
        ],
    },
    "help": {
        "title": "Wanneer is werk niet goed, en waar krijgt u hulp?",
        "slug": "signalen-en-hulp",
        "summary": "Zo ziet u dat er iets mis is. En zo krijgt u hulp. Gratis en zonder uw "
                   "naam als u dat wilt.",
        "body": [
            ("h2", "Hier ziet u dat er iets mis is"),
            ("ul", [
                "Iemand anders houdt uw paspoort.",
                "U moet geld terugbetalen aan uw baas, en de schuld wordt nooit minder.",
                "U krijgt veel minder dan het minimumloon. Of u krijgt geen loon.",
                "U raakt uw bed kwijt als u uw werk kwijtraakt. Of als u klaagt.",
                "Iemand bedreigt u of uw familie.",
                "U mag niet weg van het werk of uit het huis.",
                "U moet heel lang werken zonder rust.",
            ]),
            ("p", "Ziet u één ding uit deze lijst? Dat hoeft niet meteen uitbuiting te zijn. "
                  "Ziet u meer dingen? Vraag dan om advies."),
            ("h2", "Hier krijgt u hulp"),
            ("p", "FairWork helpt werknemers. Gratis en in uw eigen taal. Kijk op "
                  "fairwork.nu."),
            ("p", "De Nederlandse Arbeidsinspectie controleert bazen. U kunt daar iets melden. "
                  "Dat kan ook zonder uw naam. Bel 0800-5151 of kijk op "
                  "nlarbeidsinspectie.nl."),
            ("p", "Bent u in gevaar? Bel 112. Geen spoed? Bel de politie: 0900-8844. Of bel "
                  "Meld Misdaad Anoniem: 0800-7000."),
            ("p", "Op deze website kunt u uitbuiting melden. U hoeft uw naam niet te geven. "
                  "Jongeren kunnen met ons chatten."),
        ],
    },
    "selfcheck": {
        "title": "Check uw werk",
        "slug": "check-uw-werksituatie",
        "intro": [
            ("p", "Beantwoord 13 korte vragen. Dan ziet u of er iets mis is met uw werk. En "
                  "wat u kunt doen."),
        ],
        "questions": [
            ("Houdt iemand anders uw paspoort of ID-kaart?", ""),
            ("Moet u geld terugbetalen aan uw baas, het uitzendbureau of de verhuurder? En "
             "wordt de schuld nooit minder?", "Bijvoorbeeld voor de reis, het huis of de "
             "baan."),
            ("Krijgt u veel minder dan het minimumloon? Of krijgt u uw loon vaak te laat of "
             "niet?", ""),
            ("Houdt uw baas geld in zonder dat u op papier ja zei?", "Bijvoorbeeld boetes, "
             "reiskosten of geld voor de baan."),
            ("Is het werk, het loon of het huis heel anders dan was beloofd?", ""),
            ("Werkt u zonder contract op papier? Of krijgt u geen loonstrook?", ""),
            ("Werkt u vaak meer dan 12 uur op een dag of 60 uur in een week? Of hebt u geen "
             "vrije dagen?", ""),
            ("Bedreigt iemand u of uw familie? Bijvoorbeeld met geweld of met de politie?", ""),
            ("Heeft iemand u geslagen, pijn gedaan of seksueel misbruikt?", ""),
            ("Mag u niet weg van het werk of uit het huis? Of mag u in uw vrije tijd niet "
             "gaan waar u wilt?", ""),
            ("Mag u geen andere mensen zien? Of pakt iemand uw telefoon af?", ""),
            ("Raakt u uw bed kwijt als u uw werk kwijtraakt of als u klaagt?", ""),
            ("Is het huis onveilig of te vol? Of is het werk gevaarlijk?", ""),
        ],
        "result_none": [
            ("p", "Wij zien geen tekenen van uitbuiting. Dat is goed. Bewaar uw loonstroken "
                  "en uw contract."),
            ("p", "Verandert er iets op uw werk? Doe de check dan nog een keer. Of vraag "
                  "FairWork om advies."),
        ],
        "result_some": [
            ("p", "Sommige antwoorden zijn niet goed. Het is misschien geen uitbuiting. Maar "
                  "u hoeft het niet te accepteren."),
            ("p", "Vraag FairWork om advies. Dat is gratis (fairwork.nu). U kunt ook een "
                  "melding doen bij de Nederlandse Arbeidsinspectie. Dat kan zonder uw naam."),
        ],
        "result_signs": [
            ("p", "Uw antwoorden laten tekenen van uitbuiting zien. Het is niet uw schuld. U "
                  "kunt hulp krijgen. Ook als u geen papieren hebt of geld schuldig bent."),
            ("p", "Bent u in gevaar? Bel 112. Wilt u advies? Neem contact op met FairWork "
                  "(fairwork.nu). U kunt ook melden op deze website, zonder uw naam."),
        ],
    },
}
