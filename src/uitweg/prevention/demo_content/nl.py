"""Dutch demo content: the source language of the pages."""

CONTENT = {
    "home": {
        "title": "Werken in Nederland",
        "slug": "werken-in-nederland",
        "intro": [
            ("p", "Werkt u in Nederland, of bent u dat van plan? Hier leest u wat uw rechten "
                  "zijn op het werk, hoe u uitbuiting herkent en waar u hulp krijgt. Hulp is "
                  "gratis, en kan ook anoniem."),
        ],
    },
    "rights": {
        "title": "Uw rechten op het werk",
        "slug": "uw-rechten",
        "summary": "Loon, werktijden, uw loonstrook, inhoudingen, uw paspoort, ziekte, "
                   "zorgverzekering, uitzendbureaus en huisvesting.",
        "body": [
            ("h2", "Minimumloon en vakantiegeld"),
            ("p", "Vanaf 21 jaar hebt u recht op minstens het wettelijk minimumloon per uur. "
                  "Het bedrag verandert op 1 januari en 1 juli: kijk voor het actuele bedrag "
                  "op rijksoverheid.nl. Boven op uw loon bouwt u minstens 8% vakantiegeld op, "
                  "en per jaar minstens vier keer uw wekelijkse werkuren aan betaalde "
                  "vakantie."),
            ("h2", "Werktijden"),
            ("p", "U mag per dienst hoogstens 12 uur werken en in één week hoogstens 60 uur. "
                  "Over 16 weken mag het gemiddelde niet hoger zijn dan 48 uur per week. "
                  "Tussen twee diensten hebt u recht op minstens 11 uur rust, en na 5,5 uur "
                  "werken op een pauze van minstens 30 minuten."),
            ("h2", "Uw loonstrook"),
            ("p", "Uw werkgever moet u een loonstrook geven: bij de eerste betaling en elke "
                  "keer als er iets verandert. Daarop staan uw uren, uw bruto- en nettoloon, "
                  "het vakantiegeld en elke inhouding. Het minimumloon moet op een "
                  "bankrekening worden betaald, niet contant."),
            ("h2", "Inhoudingen voor huisvesting en verzekering"),
            ("p", "Uw werkgever mag huisvesting en zorgverzekering alleen van het minimumloon "
                  "inhouden als u daar schriftelijk mee hebt ingestemd, en alleen tot een "
                  "wettelijk maximum: hoogstens 25% van het minimumloon voor huisvesting en "
                  "hoogstens 10% voor de zorgverzekering. Boetes, vervoer, werkkleding of geld "
                  "voor het vinden van de baan mogen niet van uw minimumloon af."),
            ("h2", "Uw paspoort en identiteitskaart houdt u zelf"),
            ("p", "Uw werkgever mag een kopie van uw identiteitsbewijs maken om te controleren "
                  "wie u bent, maar mag uw paspoort of identiteitskaart niet houden. Niemand "
                  "mag uw documenten als onderpand houden."),
            ("h2", "Als u ziek bent"),
            ("p", "Meld u ziek bij uw werkgever zoals afgesproken. Meestal betaalt uw "
                  "werkgever minstens 70% van uw loon door. Eindigt uw uitzendcontract omdat u "
                  "ziek bent, dan kunt u een ziektewetuitkering aanvragen bij UWV."),
            ("h2", "Zorgverzekering"),
            ("p", "Als u in Nederland werkt, moet u meestal een Nederlandse "
                  "basiszorgverzekering afsluiten. U mag zelf uw verzekeraar kiezen; uw "
                  "werkgever mag er een aanbieden, maar mag u niet verplichten."),
            ("h2", "Uitzendbureaus"),
            ("p", "Een uitzendbureau moet bij de Kamer van Koophandel (KVK) als uitzendbureau "
                  "ingeschreven staan. Veel uitzendbureaus hebben het SNA-keurmerk; er komt "
                  "een verplicht toelatingsstelsel voor uitzendbureaus. Een uitzendbureau mag "
                  "u geen geld vragen voor het vinden van werk."),
            ("h2", "Huisvesting via het werk"),
            ("p", "Vraag om een schriftelijk huurcontract, los van uw arbeidscontract, en "
                  "bewaar bewijs van alles wat u betaalt. Verliest u uw baan, dan hoeft u niet "
                  "te accepteren dat u dezelfde dag op straat wordt gezet: vraag meteen om "
                  "advies."),
        ],
    },
    "help": {
        "title": "Signalen van uitbuiting en waar u hulp krijgt",
        "slug": "signalen-en-hulp",
        "summary": "Hoe u uitbuiting herkent, en wie u helpt — gratis, in uw taal en als u "
                   "wilt anoniem.",
        "body": [
            ("h2", "Signalen van uitbuiting"),
            ("ul", [
                "Iemand houdt uw paspoort of identiteitskaart.",
                "U hebt een schuld bij uw werkgever, uitzendbureau of verhuurder die u nooit "
                "kunt afbetalen.",
                "U verdient veel minder dan het minimumloon, of u krijgt helemaal niet "
                "betaald.",
                "U verliest uw bed als u uw baan verliest, of als u klaagt.",
                "U of uw familie wordt bedreigd.",
                "U bent niet vrij om het werk of het huis te verlaten.",
                "U moet heel lange dagen werken zonder rust.",
            ]),
            ("p", "Eén signaal betekent niet altijd uitbuiting. Meerdere signalen samen zijn "
                  "een reden om advies te vragen."),
            ("h2", "Waar u hulp krijgt"),
            ("p", "FairWork geeft gratis en vertrouwelijk advies aan werknemers, ook in uw "
                  "eigen taal: fairwork.nu."),
            ("p", "De Nederlandse Arbeidsinspectie controleert werkgevers. U kunt daar een "
                  "melding doen, ook anoniem: bel 0800-5151 of ga naar "
                  "nlarbeidsinspectie.nl."),
            ("p", "De politie: in gevaar, bel 112. Geen spoed: bel 0900-8844. Anoniem een "
                  "misdaad melden: Meld Misdaad Anoniem, 0800-7000."),
            ("p", "Op deze website kunt u uitbuiting anoniem melden, zonder account. Jongeren "
                  "kunnen anoniem met ons chatten."),
        ],
    },
    "selfcheck": {
        "title": "Check uw werksituatie",
        "slug": "check-uw-werksituatie",
        "intro": [
            ("p", "Beantwoord 13 korte vragen over uw werk en uw huisvesting. Aan het eind "
                  "ziet u of er signalen van uitbuiting zijn en wat u kunt doen."),
        ],
        "questions": [
            ("Houdt uw werkgever, uitzendbureau of verhuurder uw paspoort of "
             "identiteitskaart?", ""),
            ("Hebt u een schuld bij uw werkgever, uitzendbureau of verhuurder die steeds "
             "groter wordt of die u niet kunt afbetalen?",
             "Bijvoorbeeld voor de reis, de huisvesting of het vinden van de baan."),
            ("Verdient u veel minder dan het minimumloon, of komt uw loon vaak te laat of "
             "niet?", ""),
            ("Worden er kosten van uw loon afgehaald waar u niet schriftelijk mee hebt "
             "ingestemd?", "Bijvoorbeeld boetes, vervoer of geld voor de baan."),
            ("Is het werk, het loon of de huisvesting heel anders dan u was beloofd?", ""),
            ("Werkt u zonder schriftelijk contract, of krijgt u geen loonstroken?", ""),
            ("Werkt u vaak meer dan 12 uur per dag of 60 uur per week, of zonder vrije "
             "dagen?", ""),
            ("Wordt u of uw familie bedreigd, bijvoorbeeld met geweld of met aangifte bij de "
             "politie?", ""),
            ("Heeft iemand u geslagen, pijn gedaan of seksueel misbruikt op het werk of waar "
             "u woont?", ""),
            ("Bent u niet vrij om het werk of het huis te verlaten, of om in uw vrije tijd te "
             "gaan waar u wilt?", ""),
            ("Wordt u bij andere mensen weggehouden, of wordt uw telefoon afgepakt of "
             "gecontroleerd?", ""),
            ("Verliest u uw bed als u uw baan verliest of als u klaagt?", ""),
            ("Is de huisvesting onveilig of overvol, of is het werk gevaarlijk zonder "
             "bescherming?", ""),
        ],
        "result_none": [
            ("p", "Uit uw antwoorden zien wij geen signalen van uitbuiting. Fijn om te horen. "
                  "Bewaar uw loonstroken en uw contract, en lees over uw rechten."),
            ("p", "Verandert er iets op uw werk? Doe de check opnieuw, of vraag FairWork om "
                  "advies."),
        ],
        "result_some": [
            ("p", "Een deel van uw antwoorden geeft reden tot zorg. Het hoeft geen uitbuiting "
                  "te zijn, maar u hoeft het niet te accepteren."),
            ("p", "Vraag FairWork om gratis en vertrouwelijk advies (fairwork.nu). U kunt de "
                  "werkgever ook melden bij de Nederlandse Arbeidsinspectie, als u wilt "
                  "anoniem."),
        ],
        "result_signs": [
            ("p", "Uw antwoorden laten signalen van uitbuiting zien. Dit is niet uw schuld, "
                  "en u kunt hulp krijgen — ook als u geen papieren hebt of geld schuldig "
                  "bent."),
            ("p", "In gevaar? Bel 112. Voor advies: neem contact op met FairWork "
                  "(fairwork.nu). U kunt ook anoniem melden op deze website."),
        ],
    },
}
