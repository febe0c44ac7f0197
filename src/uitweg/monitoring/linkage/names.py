# ruff: noqa: RUF001, SIM905  (Cyrillic letters on purpose)
"""Name material for the synthetic populations (:mod:`.synthetic`): first names and surname stems
with endings, per origin, so that a population of 100,000 has realistic, not excessive,
namesakes. Cyrillic origins are written in Cyrillic and transliterated per source."""

from __future__ import annotations

ORIGINS: dict[str, dict[str, list[str]]] = {
    "nl": {
        "first": "Anna Sanne Lotte Emma Fleur Iris Femke Noor Eva Julia Daan Bram Sem Lucas "
                 "Thijs Ruben Jesse Milan Niels Joris Maartje Esther Wout Pieter Koen Lisa "
                 "Marloes Sven Stijn Tess".split(),
        "stem": "Jans Bakk Visse Smit Meije Bosm Mulde Hendrik Dekk Brouwe Dijkst Vermeul "
                "Kuipe Postm Hoekst Koste Prins Blom Huism Wijng Zwaan Schou Molena Gerrit "
                "Veldh Timme Brink Groen Haan Vos".split(),
        "end": ["", "en", "er", "ma", "sen", "ink", "stra", "huis"],
    },
    "pl": {
        "first": "Agnieszka Katarzyna Małgorzata Joanna Magdalena Ewa Zofia Łucja Marta "
                 "Beata Piotr Krzysztof Tomasz Paweł Michał Grzegorz Łukasz Jakub Wojciech "
                 "Mateusz Bartłomiej Dariusz Kamila Halina Zbigniew Aleksandra Jolanta "
                 "Przemysław Sławomir Dorota".split(),
        "stem": "Kowal Nowa Wiśniew Wójci Kamiń Lewandow Zieliń Szymań Woźniak Dąbrow "
                "Kozłow Jankow Mazur Kwiatkow Krawczy Piotrow Grabow Pawłow Michalsk Król "
                "Wieczor Jabłoń Wróbel Majew Olszew Jaworsk Malinow Górsk Rutkow Sikor".split(),
        "end": ["ski", "ska", "czyk", "ak", "ewicz", "owski", "iec", "ek"],
    },
    "ro": {
        "first": "Maria Elena Ioana Andreea Mihaela Cristina Alexandra Ana Gabriela Simona "
                 "Ion Andrei Mihai Alexandru Constantin Ștefan Florin Gheorghe Vasile Adrian "
                 "Bogdan Răzvan Cătălin Ovidiu Laurențiu Nicoleta Roxana Florentina Ionuț "
                 "Daniela".split(),
        "stem": "Pop Ionesc Dumitr Stoic Gheorgh Matei Const Stan Rus Munteanu Marin Tudor "
                "Dobr Barbu Nistor Florea Ene Dinu Toma Lupu Moldov Neagu Oprea Sandu Chiri "
                "Moraru Voicu Ciobanu Petrescu Radu".split(),
        "end": ["", "escu", "u", "ache", "eanu", "ica", "ilă", "aru"],
    },
    "bg": {
        "first": "Мария Иванка Елена Йорданка Пенка Даниела Снежана Десислава Гергана Радка "
                 "Георги Иван Димитър Николай Петър Христо Стоян Тодор Васил Младен Калоян "
                 "Живко Цветан Благовест Янко Ружа Цветелина Светлана Живка Юлия".split(),
        "stem": "Иван Петр Георги Димитр Николо Стоян Христ Тодор Илие Ангел Атанас Йорда "
                "Колев Маринов Попов Цвет Желяз Костад Стефан Жеков Чернев Шишко Щерев Янев "
                "Божил Радев Ценов Хаджи Младен Юрук".split(),
        "end": ["ов", "ова", "ев", "ева", "ски", "ска", "иев", "ин"],
    },
    "uk": {
        "first": "Олена Оксана Наталія Тетяна Юлія Ірина Світлана Людмила Ганна Катерина "
                 "Олександр Сергій Андрій Володимир Микола Дмитро Віталій Юрій Богдан Тарас "
                 "Євген Ярослав Олексій Максим Валентина Ольга Зоряна Христина Василь "
                 "Григорій".split(),
        "stem": "Шевч Коваль Бондар Ткач Кравч Олійн Шевчук Поліщ Лисен Гончар Руден Мороз "
                "Марченк Левчен Савчен Мельн Петрен Захарч Кузьм Павлен Ярош Клименк Гуменю "
                "Федорч Щербак Харчен Жук Литвин Бойк Остапч".split(),
        "end": ["енко", "ук", "ко", "ник", "юк", "ич", "ишин", "овський"],
    },
    "ng": {
        "first": "Blessing Joy Esther Precious Faith Gift Mercy Favour Patience Comfort "
                 "Chinedu Emeka Oluwaseun Tunde Ifeanyi Chukwuemeka Babatunde Adebayo Segun "
                 "Obinna Ngozi Funmilayo Adaeze Chiamaka Yetunde Uchenna Kelechi Nkechi "
                 "Oluchi Eze".split(),
        "stem": "Okafor Adeyemi Okonkwo Eze Obi Nwosu Balogun Adebayo Ogunley Chukwu Ibrahim "
                "Okoro Afolabi Nnamdi Olawale Onyeka Akinyemi Ogbonna Uche Okeke Adewale "
                "Ikechukw Olatunji Omoregie Osagie Edo Igbinos Ehigiat Aigbe Osaro".split(),
        "end": ["", "e", "a", "wu", "la", "ye", "mi", "ji"],
    },
    "ma": {
        "first": "Fatima Khadija Aicha Samira Naima Latifa Malika Zineb Meryem Houda "
                 "Mohammed Youssef Ahmed Said Rachid Hassan Mustafa Karim Hamza Omar Ayoub "
                 "Bilal Nadia Hanane Soufiane Ilham Imane Yassine Anouar Driss".split(),
        "stem": "El Amrani Benali Bouzid Chaoui Idrissi Alaoui Tazi Bennani Berrada Fassi "
                "Zaoui Hajji Ouali Belhaj Kadiri Mansouri Ziani Naciri Sabri Haddad Rahmouni "
                "Jabri Tahiri Lahlou Skalli Sbai Benjelloun Cherkaoui Filali".split(),
        "end": ["", "i", "a", "ouni", "ani", "ri", "ali", "ssi"],
    },
    "vn": {
        "first": "Thi Lan Hoa Mai Huong Linh Trang Ngoc Thu Phuong Van Minh Duc Hung Tuan "
                 "Quang Long Thanh Nam Hieu Anh Khanh Bao Hai Son Dung Tam Trung Vinh Kim".split(),
        "stem": "Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Ho Ngo Duong Ly Truong Dinh "
                "Lam Mai Trinh Cao Luu Ta Vuong Doan Chau Lai Kieu Quach Thach Luong".split(),
        "end": [""],
    },
}

#: Transliteration conventions a source may use for a Cyrillic name (the rest of the letters
#: as in :data:`.normalise.CYRILLIC`).
SCHEMES: dict[str, dict[str, str]] = {
    "english": {"х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya",
                "й": "y", "ж": "zh", "є": "ye", "ї": "yi", "и": "i", "ъ": "a"},
    "passport_uk": {"и": "y", "г": "h", "х": "kh", "й": "i", "ю": "iu", "я": "ia", "є": "ie",
                    "ї": "i", "ж": "zh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch"},
    "german": {"х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ю": "ju",
               "я": "ja", "й": "j", "ж": "sh", "в": "w", "є": "je", "ї": "ji"},
    "polish": {"х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ю": "ju", "я": "ja",
               "й": "j", "ж": "ż", "є": "je", "ї": "ji"},
    "bulgarian": {"щ": "sht", "ъ": "a", "ю": "yu", "я": "ya", "й": "y", "ж": "zh", "х": "h",
                  "ц": "ts", "ч": "ch", "ш": "sh"},
}
