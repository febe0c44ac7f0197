"""Romanian demo content."""

CONTENT = {
    "home": {
        "title": "Munca în Țările de Jos",
        "slug": "munca-in-tarile-de-jos",
        "intro": [
            ("p", "Lucrezi în Țările de Jos sau vrei să lucrezi aici? Aici afli ce drepturi ai "
                  "la muncă, care sunt semnele exploatării și unde primești ajutor. Ajutorul "
                  "este gratuit și îl poți primi și anonim."),
        ],
    },
    "rights": {
        "title": "Drepturile tale la muncă",
        "slug": "drepturile-tale",
        "summary": "Salariu, program de lucru, fluturaș de salariu, rețineri, pașaport, boală, "
                   "asigurare de sănătate, agenții de muncă și locuință.",
        "body": [
            ("h2", "Salariul minim și indemnizația de concediu"),
            ("p", "De la 21 de ani ai dreptul la cel puțin salariul minim legal pe oră. Suma se "
                  "schimbă la 1 ianuarie și la 1 iulie: verifică suma actuală pe "
                  "government.nl. Pe lângă salariu acumulezi cel puțin 8% indemnizație de "
                  "concediu și, pe an, concediu plătit de cel puțin patru ori numărul de ore "
                  "pe care le lucrezi într-o săptămână."),
            ("h2", "Programul de lucru"),
            ("p", "Poți lucra cel mult 12 ore pe tură și cel mult 60 de ore într-o săptămână. "
                  "Pe 16 săptămâni, media nu poate depăși 48 de ore pe săptămână. Între două "
                  "ture ai dreptul la cel puțin 11 ore de odihnă, iar după 5,5 ore de muncă la "
                  "o pauză de cel puțin 30 de minute."),
            ("h2", "Fluturașul de salariu"),
            ("p", "Angajatorul trebuie să îți dea un fluturaș de salariu (loonstrook): la prima "
                  "plată și de fiecare dată când se schimbă ceva. Pe el apar orele, salariul "
                  "brut și net, indemnizația de concediu și fiecare reținere. Salariul minim "
                  "trebuie plătit într-un cont bancar, nu în numerar."),
            ("h2", "Rețineri pentru locuință și asigurare"),
            ("p", "Angajatorul poate reține din salariul minim costul locuinței și al "
                  "asigurării de sănătate doar dacă ai fost de acord în scris și doar până la "
                  "o limită legală: cel mult 25% din salariul minim pentru locuință și cel mult "
                  "10% pentru asigurarea de sănătate. Amenzile, transportul, hainele de lucru "
                  "sau o taxă pentru găsirea locului de muncă nu pot fi reținute din salariul "
                  "minim."),
            ("h2", "Pașaportul și buletinul rămân la tine"),
            ("p", "Angajatorul poate face o copie a actului tău de identitate ca să verifice "
                  "cine ești, dar nu are voie să îți păstreze pașaportul sau buletinul. Nimeni "
                  "nu are voie să îți țină actele drept garanție."),
            ("h2", "Când ești bolnav"),
            ("p", "Anunță-ți angajatorul că ești bolnav, așa cum ați stabilit. De obicei "
                  "angajatorul continuă să plătească cel puțin 70% din salariu. Dacă "
                  "contractul cu agenția se încheie pentru că ești bolnav, poți cere "
                  "indemnizație de boală de la UWV."),
            ("h2", "Asigurarea de sănătate"),
            ("p", "Dacă lucrezi în Țările de Jos, de obicei trebuie să ai asigurarea de bază "
                  "olandeză de sănătate. Îți poți alege singur asiguratorul; angajatorul îți "
                  "poate oferi una, dar nu te poate obliga."),
            ("h2", "Agențiile de muncă"),
            ("p", "O agenție de muncă trebuie să fie înregistrată ca agenție la Camera de "
                  "Comerț (KVK). Multe agenții au certificarea SNA; se introduce un sistem "
                  "obligatoriu de autorizare a agențiilor. O agenție nu are voie să îți ceară "
                  "bani pentru că ți-a găsit de lucru."),
            ("h2", "Locuința legată de locul de muncă"),
            ("p", "Cere un contract de închiriere scris, separat de contractul de muncă, și "
                  "păstrează dovada a tot ce plătești. Dacă îți pierzi locul de muncă, nu "
                  "trebuie să accepți să fii dat afară în aceeași zi: cere imediat sfaturi."),
        ],
    },
    "help": {
        "title": "Semnele exploatării și unde primești ajutor",
        "slug": "semne-si-ajutor",
        "summary": "Cum recunoști exploatarea și cine te ajută — gratuit, în limba ta și, "
                   "dacă vrei, anonim.",
        "body": [
            ("h2", "Semnele exploatării"),
            ("ul", [
                "Cineva îți ține pașaportul sau buletinul.",
                "Ai o datorie la angajator, agenție sau proprietar pe care nu o poți plăti "
                "niciodată.",
                "Câștigi mult mai puțin decât salariul minim sau nu ești plătit deloc.",
                "Îți pierzi patul dacă îți pierzi locul de muncă sau dacă te plângi.",
                "Tu sau familia ta sunteți amenințați.",
                "Nu ești liber să pleci de la muncă sau din casă.",
                "Trebuie să lucrezi zile foarte lungi fără odihnă.",
            ]),
            ("p", "Un singur semn nu înseamnă întotdeauna exploatare. Mai multe semne împreună "
                  "sunt un motiv să ceri sfaturi."),
            ("h2", "Unde primești ajutor"),
            ("p", "FairWork oferă lucrătorilor sfaturi gratuite și confidențiale, și în limba "
                  "ta: fairwork.nu."),
            ("p", "Inspecția Muncii din Țările de Jos (Nederlandse Arbeidsinspectie) "
                  "controlează angajatorii. Poți face o sesizare, și anonim: sună la 0800-5151 "
                  "sau intră pe nlarbeidsinspectie.nl."),
            ("p", "Poliția: dacă ești în pericol, sună la 112. Dacă nu e o urgență: "
                  "0900-8844. Pentru a raporta anonim o infracțiune: Meld Misdaad Anoniem, "
                  "0800-7000."),
            ("p", "Pe acest site poți raporta anonim exploatarea, fără cont. Tinerii pot "
                  "vorbi anonim cu noi pe chat."),
        ],
    },
    "selfcheck": {
        "title": "Verifică-ți situația la muncă",
        "slug": "verifica-situatia",
        "intro": [
            ("p", "Răspunde la 13 întrebări scurte despre muncă și locuință. La final vezi "
                  "dacă există semne de exploatare și ce poți face."),
        ],
        "questions": [
            ("Îți ține angajatorul, agenția sau proprietarul pașaportul sau buletinul?", ""),
            ("Ai o datorie la angajator, agenție sau proprietar care tot crește sau pe care "
             "nu o poți plăti?", "De exemplu pentru drum, locuință sau găsirea locului de "
             "muncă."),
            ("Câștigi mult mai puțin decât salariul minim sau salariul vine des cu întârziere "
             "ori deloc?", ""),
            ("Ți se rețin din salariu costuri cu care nu ai fost de acord în scris?",
             "De exemplu amenzi, transport sau o taxă pentru loc de muncă."),
            ("Munca, salariul sau locuința sunt foarte diferite de ce ți s-a promis?", ""),
            ("Lucrezi fără contract scris sau nu primești fluturași de salariu?", ""),
            ("Lucrezi des mai mult de 12 ore pe zi sau 60 de ore pe săptămână, ori fără zile "
             "libere?", ""),
            ("Ești amenințat tu sau familia ta, de exemplu cu violență sau cu denunțarea la "
             "poliție?", ""),
            ("Te-a lovit, rănit sau abuzat sexual cineva la muncă sau acolo unde locuiești?",
             ""),
            ("Nu ești liber să pleci de la muncă sau din casă, ori să mergi unde vrei în "
             "timpul liber?", ""),
            ("Ești ținut departe de alți oameni sau ți se ia ori ți se verifică telefonul?",
             ""),
            ("Îți pierzi patul dacă îți pierzi locul de muncă sau dacă te plângi?", ""),
            ("Locuința este nesigură sau supraaglomerată, ori munca este periculoasă și fără "
             "protecție?", ""),
        ],
        "result_none": [
            ("p", "Din răspunsurile tale nu vedem semne de exploatare. Ne bucurăm. Păstrează "
                  "fluturașii de salariu și contractul și citește despre drepturile tale."),
            ("p", "Se schimbă ceva la muncă? Fă din nou verificarea sau cere sfaturi de la "
                  "FairWork."),
        ],
        "result_some": [
            ("p", "Unele dintre răspunsurile tale sunt un motiv de îngrijorare. Poate nu este "
                  "exploatare, dar nu trebuie să accepți asta."),
            ("p", "Cere sfaturi gratuite și confidențiale de la FairWork (fairwork.nu). Poți "
                  "și să raportezi angajatorul la Inspecția Muncii din Țările de Jos, anonim "
                  "dacă vrei."),
        ],
        "result_signs": [
            ("p", "Răspunsurile tale arată semne de exploatare. Nu este vina ta și poți primi "
                  "ajutor — chiar dacă nu ai acte sau ai datorii."),
            ("p", "Ești în pericol? Sună la 112. Pentru sfaturi, contactează FairWork "
                  "(fairwork.nu). Poți raporta și anonim pe acest site."),
        ],
    },
}
