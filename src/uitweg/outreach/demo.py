"""Demo outreach: a team lead, platforms, templates in seven languages, rounds and contacts.

Built through the services (so every rule applies); idempotent: runs once per organisation.
The demo outreach worker ``outreach`` comes from ``accounts.demo``; this adds ``outreachlead``.
All handles and numbers are made up (06-1999xxxx is not a real range used here on purpose).
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from uitweg.accounts.demo import DEMO_PASSWORD, enrol_totp
from uitweg.accounts.models import User
from uitweg.accounts.roles import Role

from . import services
from .models import Contact, Platform, Round
from .services import ContactData
from .vocabulary import Response, TargetGroup, Topic

LEAD = "outreachlead"
PLATFORMS = ["Kinky.nl", "Sexjobs.nl", "Hookers.nl", "Grindr", "Telegram", "Instagram"]
GREETING = "Kennismaking"
TEMPLATES = {
    "nl": "Hoi, ik ben {worker} van {organisation}. We zien je advertentie op {platform}. "
          "Heb je vragen over gezondheid, soa-testen, geld of je rechten? Je kunt ons "
          "anoniem bereiken op {phone}.",
    "en": "Hi, I'm {worker} from {organisation}. We saw your ad on {platform}. Questions "
          "about health, STI tests, money or your rights? Reach us anonymously on {phone}.",
    "es": "Hola, soy {worker} de {organisation}. Vimos tu anuncio en {platform}. ¿Tienes "
          "preguntas sobre salud, pruebas de ITS, dinero o tus derechos? Llámanos de forma "
          "anónima al {phone}.",
    "ro": "Bună, sunt {worker} de la {organisation}. Am văzut anunțul tău pe {platform}. Ai "
          "întrebări despre sănătate, teste ITS, bani sau drepturile tale? Ne poți contacta "
          "anonim la {phone}.",
    "bg": "Здравей, аз съм {worker} от {organisation}. Видяхме обявата ти в {platform}. Имаш "
          "ли въпроси за здраве, тестове за ППИ, пари или правата си? Свържи се анонимно на "  # noqa: RUF001
          "{phone}.",
    "hu": "Szia, {worker} vagyok a(z) {organisation} szervezettől. Láttuk a hirdetésedet a "
          "{platform} oldalon. Kérdésed van egészségről, szűrésről, pénzről vagy a jogaidról? "
          "Hívj minket névtelenül: {phone}.",
    "th": "สวัสดีค่ะ ฉันชื่อ {worker} จาก {organisation} เราเห็นโฆษณาของคุณบน {platform} "
          "หากมีคำถามเรื่องสุขภาพ การตรวจโรค เงิน หรือสิทธิของคุณ ติดต่อเราได้โดยไม่เปิดเผยชื่อที่ "
          "{phone}",
}
NOTES = [
    "Wil graag een soa-test, liefst bij een vrouwelijke arts.",
    "Werkt sinds kort in Den Haag, spreekt weinig Nederlands.",
    "Vraagt naar hulp bij schulden; afspraak bij het spreekuur voorgesteld.",
    "Reageert vriendelijk maar kort; later opnieuw proberen.",
    "Twijfelt of ze wil stoppen; informatie over uitstapprogramma gegeven.",
]


def _lead(worker: User) -> User:
    lead = User.objects.filter(username=LEAD).first()
    if lead is None:
        lead = User(username=LEAD, organisation=worker.organisation,
                    roles=[Role.OUTREACH_WORKER, Role.OUTREACH_LEAD],
                    first_name="Outreachlead", last_name="(demo)")
        lead.set_password(DEMO_PASSWORD)
        lead.save()
    enrol_totp(lead)
    return lead


def _handle(rng: random.Random, i: int) -> str:
    return rng.choice(["@", "", "https://www.example.org/profiel/"]) + rng.choice(
        ["Lisa", "Bella", "Carlos", "Mia", "Jade", "Nina", "Tommy", "Sasha"]) + f"_{i:03d}"


@transaction.atomic
def load(stdout=None) -> int:
    worker = User.objects.filter(username="outreach").first()
    if worker is None or worker.organisation_id is None:
        return 0
    lead = _lead(worker)
    if Platform.objects.filter(organisation_id=lead.organisation_id).exists():
        if stdout:
            stdout.write("outreach: demo data present")
        return 0
    platforms = [services.save_platform(by=lead, name=name) for name in PLATFORMS]
    templates = {lang: services.save_template(by=lead, name=GREETING, language=lang, text=text)
                 for lang, text in TEMPLATES.items()}
    rng = random.Random(12)
    now = timezone.now()
    count = 0
    for week in range(20, -1, -1):
        round_ = services.start_round(by=worker, platform=rng.choice(platforms),
                                      target_group=rng.choice(TargetGroup.values),
                                      region=rng.choice(["Den Haag", "Den Haag", "Delft",
                                                         "Zoetermeer"]))
        for _n in range(rng.randint(1, 3)):
            count += 1
            lang = rng.choice(list(TEMPLATES))
            data = ContactData(
                target_group=round_.target_group, handle=_handle(rng, count),
                phone=f"06-1999{count:04d}" if rng.random() < 0.5 else "",
                languages=[lang], response=rng.choice(Response.values),
                topics=rng.sample(Topic.values, rng.randint(0, 2)),
                notes=rng.choice(NOTES) if rng.random() < 0.6 else "",
                next_follow_up=timezone.localdate(now) + timedelta(days=rng.randint(0, 14))
                if rng.random() < 0.5 else None,
                template_id=templates[lang].pk)
            services.log_contact(by=worker, round_id=round_.pk, data=data)
        if week:
            seen = rng.randint(15, 60)
            services.close_round(by=worker, round_id=round_.pk, profiles_seen=seen,
                                 profiles_contacted=rng.randint(3, min(seen, 12)))
        started = now - timedelta(days=7 * week, hours=rng.randint(0, 6))
        Round.objects.filter(pk=round_.pk).update(
            started_at=started, closed_at=started + timedelta(hours=3) if week else None)
        day = timezone.localdate(started)
        Contact.objects.filter(first_round=round_).update(
            first_contact_on=day, last_contact_on=day, last_activity_at=started)
    if stdout:
        stdout.write(f"outreach: {len(platforms)} platforms, {len(templates)} templates, "
                     f"{count} contacts; team lead '{LEAD}'")
    return count
