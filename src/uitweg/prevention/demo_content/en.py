"""English demo content (structure shared by every language, see __init__)."""

CONTENT = {
    "home": {
        "title": "Working in the Netherlands",
        "slug": "working-in-the-netherlands",
        "intro": [
            ("p", "Do you work in the Netherlands, or are you planning to? Here you can read "
                  "about your rights at work, the signs of exploitation and where to get help. "
                  "Help is free, and you can also get it anonymously."),
        ],
    },
    "rights": {
        "title": "Your rights at work",
        "slug": "your-rights",
        "summary": "Pay, working hours, your payslip, deductions, your passport, sickness, "
                   "health insurance, agencies and housing.",
        "body": [
            ("h2", "Minimum wage and holiday pay"),
            ("p", "From the age of 21 you are entitled to at least the statutory minimum wage "
                  "per hour. The amount changes on 1 January and 1 July: check the current "
                  "amount on government.nl. On top of your wage you build up at least 8% "
                  "holiday pay and at least four times your weekly working hours as paid "
                  "holiday per year."),
            ("h2", "Working hours"),
            ("p", "You may work at most 12 hours per shift and at most 60 hours in one week. "
                  "Over 16 weeks, the average may be no more than 48 hours a week. Between two "
                  "shifts you are entitled to at least 11 hours of rest, and after 5.5 hours "
                  "of work to a break of at least 30 minutes."),
            ("h2", "Your payslip"),
            ("p", "Your employer must give you a payslip: at the first payment and whenever "
                  "something changes. It shows your hours, your gross and net pay, the "
                  "holiday pay and every deduction. The minimum wage must be paid into a bank "
                  "account, not in cash."),
            ("h2", "Deductions for housing and insurance"),
            ("p", "Your employer may deduct housing and health insurance from the minimum "
                  "wage only if you agreed in writing, and only up to a legal maximum: at most "
                  "25% of the minimum wage for housing and at most 10% for health insurance. "
                  "Fines, transport, work clothes or a fee for finding you the job may not be "
                  "deducted from your minimum wage."),
            ("h2", "Your passport and ID card stay with you"),
            ("p", "Your employer may make a copy of your ID to check who you are, but may not "
                  "keep your passport or ID card. Nobody may keep your documents as a "
                  "guarantee."),
            ("h2", "When you are ill"),
            ("p", "Report sick to your employer as agreed. In most cases your employer keeps "
                  "paying at least 70% of your wage. If your agency contract ends because you "
                  "are ill, you can apply for sickness benefit from UWV."),
            ("h2", "Health insurance"),
            ("p", "If you work in the Netherlands you must usually take out Dutch basic health "
                  "insurance. You may choose your own insurer; your employer may offer one, "
                  "but may not force you."),
            ("h2", "Employment agencies"),
            ("p", "An employment agency must be registered as an agency with the Chamber of "
                  "Commerce (KVK). Many agencies have the SNA quality mark; a mandatory "
                  "admission system for agencies is being introduced. An agency may not "
                  "charge you for finding you work."),
            ("h2", "Housing that comes with the job"),
            ("p", "Ask for a written rental agreement, separate from your work contract, and "
                  "keep proof of everything you pay. If you lose your job, you do not have to "
                  "accept being put out on the street the same day: get advice straight away."),
        ],
    },
    "help": {
        "title": "Signs of exploitation and where to get help",
        "slug": "signs-and-help",
        "summary": "How to recognise exploitation, and who helps you — free, in your language "
                   "and anonymously if you wish.",
        "body": [
            ("h2", "Signs of exploitation"),
            ("ul", [
                "Someone keeps your passport or ID card.",
                "You have a debt to your employer, agency or landlord that you can never pay "
                "off.",
                "You earn far less than the minimum wage, or you are not paid at all.",
                "You lose your bed if you lose your job, or if you complain.",
                "You or your family are threatened.",
                "You are not free to leave the work or the house.",
                "You have to work very long days without rest.",
            ]),
            ("p", "One sign does not always mean exploitation. Several signs together are a "
                  "reason to ask for advice."),
            ("h2", "Where to get help"),
            ("p", "FairWork gives free and confidential advice to workers, also in your own "
                  "language: fairwork.nu."),
            ("p", "The Netherlands Labour Authority (Nederlandse Arbeidsinspectie) checks "
                  "employers. You can report to them, also anonymously: call 0800-5151 or go "
                  "to nlarbeidsinspectie.nl."),
            ("p", "The police: in danger, call 112. No emergency: call 0900-8844. Reporting a "
                  "crime anonymously: Meld Misdaad Anoniem, 0800-7000."),
            ("p", "On this website you can report exploitation anonymously, without an "
                  "account. Young people can chat with us anonymously."),
        ],
    },
    "selfcheck": {
        "title": "Check your work situation",
        "slug": "check-your-work-situation",
        "intro": [
            ("p", "Answer 13 short questions about your work and housing. At the end you see "
                  "whether there are signs of exploitation and what you can do."),
        ],
        "questions": [
            ("Does your employer, agency or landlord keep your passport or ID card?", ""),
            ("Do you have a debt to your employer, agency or landlord that keeps growing or "
             "that you cannot pay off?", "For example for travel, housing or finding the job."),
            ("Do you earn far less than the minimum wage, or is your pay often late or "
             "missing?", ""),
            ("Are costs deducted from your pay that you did not agree to in writing?",
             "For example fines, transport or a fee for the job."),
            ("Is the work, the pay or the housing very different from what you were "
             "promised?", ""),
            ("Do you work without a written contract, or do you get no payslips?", ""),
            ("Do you often work more than 12 hours a day or 60 hours a week, or without "
             "days off?", ""),
            ("Are you or your family threatened, for example with violence or with being "
             "reported to the police?", ""),
            ("Has anyone hit, hurt or sexually abused you at work or where you live?", ""),
            ("Are you not free to leave the work or the house, or to go where you want in "
             "your free time?", ""),
            ("Are you kept away from other people, or is your phone taken or checked?", ""),
            ("Will you lose your bed if you lose your job or if you complain?", ""),
            ("Is the housing unsafe or overcrowded, or is the work dangerous without "
             "protection?", ""),
        ],
        "result_none": [
            ("p", "From your answers we see no signs of exploitation. Good to hear. Keep "
                  "your payslips and your contract, and read about your rights."),
            ("p", "Is something changing at work? Do the check again, or ask FairWork for "
                  "advice."),
        ],
        "result_some": [
            ("p", "Some of your answers are a reason for concern. It may not be "
                  "exploitation, but you do not have to accept it."),
            ("p", "Ask FairWork for free and confidential advice (fairwork.nu). You can also "
                  "report the employer to the Netherlands Labour Authority, anonymously if "
                  "you wish."),
        ],
        "result_signs": [
            ("p", "Your answers show signs of exploitation. This is not your fault, and you "
                  "can get help — also if you have no papers or owe money."),
            ("p", "In danger? Call 112. For advice, contact FairWork (fairwork.nu). You can "
                  "also report anonymously on this website."),
        ],
    },
}
