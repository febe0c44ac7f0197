"""Polish demo content."""

CONTENT = {
    "home": {
        "title": "Praca w Holandii",
        "slug": "praca-w-holandii",
        "intro": [
            ("p", "Pracujesz w Holandii albo planujesz tu pracować? Tutaj przeczytasz o swoich "
                  "prawach w pracy, o sygnałach wyzysku i o tym, gdzie szukać pomocy. Pomoc "
                  "jest bezpłatna i możesz z niej skorzystać anonimowo."),
        ],
    },
    "rights": {
        "title": "Twoje prawa w pracy",
        "slug": "twoje-prawa",
        "summary": "Wynagrodzenie, czas pracy, odcinek wypłaty, potrącenia, paszport, "
                   "choroba, ubezpieczenie zdrowotne, agencje pracy i zakwaterowanie.",
        "body": [
            ("h2", "Płaca minimalna i dodatek urlopowy"),
            ("p", "Od 21. roku życia masz prawo do co najmniej ustawowej płacy minimalnej za "
                  "godzinę. Kwota zmienia się 1 stycznia i 1 lipca: aktualną kwotę sprawdzisz "
                  "na government.nl. Oprócz wynagrodzenia należy ci się co najmniej 8% "
                  "dodatku urlopowego, a w roku co najmniej tyle płatnego urlopu, ile wynosi "
                  "czterokrotność twojego tygodniowego czasu pracy."),
            ("h2", "Czas pracy"),
            ("p", "Możesz pracować najwyżej 12 godzin na jednej zmianie i najwyżej 60 godzin w "
                  "tygodniu. W okresie 16 tygodni średnia nie może przekroczyć 48 godzin "
                  "tygodniowo. Między zmianami przysługuje ci co najmniej 11 godzin "
                  "odpoczynku, a po 5,5 godzinach pracy przerwa co najmniej 30 minut."),
            ("h2", "Odcinek wypłaty"),
            ("p", "Pracodawca musi dać ci odcinek wypłaty (loonstrook): przy pierwszej wypłacie "
                  "i za każdym razem, gdy coś się zmienia. Widać na nim godziny, wynagrodzenie "
                  "brutto i netto, dodatek urlopowy i każde potrącenie. Płaca minimalna musi "
                  "być wypłacana na konto bankowe, nie gotówką."),
            ("h2", "Potrącenia za mieszkanie i ubezpieczenie"),
            ("p", "Pracodawca może potrącić z płacy minimalnej koszty mieszkania i "
                  "ubezpieczenia zdrowotnego tylko za twoją pisemną zgodą i tylko do limitu "
                  "ustawowego: najwyżej 25% płacy minimalnej za mieszkanie i najwyżej 10% za "
                  "ubezpieczenie zdrowotne. Kar, transportu, odzieży roboczej ani opłaty za "
                  "znalezienie pracy nie wolno potrącać z płacy minimalnej."),
            ("h2", "Paszport i dowód osobisty zostają u ciebie"),
            ("p", "Pracodawca może zrobić kopię twojego dokumentu, aby sprawdzić, kim jesteś, "
                  "ale nie może zatrzymać twojego paszportu ani dowodu osobistego. Nikt nie "
                  "może trzymać twoich dokumentów jako zabezpieczenia."),
            ("h2", "Gdy jesteś chory"),
            ("p", "Zgłoś chorobę pracodawcy tak, jak zostało to ustalone. Zwykle pracodawca "
                  "nadal wypłaca co najmniej 70% wynagrodzenia. Jeśli umowa z agencją kończy "
                  "się z powodu choroby, możesz złożyć wniosek o zasiłek chorobowy w UWV."),
            ("h2", "Ubezpieczenie zdrowotne"),
            ("p", "Jeśli pracujesz w Holandii, zwykle musisz wykupić holenderskie podstawowe "
                  "ubezpieczenie zdrowotne. Możesz sam wybrać ubezpieczyciela; pracodawca może "
                  "zaproponować ubezpieczenie, ale nie może cię do niego zmusić."),
            ("h2", "Agencje pracy"),
            ("p", "Agencja pracy musi być zarejestrowana jako agencja w Izbie Handlowej (KVK). "
                  "Wiele agencji ma certyfikat SNA; wprowadzany jest obowiązkowy system "
                  "dopuszczenia agencji. Agencja nie może pobierać od ciebie opłaty za "
                  "znalezienie pracy."),
            ("h2", "Mieszkanie związane z pracą"),
            ("p", "Poproś o pisemną umowę najmu, oddzielną od umowy o pracę, i zachowuj "
                  "dowody wszystkich płatności. Jeśli stracisz pracę, nie musisz godzić się na "
                  "wyrzucenie na ulicę tego samego dnia: od razu poproś o poradę."),
        ],
    },
    "help": {
        "title": "Sygnały wyzysku i gdzie szukać pomocy",
        "slug": "sygnaly-i-pomoc",
        "summary": "Jak rozpoznać wyzysk i kto ci pomoże — bezpłatnie, w twoim języku i, "
                   "jeśli chcesz, anonimowo.",
        "body": [
            ("h2", "Sygnały wyzysku"),
            ("ul", [
                "Ktoś zatrzymuje twój paszport lub dowód osobisty.",
                "Masz dług u pracodawcy, agencji lub wynajmującego, którego nigdy nie "
                "spłacisz.",
                "Zarabiasz dużo mniej niż płaca minimalna albo nie dostajesz wypłaty.",
                "Tracisz łóżko, jeśli stracisz pracę albo jeśli się poskarżysz.",
                "Ty lub twoja rodzina dostajecie groźby.",
                "Nie możesz swobodnie opuścić pracy ani domu.",
                "Musisz pracować bardzo długo bez odpoczynku.",
            ]),
            ("p", "Jeden sygnał nie zawsze oznacza wyzysk. Kilka sygnałów naraz to powód, by "
                  "poprosić o poradę."),
            ("h2", "Gdzie szukać pomocy"),
            ("p", "FairWork udziela pracownikom bezpłatnych i poufnych porad, także w twoim "
                  "języku: fairwork.nu."),
            ("p", "Holenderska Inspekcja Pracy (Nederlandse Arbeidsinspectie) kontroluje "
                  "pracodawców. Możesz złożyć u nich zgłoszenie, także anonimowo: zadzwoń pod "
                  "0800-5151 lub wejdź na nlarbeidsinspectie.nl."),
            ("p", "Policja: w niebezpieczeństwie dzwoń pod 112. Gdy to nie nagły wypadek: "
                  "0900-8844. Anonimowe zgłoszenie przestępstwa: Meld Misdaad Anoniem, "
                  "0800-7000."),
            ("p", "Na tej stronie możesz anonimowo zgłosić wyzysk, bez zakładania konta. "
                  "Młodzi ludzie mogą z nami anonimowo czatować."),
        ],
    },
    "selfcheck": {
        "title": "Sprawdź swoją sytuację w pracy",
        "slug": "sprawdz-swoja-sytuacje",
        "intro": [
            ("p", "Odpowiedz na 13 krótkich pytań o pracę i zakwaterowanie. Na końcu zobaczysz, "
                  "czy są sygnały wyzysku i co możesz zrobić."),
        ],
        "questions": [
            ("Czy pracodawca, agencja lub wynajmujący trzyma twój paszport lub dowód "
             "osobisty?", ""),
            ("Czy masz dług u pracodawcy, agencji lub wynajmującego, który ciągle rośnie "
             "albo którego nie możesz spłacić?", "Na przykład za podróż, mieszkanie lub "
             "znalezienie pracy."),
            ("Czy zarabiasz dużo mniej niż płaca minimalna albo wypłata często się spóźnia "
             "lub jej nie ma?", ""),
            ("Czy z wypłaty potrącane są koszty, na które nie zgodziłeś się na piśmie?",
             "Na przykład kary, transport lub opłata za pracę."),
            ("Czy praca, płaca lub mieszkanie bardzo różnią się od tego, co ci obiecano?", ""),
            ("Czy pracujesz bez pisemnej umowy albo nie dostajesz odcinków wypłaty?", ""),
            ("Czy często pracujesz ponad 12 godzin dziennie lub 60 godzin tygodniowo, albo "
             "bez dni wolnych?", ""),
            ("Czy tobie lub twojej rodzinie ktoś grozi, na przykład przemocą albo "
             "zgłoszeniem na policję?", ""),
            ("Czy ktoś cię uderzył, skrzywdził lub wykorzystał seksualnie w pracy albo tam, "
             "gdzie mieszkasz?", ""),
            ("Czy nie możesz swobodnie opuścić pracy lub domu albo chodzić, gdzie chcesz, w "
             "wolnym czasie?", ""),
            ("Czy ktoś trzyma cię z dala od innych ludzi albo zabiera lub sprawdza twój "
             "telefon?", ""),
            ("Czy stracisz łóżko, jeśli stracisz pracę albo się poskarżysz?", ""),
            ("Czy mieszkanie jest niebezpieczne lub przepełnione, albo praca jest "
             "niebezpieczna i bez ochrony?", ""),
        ],
        "result_none": [
            ("p", "Z twoich odpowiedzi nie wynikają sygnały wyzysku. To dobrze. Zachowuj "
                  "odcinki wypłaty i umowę, i przeczytaj o swoich prawach."),
            ("p", "Coś się zmienia w pracy? Zrób test jeszcze raz albo poproś FairWork o "
                  "poradę."),
        ],
        "result_some": [
            ("p", "Niektóre odpowiedzi budzą niepokój. To nie musi być wyzysk, ale nie musisz "
                  "się na to godzić."),
            ("p", "Poproś FairWork o bezpłatną i poufną poradę (fairwork.nu). Możesz też "
                  "zgłosić pracodawcę do Holenderskiej Inspekcji Pracy, jeśli chcesz — "
                  "anonimowo."),
        ],
        "result_signs": [
            ("p", "Twoje odpowiedzi wskazują na sygnały wyzysku. To nie twoja wina i możesz "
                  "dostać pomoc — także jeśli nie masz dokumentów albo masz długi."),
            ("p", "Jesteś w niebezpieczeństwie? Dzwoń pod 112. Po poradę zwróć się do "
                  "FairWork (fairwork.nu). Możesz też anonimowo zgłosić sprawę na tej "
                  "stronie."),
        ],
    },
}
