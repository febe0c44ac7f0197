"""Bilingual (Dutch, English) report of an estimate: a self-contained HTML page and a PDF.

The HTML page makes no external requests: styles are inline and the charts are inline SVG drawn
with matplotlib. The PDF is rendered from the same page by xhtml2pdf, with the charts as PNG
data URIs (xhtml2pdf does not draw SVG) and the DejaVu Sans font that ships with matplotlib, so
that every character prints.
"""

# The HTML template below is prose; its lines are left long on purpose.
# ruff: noqa: E501

from __future__ import annotations

import datetime as dt
import html
import io
import logging
import math
from pathlib import Path

import matplotlib

from . import lattice
from .charts import chart_estimate, chart_thresholds, png_data_uri, svg
from .service import (
    PopulationEstimate,
    SweepPoint,
    percent,
    threshold_sweep,
    total_without_minus_infinity,
)

# -- formatting -------------------------------------------------------------------------------


def _n(x: float) -> str:
    """Whole number with a no-break space between thousands (reads the same in Dutch and English)."""
    if x != x:
        return "n/a"
    if math.isinf(x):
        return "&#8734;"
    return f"{x:,.0f}".replace(",", "\u00a0")


def _dec_nl(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def _p(x: float) -> str:
    return f"{x:.2g}" if x >= 0.001 else f"{x:.1e}"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


# -- page ------------------------------------------------------------------------------------

_CSS = """
body { font-family: %(font)s; color: #1f2933; font-size: 10.5pt; line-height: 1.45;
       max-width: 52em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 17pt; margin: 0 0 0.2em 0; }
h2 { font-size: 13pt; margin: 1.3em 0 0.3em 0; border-bottom: 1px solid #cbd2d9; }
h3 { font-size: 11pt; margin: 0.9em 0 0.2em 0; }
p, li { margin: 0.25em 0; }
.meta { color: #52606d; font-size: 9pt; }
.en { color: #3e4c59; }
table { border-collapse: collapse; margin: 0.4em 0; }
td, th { padding: 3px 8px; border-bottom: 1px solid #e4e7eb; text-align: left; vertical-align: top; }
th { background: #f5f7fa; }
td.num, th.num { text-align: right; }
table.key td.num { font-size: 12pt; font-weight: bold; }
.figure { margin: 0.6em 0; }
.caption { font-size: 9pt; color: #52606d; }
.small { font-size: 9pt; }
"""

_PDF_CSS = """
@font-face { font-family: DejaVu; src: url("%(regular)s"); }
@font-face { font-family: DejaVu; src: url("%(bold)s"); font-weight: bold; }
@font-face { font-family: DejaVu; src: url("%(italic)s"); font-style: italic; }
@page { size: a4 portrait; margin: 1.6cm 1.7cm 1.6cm 1.7cm; }
body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
"""


def _font_files() -> dict[str, str]:
    base = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return {
        "regular": str(base / "DejaVuSans.ttf"),
        "bold": str(base / "DejaVuSans-Bold.ttf"),
        "italic": str(base / "DejaVuSans-Oblique.ttf"),
    }


def render_html(
    result: PopulationEstimate,
    sweep: list[SweepPoint] | None = None,
    *,
    for_pdf: bool = False,
    generated: dt.date | None = None,
) -> str:
    """The report as one HTML document."""
    if sweep is None:
        sweep = threshold_sweep(result.table, level=result.level)
    table = result.table
    names = table.names
    fit = result.selection.fit
    pct = percent(result.level)
    pct_nl = percent(result.level, ",")
    generated = generated or dt.date.today()

    fig1 = chart_estimate(result)
    if result.method == "stepwise":
        fig2 = chart_thresholds(sweep, result.threshold, result.observed)
    else:
        fig2 = chart_thresholds(sweep, None, result.observed, bic_total=result.total)
    if for_pdf:
        chart1 = f'<img src="{png_data_uri(fig1)}" width="600">'
        chart2 = f'<img src="{png_data_uri(fig2)}" width="600">'
    else:
        chart1, chart2 = svg(fig1, "c1-"), svg(fig2, "c2-")

    bca = result.bca_total
    if bca is not None:
        interval_nl = f"tussen {_n(bca[0])} en {_n(bca[1])}"
        interval_en = f"between {_n(bca[0])} and {_n(bca[1])}"
    else:
        c = result.conditional
        interval_nl = f"tussen {_n(c.total_low)} en {_n(c.total_high)} (gegeven het gekozen model)"
        interval_en = f"between {_n(c.total_low)} and {_n(c.total_high)} (given the chosen model)"

    ratio = result.total / result.observed if result.observed else math.nan
    never = table.pairs_without_overlap()
    neg_inf = [lattice.term_name(t, names) for t in fit.neg_inf]

    rows_key = [
        ("Gezien op minstens één lijst", "Seen on at least one list", _n(result.observed)),
        ("Geschat aantal op geen enkele lijst", "Estimated number on no list", _n(result.hidden)),
        ("Geschatte totale omvang", "Estimated total", _n(result.total)),
    ]
    if bca is not None:
        rows_key.append(
            (
                f"{pct_nl}-interval totaal (bootstrap)",
                f"{pct} interval for the total (bootstrap)",
                f"{_n(bca[0])} &ndash; {_n(bca[1])}",
            )
        )
    rows_key.append(
        (
            f"{pct_nl}-interval gegeven het model",
            f"{pct} interval given the model",
            f"{_n(result.conditional.total_low)} &ndash; {_n(result.conditional.total_high)}",
        )
    )

    key_html = "".join(
        f'<tr><td>{nl}<br><span class="en">{en}</span></td><td class="num">{val}</td></tr>'
        for nl, en, val in rows_key
    )

    lists_html = "".join(
        f'<tr><td>{_e(name)}</td><td class="num">{_n(total)}</td></tr>'
        for name, total in table.list_totals.items()
    )

    steps_html = ""
    if result.selection.steps:
        steps_html = (
            "<table><tr><th>stap / step</th><th>paar / pair</th><th class='num'>overlap</th>"
            "<th class='num'>verwacht / expected</th><th class='num'>p</th></tr>"
            + "".join(
                f"<tr><td>{i}</td><td>{_e(lattice.term_name(s.term, names))}</td>"
                f"<td class='num'>{s.observed}</td><td class='num'>{s.expected:.2f}</td>"
                f"<td class='num'>{_p(s.p_value)}</td></tr>"
                for i, s in enumerate(result.selection.steps, start=1)
            )
            + "</table>"
        )

    data_rows = "".join(
        "<tr>"
        + "".join(f"<td>{v}</td>" for v in history)
        + f"<td class='num'>{_n(count)}</td></tr>"
        for history, count in table.rows()
    )
    data_html = (
        "<table class='small'><tr>"
        + "".join(f"<th>{_e(n)}</th>" for n in names)
        + "<th class='num'>aantal / count</th></tr>"
        + data_rows
        + "</table>"
    )

    if result.method == "stepwise":
        threshold_nl = f"{result.threshold:g}".replace(".", ",")
        method_nl = (
            "Stapsgewijze modelkeuze (Chan, Silverman &amp; Vincent 2021) met drempel "
            f"{threshold_nl}: beginnend bij onafhankelijke lijsten wordt steeds het paar lijsten "
            "toegevoegd waarvan de overlap het minst past bij het huidige model, zolang die "
            "p-waarde onder de drempel ligt."
        )
        method_en = (
            f"Stepwise model selection (Chan, Silverman &amp; Vincent 2021) with threshold "
            f"{result.threshold:g}: starting from independent lists, the pair whose overlap fits the "
            "current model least is added, as long as that p-value is below the threshold."
        )
    else:
        method_nl = (
            f"Modelkeuze met BIC over alle hiërarchische modellen tot orde {result.max_order} "
            "(Silverman, Chan &amp; Vincent 2024)."
        )
        method_en = (
            f"Model selection by BIC over all hierarchical models up to order {result.max_order} "
            "(Silverman, Chan &amp; Vincent 2024)."
        )

    boot_html = ""
    if result.bootstrap is not None:
        b = result.bootstrap
        boot_html = (
            f"<p>Bootstrap: {_n(len(b.estimates))} hersteekproeven / resamples, seed {b.seed}; "
            f"het model is in elke hersteekproef opnieuw gekozen / the model was re-selected in every "
            f"resample; BCa acceleration {b.acceleration:.4f}, bias correction {b.bias_correction:.3f}."
            + (
                f" {b.n_infinite} hersteekproeven zonder enige overlap (schatting oneindig) / "
                f"resamples without any overlap (infinite estimate)."
                if b.n_infinite
                else ""
            )
            + (
                f" {b.n_failed} hersteekproeven zonder bruikbare schatting weggelaten / resamples "
                f"without a usable estimate left out."
                if b.n_failed
                else ""
            )
            + "</p>"
        )
        if result.model_set is not None:
            ms = result.model_set
            if ms.searched >= ms.eligible:
                set_nl = f"alle {_n(ms.eligible)} modellen die de controle op de oorspronkelijke gegevens doorstaan"
            else:
                set_nl = (
                    f"de {_n(ms.searched)} beste modellen (BIC) op de oorspronkelijke gegevens, van de "
                    f"{_n(ms.eligible)} die de controle doorstaan"
                )
            if ms.is_default:
                set_nl += " (standaard van R)"
            boot_html += (
                f"<p>Modellen doorzocht in elke hersteekproef: {set_nl}.<br>"
                f'<span class="en">Models searched on every resample: {_e(ms.describe())}.</span></p>'
            )
        for stability in b.stability(result.level):
            if stability.fragile:
                side_nl = "ondergrens" if stability.side == "lower" else "bovengrens"
                where_nl = "eronder" if stability.side == "lower" else "erboven"
                boot_html += (
                    f'<p class="warning">De {side_nl} is onzeker: {stability.beyond} van de '
                    f"{_n(stability.resamples)} hersteekproeven liggen {where_nl}; met een andere "
                    f"seed kan hij flink verschuiven (ongeveer {_n(stability.low)} tot "
                    f"{_n(stability.high)} of verder). Lees hem als een ruwe waarde.<br>"
                    f'<span class="en">{_e(stability.describe()[0].upper() + stability.describe()[1:])}'
                    ". Read it as a rough value.</span></p>"
                )

    never_nl = never_en = ""
    alternative = total_without_minus_infinity(result)
    if alternative is not None:
        effect_nl = (
            f"Zou het model deze paren als onafhankelijk behandelen, dan was de schatting "
            f"{_n(alternative)} in plaats van {_n(result.total)}. "
        )
        effect_en = (
            f"Were the model to treat these pairs as independent, the estimate would be "
            f"{_n(alternative)} instead of {_n(result.total)}. "
        )
    else:
        effect_nl = effect_en = ""
    if never:
        pairs = ", ".join(f"{_e(a)}&ndash;{_e(b)}" for a, b in never)
        never_nl = (
            f"In deze gegevens hebben de volgende paren lijsten niemand gemeen: {pairs}. "
            + (
                f"Voor {', '.join(_e(t) for t in neg_inf)} is dat in het model verwerkt als een "
                "volledige 'afstoting' (parameter min oneindig): de lijsten worden verondersteld "
                "elkaar uit te sluiten. " + effect_nl
                if neg_inf
                else "Het gekozen model behandelt deze paren als onafhankelijk: het verwacht er "
                "weinig overlap, dus het ontbreken ervan is geen aanwijzing voor uitsluiting. "
            )
            + "Als lijsten niet overlappen omdat ze verschillende groepen bereiken, kan het model "
            "dat niet van toeval onderscheiden; dan is extra voorzichtigheid nodig."
        )
        never_en = (
            f"In these data the following pairs of lists have nobody in common: {pairs}. "
            + (
                f"For {', '.join(_e(t) for t in neg_inf)} the model treats this as complete "
                "'repulsion' (parameter minus infinity): the lists are taken to exclude each other. "
                + effect_en
                if neg_inf
                else "The chosen model treats these pairs as independent: it expects little "
                "overlap, so its absence is not taken as a sign that the lists exclude each other. "
            )
            + "If lists do not overlap because they reach different groups of people, the model "
            "cannot tell this from chance; then extra caution is needed."
        )

    notes_html = ""
    if result.notes:
        notes_html = (
            "<h3>Opmerkingen bij de invoer / Notes on the input</h3><ul>"
            + "".join(f"<li>{_e(n)}</li>" for n in result.notes)
            + "</ul>"
        )

    font_css = ""
    if for_pdf:
        font_css = _PDF_CSS % _font_files()
    css = _CSS % {
        "font": "DejaVu, Helvetica, sans-serif"
        if for_pdf
        else "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
    }

    bic_nl = bic_en = ""
    if result.method == "bic":
        bic_nl = " De stippellijn (BIC) is de schatting van de gekozen BIC-methode."
        bic_en = " The dotted line (BIC) is the estimate of the chosen BIC method."
    spread = [p.total for p in sweep]
    spread_nl = f"{_n(min(spread))} tot {_n(max(spread))}"
    spread_en = f"{_n(min(spread))} to {_n(max(spread))}"
    source = _e(table.source or "invoer / input")

    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Schatting verborgen aantal / Estimate of the hidden number &ndash; {source}</title>
<style>{font_css}{css}</style>
</head>
<body>
<h1>Schatting van het verborgen aantal<br><span class="en">Estimate of the hidden number</span></h1>
<p class="meta">Gegevens / data: {source} &middot; {table.m} lijsten / lists &middot;
methode / method: {_e(result.method_label)} &middot; {generated.isoformat()}</p>

<table class="key">{key_html}</table>

<div class="figure">{chart1}
<p class="caption">Blauw: mensen die gezien zijn; oranje: geschat aantal dat niet gezien is. De zwarte
lijn is het {pct_nl}-interval uit de bootstrap (inclusief de onzekerheid van de modelkeuze), de grijze het
interval als het gekozen model vaststaat.<br><span class="en">Blue: people who were seen; orange: the
estimated number not seen. The black bar is the {pct} bootstrap interval (including the uncertainty of
choosing the model), the grey one the interval if the chosen model were known to be right.</span></p>
</div>

<h2>Wat betekent deze schatting?</h2>
<p>{_n(result.observed)} mensen zijn door minstens één van de {table.m} organisaties (lijsten)
geregistreerd. Uit de manier waarop die registraties elkaar overlappen, schatten we dat nog ongeveer
{_n(result.hidden)} mensen bij geen enkele van deze organisaties in beeld kwamen. De geschatte totale
omvang is dus ongeveer {_n(result.total)}, ongeveer {_dec_nl(ratio)} keer het aantal dat gezien is. De schatting is
onzeker: met {pct_nl} betrouwbaarheid ligt het totaal {interval_nl}.</p>
<p>Het idee: als twee organisaties onafhankelijk van elkaar mensen tegenkomen, vertelt het deel van de
ene lijst dat ook op de andere staat hoe groot de hele groep is. Met meer lijsten beschrijft een
statistisch model ook hoe lijsten met elkaar samenhangen (bijvoorbeeld doordat de politie doorverwijst
naar zorgcoördinatoren).</p>

<h2 class="en">What does this estimate mean?</h2>
<p class="en">{_n(result.observed)} people were registered by at least one of the {table.m}
organisations (lists). From the way these registrations overlap, we estimate that about
{_n(result.hidden)} more people were not seen by any of them. The estimated total is therefore about
{_n(result.total)}, about {ratio:.1f} times the number seen. The estimate is uncertain: with {pct}
confidence the total lies {interval_en}.</p>
<p class="en">The idea: if two organisations come across people independently of each other, the share
of one list that is also on the other tells how large the whole group is. With more lists a
statistical model also describes how the lists depend on each other (for instance because the police
refer people to care coordinators).</p>

<h2>Wat betekent deze schatting niet?</h2>
<ul>
<li>Het is geen telling en geen lijst van mensen: het is een schatting van een aantal, die naast de
werkelijkheid kan liggen. Niemand wordt erdoor geïdentificeerd.</li>
<li>Het gaat alleen om mensen die deze organisaties in principe hadden kunnen tegenkomen. Groepen die
voor alle organisaties onzichtbaar zijn, vallen erbuiten.</li>
<li>Een verschil tussen twee schattingen is niet vanzelf een verandering in het werkelijke aantal:
andere registratie, samenwerking of koppeling verandert de schatting ook.</li>
</ul>
<h2 class="en">What this estimate does not mean</h2>
<ul class="en">
<li>It is not a count and not a list of people: it estimates a number and can be off. Nobody is
identified by it.</li>
<li>It only covers people these organisations could in principle have come across. Groups that are
invisible to all of them are outside it.</li>
<li>A difference between two estimates is not by itself a change in the real number: changes in
registration, cooperation or record linkage change the estimate too.</li>
</ul>

<h2>Aannames <span class="en">/ Assumptions</span></h2>
<ol>
<li><b>Gesloten populatie.</b> Over de hele periode gaat het om dezelfde groep mensen; wie halverwege
instroomt of vertrekt (bijvoorbeeld bij gegevens over meerdere jaren samen) maakt de schatting minder
betrouwbaar.<br><span class="en"><b>Closed population.</b> The data cover one and the same group over the
whole period; people joining or leaving part-way (for instance when several years are pooled) make the
estimate less reliable.</span></li>
<li><b>Gelijke vindbaarheid of gemodelleerde samenhang.</b> Binnen het model moet iedereen ongeveer even
vindbaar zijn voor een organisatie, of de verschillen moeten als samenhang tussen lijsten in het model
zitten. Groepen die voor alle organisaties moeilijk vindbaar zijn, leiden meestal tot een te lage
schatting.<br><span class="en"><b>Equal catchability or modelled dependence.</b> Within the model everybody
should be about equally likely to be found by an organisation, or the differences must be captured as
dependence between lists. Groups that are hard to find for all organisations usually make the estimate
too low.</span></li>
<li><b>Juiste koppeling.</b> Dezelfde persoon moet op verschillende lijsten als dezelfde herkend worden.
Gemiste koppelingen maken de schatting te hoog, onterechte koppelingen (twee mensen als één gezien)
te laag.<br><span class="en"><b>Correct linkage, no false matches.</b> The same person must be recognised
as the same on different lists. Missed links make the estimate too high, false matches (two people
taken as one) too low.</span></li>
<li><b>Lijsten die elkaar nooit overlappen.</b> {never_nl or "In deze gegevens heeft elk paar lijsten minstens één persoon gemeen."}<br>
<span class="en"><b>Lists that never overlap.</b> {never_en or "In these data every pair of lists has at least one person in common."}</span></li>
</ol>

<h2>Hoe gevoelig is de schatting? <span class="en">/ How sensitive is the estimate?</span></h2>
<div class="figure">{chart2}</div>
<p>De grafiek toont de stapsgewijze schatting voor verschillende drempels, met het {pct_nl}-interval
gegeven het model. Drempel 0 betekent onafhankelijke lijsten; bij een hogere drempel komt er sneller
samenhang tussen lijsten in het model. De schattingen lopen van {spread_nl}. Liggen ze ver uiteen, dan
hangt de uitkomst sterk af van de modelkeuze; het bootstrap-interval hierboven neemt die onzekerheid
mee voor de gekozen methode.{bic_nl}</p>
<p class="en">The chart shows the stepwise estimate for a range of thresholds, with the {pct} interval
given the model. Threshold 0 means independent lists; a higher threshold lets dependence between lists
into the model more easily. The estimates range from {spread_en}. If they differ widely, the result
depends strongly on the choice of model; the bootstrap interval above includes that uncertainty for the
chosen method.{bic_en}</p>

<h2>Technische gegevens <span class="en">/ Technical details</span></h2>
<p>{method_nl}<br><span class="en">{method_en}</span></p>
<p>Gekozen model / chosen model: <b>{_e(result.model)}</b>. {_e(result.check.message)}</p>
{steps_html}
{boot_html}
<p>Interval gegeven het model: profiel-likelihood / interval given the model: profile likelihood
({_n(result.conditional.total_low)} &ndash; {_n(result.conditional.total_high)}); Wald op log-schaal / Wald on the log scale
({_n(result.wald.total_low)} &ndash; {_n(result.wald.total_high)}).</p>
<h3>Lijsten / Lists</h3>
<table class="small"><tr><th>lijst / list</th><th class="num">aantal / count</th></tr>{lists_html}</table>
<h3>Gegevens / Data</h3>
{data_html}
{notes_html}
<h3>Bronnen / References</h3>
<ul class="small">
<li>Chan, L., Silverman, B. W. &amp; Vincent, K. (2021). Multiple systems estimation for sparse capture
data: inferential challenges when there are nonoverlapping lists. <i>Journal of the American Statistical
Association</i> 116, 1297&ndash;1306.</li>
<li>Silverman, B. W., Chan, L. &amp; Vincent, K. (2024). Bootstrapping multiple systems estimates to account
for model selection. <i>Statistics and Computing</i> 34, 44.</li>
<li>Fienberg, S. E. &amp; Rinaldo, A. (2012). Maximum likelihood estimation in log-linear models.
<i>Annals of Statistics</i> 40, 996&ndash;1023.</li>
</ul>
<p class="meta">Gemaakt met / made with uitweg.estimation.</p>
</body>
</html>
"""


def write_html(result: PopulationEstimate, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(render_html(result), encoding="utf-8")
    return path


def render_pdf(result: PopulationEstimate, sweep: list[SweepPoint] | None = None) -> bytes:
    from xhtml2pdf import pisa

    document = render_html(result, sweep, for_pdf=True)
    out = io.BytesIO()
    # xhtml2pdf logs a warning for every CSS property it does not implement; they are harmless.
    log = logging.getLogger("xhtml2pdf")
    previous = log.level
    log.setLevel(logging.ERROR)
    try:
        status = pisa.CreatePDF(document, dest=out, encoding="utf-8")
    finally:
        log.setLevel(previous)
    if status.err:
        raise RuntimeError(f"PDF rendering failed with {status.err} error(s)")
    return out.getvalue()


def write_pdf(result: PopulationEstimate, path: str | Path) -> Path:
    path = Path(path)
    path.write_bytes(render_pdf(result))
    return path
