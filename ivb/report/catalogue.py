"""The words of ``ivb report``: one catalogue per language, Dutch (the council's) and
English, with the same keys. ``text`` builds the sentences from them; the labels of
the data (names, sources, titles, notes) are never translated."""

from __future__ import annotations

from typing import Any

from ..progress import ACHIEVED, NO_DATA, NO_TARGET, NOT_ACHIEVED, OFF_TRACK, ON_TRACK, STALE

TEXTS: dict[str, dict[str, Any]] = {
    "nl": {
        "decimal": ",",
        "thousands": ".",
        "status": "Status",
        "title": "Rapportage {policy}",
        "as_of": "peiljaar {year}",
        "all_years": "alle jaren",
        "period": "beleidsperiode {start}-{end}",
        "adopted": "Vastgesteld op {date}; vaststellend orgaan: {by}.",
        "document": "Beleidsdocument: {document}.",
        "plans_for": "Uitvoeringsplannen: {plans}.",
        "no_plans": "Er is geen uitvoeringsplan.",
        "no_plan_year": "Er is geen uitvoeringsplan voor {year}.",
        "note": "Let op",
        "outside_period": "{year} valt buiten de beleidsperiode {start}-{end}.",
        "contents": "Inhoud",
        "summary": "Samenvatting",
        "priority": "Prioriteit",
        "indicators": "Indicatoren",
        "total": "Totaal",
        "completeness": "Volledigheid van de gegevens",
        "completeness_year": "Deze indicatoren hebben nog geen waarde voor {year}:",
        "survey": "{name} ({count} indicatoren) meet niet elk jaar, maar in {years}: een jaar "
        "daartussen ontbreekt niet. {due}",
        "survey_next": "Het volgende cijfer wordt verwacht in {year}.",
        "survey_next_unknown": "Wanneer de volgende editie komt, is nog niet vastgelegd.",
        "survey_overdue": "De editie van {years} heeft nog geen cijfers.",
        "completeness_none": "Er zijn nog helemaal geen waarden; deze indicatoren wachten op hun "
        "eerste cijfer:",
        "complete": "Alle indicatoren hebben een waarde voor {year}.",
        "indicator": "Indicator",
        "source": "Bron",
        "figure_source": "Herkomst {year}",
        "received": "ontvangen {date}",
        "goal": "Doelstelling",
        "counts": "{total} indicatoren: {counts}.",
        "counts_one": "1 indicator: {counts}.",
        "year": "Jaar",
        "value": "Realisatie",
        "provisional_note": "* voorlopig cijfer: de bron kan het nog bijstellen.",
        "baseline": "Nulmeting",
        "latest_value": "Laatste waarde",
        "target_value": "Streefwaarde",
        "distance": "Verschil met de streefwaarde",
        "progress": "Voortgang",
        "reference": "Referentie",
        "remark": "Opmerking",
        "chart_of": "Grafiek van {name}",
        "execution": "Uitvoering",
        "execution_year": "Uitvoering in {year}",
        "execution_intro": "Per uitvoeringsplan de acties met hun stand aan het eind van "
        "{year}, de stand ervoor in {year}, hun evaluatie en budget. Loopt een actie door in "
        "een later plan van {year}, dan staat ze één keer, onder dat plan.",
        "execution_intro_all": "Per uitvoeringsplan de acties met hun stand nu, de standen "
        "ervoor, evaluaties en budgetten. Loopt een actie door in een later plan, dan staat "
        "ze één keer, onder dat plan.",
        "no_actions": "Dit uitvoeringsplan heeft geen acties.",
        "all_continued": "Een later uitvoeringsplan van dit jaar zet alle acties van dit "
        "plan voort; ze staan daar.",
        "all_continued_all": "Een later uitvoeringsplan zet alle acties van dit plan voort; "
        "ze staan daar.",
        "state_end": "Stand eind {year}",
        "state_now": "Stand",
        "course_year": "Eerder in {year}",
        "course": "Eerder",
        "now": "Nu",
        "evaluation": "Evaluatie {year}",
        "budget": "Budget",
        "budget_in": "{amount} in {period}",
        "ran_in": "Uitvoeringsplannen",
        "euro": "€ {amount}",
        "plan_conclusions": "Conclusies en bijsturing",
        "action": "Actie",
        "state": "Stand van zaken",
        "lead": "Trekker",
        "partners": "Partners",
        "no_lead": "niet benoemd",
        "since": "sinds {date}",
        "on": "op {date}",
        "shared": "{count} indicatoren horen bij twee prioriteiten en tellen in het totaal één "
        "keer: {indicators}.",
        "how": "Hoe de status wordt bepaald",
        "statuses": {
            ACHIEVED: "gehaald",
            NOT_ACHIEVED: "niet gehaald",
            ON_TRACK: "op koers",
            OFF_TRACK: "niet op koers",
            STALE: "verouderd",
            NO_DATA: "geen gegevens",
            NO_TARGET: "geen streefwaarde",
        },
        "within_chance": "binnen toeval",
        "plan_states": {"draft": "concept", "adopted": "vastgesteld", "evaluated": "geëvalueerd"},
        "months": [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        "states": {
            "planned": "gepland",
            "running": "in uitvoering",
            "done": "afgerond",
            "stopped": "gestopt",
        },
        "directions": {
            "-": "lager is beter",
            "+": "hoger is beter",
            "-/+": "niveau vasthouden",
        },
        "target": "streefwaarde {value} in {year}",
        "band": " (marge ±{band})",
        "no_target": "geen streefwaarde",
        "in_year": "{value} in {year}",
        "provisional_value": "{value} (voorlopig) in {year}",
        "no_value": "nog geen waarde",
        "no_value_as_of": "nog geen waarde tot en met {year}",
        "pp": "{value} procentpunten",
        "pp_one": "{value} procentpunt",
        "still_above": "nog {size} boven de streefwaarde",
        "still_below": "nog {size} onder de streefwaarde",
        "above": "{size} boven de streefwaarde",
        "below": "{size} onder de streefwaarde",
        "at": "op de streefwaarde",
        "within": "binnen de marge",
        "outside": "buiten de marge",
        "why": {
            ACHIEVED: "de waarde van {year} haalt de streefwaarde.",
            NOT_ACHIEVED: "de waarde van {year} haalt de streefwaarde niet.",
            "met": "de laatste waarde haalt de streefwaarde al.",
            "pace": "een rechte lijn van {baseline} in {baseline_year} naar {target} in "
            "{target_year} komt in {year} uit op {expected}; {latest} is {verdict}.",
            "baseline_met": "de nulmeting ({baseline} in {baseline_year}) haalde de "
            "streefwaarde al; {latest} haalt haar niet.",
            "as_good": "minstens zo goed",
            "worse": "slechter",
            "level": "bij het vasthouden van een niveau telt alleen of de waarde binnen de "
            "marge ligt.",
            "single": "er is alleen de nulmeting, die de streefwaarde nog niet haalt.",
            "none_yet": "er is nog geen waarde.",
            "too_old": "er is nog geen waarde voor {year} of later om aan de streefwaarde te "
            "toetsen.",
            NO_TARGET: "het plan noemt geen streefwaarde.",
            STALE: "de laatste waarde is van {year}, maar de {survey} van {expected} heeft al "
            "cijfers: te oud om de stand op te beoordelen.",
            "stale_yearly": "de laatste waarde is van {year}; als jaarcijfer had er nu al een "
            "voor {expected} moeten zijn: te oud om de stand op te beoordelen.",
            "no_edition": "de {survey} meet in {years}; er is geen editie vastgelegd die de "
            "streefwaarde van {year} kan meten.",
            "carried": "Na {target_year} is er geen streefwaarde meer; de waarde van {year} "
            "is getoetst aan die van {target_year}.",
            "verdict": "Streefjaar {year}: {verdict} ({value} tegen {target}).",
            "verdict_none": "Streefjaar {year}: geen waarde voor dat jaar.",
            "verdict_edition": "Streefjaar {year}: {verdict} ({value} in {measured}, de "
            "eerste editie erna, tegen {target}).",
            "verdict_chance": ", binnen toeval).",
            "chance": "Het verschil kan toeval zijn: een geregistreerd aantal van {count} past "
            "bij een onderliggend niveau van {low} tot {high} per jaar (95%), en {compared} "
            "ligt daarbinnen.",
        },
        "front": "Samenvatting voor de raad",
        "front_intro": "Per prioriteit: welke cijfers van {year} beter of slechter zijn dan "
        "het cijfer ervoor, welke nog ontbreken, en de conclusies uit de uitvoeringsplannen. "
        "Alle cijfers per indicator staan in de bijlage.",
        "front_none": "Er zijn nog geen cijfers om te vergelijken.",
        "better": "Beter dan het cijfer ervoor",
        "worse": "Slechter dan het cijfer ervoor",
        "same": "Geen duidelijk verschil",
        "first": "Eerste cijfer, nog niets om mee te vergelijken",
        "missing_year": "Nog geen cijfer voor {year}",
        "between": "Geen meting in {year}",
        "between_item": "{count} indicatoren van de {survey}, die meet in {years}",
        "between_one": "1 indicator van de {survey}, die meet in {years}",
        "change_item": "{name}: {before} ({before_year}) → {now} ({year})",
        "chance_item": "binnen toeval",
        "margin": "Beter of slechter: in de richting van de indicator (lager of hoger is "
        "beter); bij (-/+) telt de afstand tot het niveau dat vastgehouden moet worden. Bij "
        "aantallen is toeval meegewogen (95%). Bij percentages en cijfers per inwoner legt "
        "de bron geen foutmarge vast: of een klein verschil toeval is, is daar niet te "
        "zeggen.",
        "conclusions": "Conclusies en bijsturing over {year}",
        "no_conclusions": "Over {year} zijn nog geen conclusies van een uitvoeringsplan "
        "vastgelegd (ivb evaluate).",
        "appendix": "Bijlage",
        "appendix_intro": "De bijlage geeft per prioriteit elke indicator: de cijfers, de "
        "grafiek, de status met de reden, de toelichting en de bron.",
        "compared_with": "Ter vergelijking",
        "explanation": "Toelichting {year}",
        "reference_same_year": "in {year}: {own}, {group} {value}",
        "reference_no_own": "{group} {value} in {year}; {municipality} heeft geen cijfer "
        "voor {year}",
        "reference_no_year": "{group} {value} (het beleidsplan noemt niet van welk jaar); "
        "{municipality} {own} in {own_year}",
        "reference_no_year_no_own": "{group} {value} (het beleidsplan noemt niet van welk jaar)",
        "chart_measured": "gemeten",
        "chart_provisional": "voorlopig",
        "chart_target": "streefwaarde",
        "chart_path": "koers naar streefwaarde",
        "chart_as_of": "peiljaar",
        "chart_no_data": "geen gegevens",
        "chart_band": "marge",
        "chart_reference": "referentie",
        "rules": [
            "Nulmeting, realisatie, streefwaarde: de nulmeting is het eerste cijfer, de "
            "realisatie het cijfer van een jaar, de streefwaarde het cijfer dat het plan voor "
            "een jaar nastreeft.",
            "Welke waarden tellen: de waarden tot en met het peiljaar; zonder peiljaar tot en "
            "met het laatste jaar met gegevens binnen de beleidsperiode. De laatste waarde is de "
            "meest recente daarvan, de nulmeting de "
            "eerste: de eerste meting (bij een nulmeting over meerdere jaren, zoals 2011-2014 "
            "in het beleidsplan, dus het eerste jaar daarvan met een waarde). Een jaar zonder "
            "waarde (–) wordt overgeslagen, nooit als 0 gelezen.",
            "Welke streefwaarde: die voor het peiljaar of de eerste daarna; liggen ze alle "
            "ervoor, de laatste, en dat staat er dan bij. Elk streefjaar houdt zijn eigen "
            "oordeel, op de waarde van dat jaar zelf (bij een enquête: van de eerste editie "
            "erna).",
            "Richting: (-) lager is beter, de streefwaarde is een bovengrens; (+) hoger is "
            "beter, de streefwaarde is een ondergrens; (-/+) niveau vasthouden: gehaald als de "
            "waarde binnen de marge ligt (standaard 10% van de streefwaarde, bij een aantal "
            "minstens 1); daarbij geen voortgang.",
            "Verschil met de streefwaarde: laatste waarde min streefwaarde, in de eenheid van "
            "de indicator (procentpunten bij een percentage). Voortgang: het deel van de weg van "
            "nulmeting naar streefwaarde dat is afgelegd; negatief als de waarde de "
            "verkeerde kant op gaat; leeg als er geen weg te gaan was (de nulmeting haalde "
            "de streefwaarde al).",
            "Status: geen streefwaarde als het plan er geen noemt; geen gegevens zonder "
            "waarde, of als het streefjaar voorbij is zonder waarde ervoor; gehaald of niet "
            "gehaald zodra er een waarde voor het streefjaar is; daarvoor op koers als de "
            "laatste waarde de streefwaarde al haalt of minstens zo goed is als een rechte "
            "lijn van nulmeting naar streefwaarde voor dat jaar aangeeft, anders niet op "
            "koers. Verouderd: de laatste waarde is ouder dan de bron toelaat (een jaarcijfer: "
            "dat van het jaar ervoor; een enquête: dat van haar laatste editie met cijfers).",
            "Toeval: bij een aantal het exacte 95%-interval (Poisson) van het laatste aantal; "
            "ligt de streefwaarde (of de rechte lijn) daarbinnen, dan kan toeval alleen het "
            "verschil maken, en dat staat bij het oordeel. In de samenvatting verschillen "
            "twee aantallen pas als de exacte toets voor twee aantallen dat op 95% zegt (2 "
            "tegen 0 is geen verschil); percentages en cijfers per inwoner hebben in de "
            "gegevens geen foutmarge.",
        ],
    },
    "en": {
        "decimal": ".",
        "thousands": ",",
        "status": "Status",
        "title": "Report on the {policy}",
        "as_of": "as of {year}",
        "all_years": "all years",
        "period": "policy period {start}-{end}",
        "adopted": "Adopted on {date}; adopted by: {by}.",
        "document": "Policy document: {document}.",
        "plans_for": "Execution plans: {plans}.",
        "no_plans": "There is no execution plan.",
        "no_plan_year": "There is no execution plan for {year}.",
        "note": "Note",
        "outside_period": "{year} lies outside the policy period {start}-{end}.",
        "contents": "Contents",
        "summary": "Summary",
        "priority": "Priority",
        "indicators": "Indicators",
        "total": "Total",
        "completeness": "Completeness of the data",
        "completeness_year": "These indicators have no value for {year} yet:",
        "survey": "{name} ({count} indicators) does not measure every year but in {years}: a "
        "year in between is not missing. {due}",
        "survey_next": "The next figure is due in {year}.",
        "survey_next_unknown": "When the next edition comes is not declared yet.",
        "survey_overdue": "The edition of {years} has no figures yet.",
        "completeness_none": "There are no values at all yet; these indicators await their "
        "first figure:",
        "complete": "Every indicator has a value for {year}.",
        "indicator": "Indicator",
        "source": "Source",
        "figure_source": "Source of {year}",
        "received": "received {date}",
        "goal": "Goal",
        "counts": "{total} indicators: {counts}.",
        "counts_one": "1 indicator: {counts}.",
        "year": "Year",
        "value": "Actual",
        "provisional_note": "* provisional figure: the source may still revise it.",
        "baseline": "Baseline (first value)",
        "latest_value": "Latest value",
        "target_value": "Target",
        "distance": "Difference from the target",
        "progress": "Progress",
        "reference": "Reference",
        "remark": "Remark",
        "chart_of": "Chart of {name}",
        "execution": "Execution",
        "execution_year": "Execution in {year}",
        "execution_intro": "Per execution plan its actions with their state at the end of "
        "{year}, the states before it in {year}, their evaluation and budget. An action a "
        "later plan of {year} continues is shown once, under that plan.",
        "execution_intro_all": "Per execution plan its actions with their state now, the "
        "states before, evaluations and budgets. An action a later plan continues is shown "
        "once, under that plan.",
        "no_actions": "This execution plan has no actions.",
        "all_continued": "A later execution plan of this year continues every action of "
        "this plan; they are shown there.",
        "all_continued_all": "A later execution plan continues every action of this plan; "
        "they are shown there.",
        "state_end": "State at the end of {year}",
        "state_now": "State",
        "course_year": "Earlier in {year}",
        "course": "Earlier",
        "now": "Now",
        "evaluation": "Evaluation {year}",
        "budget": "Budget",
        "budget_in": "{amount} in {period}",
        "ran_in": "Execution plans",
        "euro": "€{amount}",
        "plan_conclusions": "Conclusions and adjustments",
        "action": "Action",
        "state": "State",
        "lead": "Lead",
        "partners": "Partners",
        "no_lead": "not named",
        "since": "since {date}",
        "on": "on {date}",
        "shared": "{count} indicators serve two priorities and count once in the total: "
        "{indicators}.",
        "how": "How status is determined",
        "statuses": {
            ACHIEVED: "achieved",
            NOT_ACHIEVED: "not achieved",
            ON_TRACK: "on track",
            OFF_TRACK: "off track",
            STALE: "stale",
            NO_DATA: "no data",
            NO_TARGET: "no target",
        },
        "within_chance": "within chance",
        "plan_states": {"draft": "draft", "adopted": "adopted", "evaluated": "evaluated"},
        "months": [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        "states": {
            "planned": "planned",
            "running": "running",
            "done": "done",
            "stopped": "stopped",
        },
        "directions": {
            "-": "lower is better",
            "+": "higher is better",
            "-/+": "hold the level",
        },
        "target": "target {value} in {year}",
        "band": " (band ±{band})",
        "no_target": "no target",
        "in_year": "{value} in {year}",
        "provisional_value": "{value} (provisional) in {year}",
        "no_value": "no value yet",
        "no_value_as_of": "no value up to {year}",
        "pp": "{value} percentage points",
        "pp_one": "{value} percentage point",
        "still_above": "still {size} above the target",
        "still_below": "still {size} below the target",
        "above": "{size} above the target",
        "below": "{size} below the target",
        "at": "at the target",
        "within": "within the band",
        "outside": "outside the band",
        "why": {
            ACHIEVED: "the value for {year} meets the target.",
            NOT_ACHIEVED: "the value for {year} does not meet the target.",
            "met": "the latest value already meets the target.",
            "pace": "a straight path from {baseline} in {baseline_year} to {target} in "
            "{target_year} passes {expected} in {year}; {latest} is {verdict}.",
            "baseline_met": "the baseline ({baseline} in {baseline_year}) already met the "
            "target; {latest} does not.",
            "as_good": "at least as good",
            "worse": "worse",
            "level": "for a level to hold, only whether the value lies within the band counts.",
            "single": "there is only the baseline, which does not meet the target yet.",
            "none_yet": "there is no value yet.",
            "too_old": "there is no value for {year} or later yet to judge the target by.",
            NO_TARGET: "the plan names no target.",
            STALE: "the latest value is of {year}, while the {survey} of {expected} already has "
            "figures: too old to judge where things stand.",
            "stale_yearly": "the latest value is of {year}; as a yearly figure, one for "
            "{expected} is due by now: too old to judge where things stand.",
            "no_edition": "the {survey} measures in {years}; no edition is declared that can "
            "measure the target of {year}.",
            "carried": "There is no target after {target_year}; the value of {year} is judged "
            "against that of {target_year}.",
            "verdict": "Target year {year}: {verdict} ({value} against {target}).",
            "verdict_none": "Target year {year}: no value for that year.",
            "verdict_edition": "Target year {year}: {verdict} ({value} in {measured}, the "
            "first edition after it, against {target}).",
            "verdict_chance": ", within chance).",
            "chance": "The difference may be chance: a registered count of {count} is "
            "consistent with an underlying level of {low} to {high} a year (95%), and "
            "{compared} lies within it.",
        },
        "front": "Summary for the council",
        "front_intro": "Per priority: which figures of {year} are better or worse than the "
        "figure before, which are still missing, and the conclusions of the execution plans. "
        "Every figure per indicator is in the appendix.",
        "front_none": "There are no figures to compare yet.",
        "better": "Better than the figure before",
        "worse": "Worse than the figure before",
        "same": "No clear difference",
        "first": "First figure, nothing to compare with yet",
        "missing_year": "No figure for {year} yet",
        "between": "Not measured in {year}",
        "between_item": "{count} indicators of the {survey}, which measures in {years}",
        "between_one": "1 indicator of the {survey}, which measures in {years}",
        "change_item": "{name}: {before} ({before_year}) → {now} ({year})",
        "chance_item": "within chance",
        "margin": "Better and worse follow each indicator's direction; for (-/+) the "
        "distance to the level to hold counts. For counts, chance is weighed (95%). For "
        "percentages and rates per inhabitants the source records no margin of error: "
        "whether a small difference is chance cannot be said there.",
        "conclusions": "Conclusions and adjustments on {year}",
        "no_conclusions": "No conclusions of an execution plan on {year} are recorded yet "
        "(ivb evaluate).",
        "appendix": "Appendix",
        "appendix_intro": "The appendix gives every indicator per priority: its figures, "
        "chart, status with the reason, explanations and source.",
        "compared_with": "For comparison",
        "explanation": "Explanation {year}",
        "reference_same_year": "in {year}: {own}, {group} {value}",
        "reference_no_own": "{group} {value} in {year}; {municipality} has no figure for {year}",
        "reference_no_year": "{group} {value} (the policy plan does not say of which year); "
        "{municipality} {own} in {own_year}",
        "reference_no_year_no_own": "{group} {value} (the policy plan does not say of which year)",
        "chart_measured": "measured",
        "chart_provisional": "provisional",
        "chart_target": "target",
        "chart_path": "path to target",
        "chart_as_of": "as of",
        "chart_no_data": "no data",
        "chart_band": "band",
        "chart_reference": "reference",
        "rules": [
            "Baseline, actual, target: the baseline is the first figure, the actual the "
            "figure of a year, the target the figure the plan aims at for a year.",
            "Which values count: the values up to the year of the report; without one, up to "
            "the latest year with data within the policy period. The latest value is the most "
            "recent of those, the baseline the earliest: "
            "the first value (for a baseline measured over several years, its first year). "
            "A year without a value (–) is skipped, never read as 0.",
            "Which target: the one for the year or the first after it; if all lie before it, "
            "the last one, and the report says so. Each target year keeps its own verdict, by "
            "the value of that very year (for a survey, of its first edition after it).",
            "Direction: (-) lower is better, the target is a ceiling; (+) higher is better, "
            "the target is a floor; (-/+) hold the level: met when the value lies within "
            "the band (by default 10% of the target, for a count at least 1); no progress "
            "then.",
            "Difference from the target: latest value minus target, in the indicator's unit "
            "(percentage points for a percentage). Progress: the share of the way from "
            "baseline to target covered; negative when the value moves the wrong way; empty "
            "when there was no way to go (the baseline already met the target).",
            "Status: no target when the plan names none; no data without a value, or when the "
            "target year has passed without a value for it; achieved or not achieved once "
            "there is a value for the target year; before that on track when the latest "
            "value already meets the target or is at least as good as a straight path from "
            "baseline to target has it for that year, else off track. Stale: the latest "
            "value is older than its source allows (a yearly figure: the year before's; a "
            "survey: its latest edition with figures).",
            "Chance: for a count, the exact 95% (Poisson) interval of the latest count; when "
            "the target (or the straight path) lies within it, chance alone could make the "
            "difference, and the verdict says so. In the summary two counts differ only when "
            "the exact test of two counts says so at 95% (2 against 0 is no difference); "
            "percentages and rates per inhabitants carry no margin in the data.",
        ],
    },
}
