"""The bundled codebook's rules on fresh paraphrases: every codable code, in English and Dutch.

The sentences are written for this test, not taken from the development corpus, in the way
expats talk about each factor; they guard the patterns against regressions that the corpus
would not show (a pattern that silently stopped matching, an exclusion that swallows a hit).
"""

from __future__ import annotations

import pytest

from qualcode.codebook import Codebook, load_codebook
from qualcode.coding.coder import Coder
from qualcode.records import Coding, Document, Turn
from tests.conftest import REPO

PARAPHRASES = [
    (
        "professional.career",
        "en",
        "The position was a big step up in my career, I became team lead after a year.",
    ),
    (
        "professional.career",
        "nl",
        "Voor mijn loopbaan was dit de volgende stap, ik kon hier doorgroeien naar senior.",
    ),
    (
        "professional.employer",
        "en",
        "Philips has a great reputation as an employer and the team was really inspiring.",
    ),
    (
        "professional.employer",
        "nl",
        "Ik wilde echt bij dit bedrijf werken, het is een toonaangevende werkgever.",
    ),
    (
        "professional.income",
        "en",
        "The pay is decent but after taxes I earn less than I did in London.",
    ),
    (
        "professional.income",
        "nl",
        "Het salaris was twee keer zo hoog als wat ik in Polen verdiende.",
    ),
    (
        "professional.partner_career",
        "en",
        "My husband had to give up his job and he is still looking for work here.",
    ),
    (
        "professional.partner_career",
        "nl",
        "Mijn man heeft hier na een jaar nog steeds geen werk gevonden.",
    ),
    (
        "professional.employment_conditions",
        "en",
        "I get 28 vacation days and I can work from home twice a week.",
    ),
    (
        "professional.employment_conditions",
        "nl",
        "Na een jaar kreeg ik een vast contract, dat gaf veel rust.",
    ),
    (
        "professional.knowledge_infrastructure",
        "en",
        "The chip cluster around Eindhoven is unique, with ASML and the university next door.",
    ),
    (
        "professional.knowledge_infrastructure",
        "nl",
        "De universiteiten en onderzoeksinstituten hier zijn van wereldniveau.",
    ),
    (
        "social.knowledge_workers",
        "en",
        "There is a big international community here, lots of expats from everywhere.",
    ),
    (
        "social.knowledge_workers",
        "nl",
        "Er wonen hier veel andere internationals, dus je bent nooit de enige buitenlander.",
    ),
    ("social.network", "en", "It took me two years to build up a circle of friends."),
    ("social.network", "nl", "Via de sportclub heb ik langzaam een netwerk opgebouwd."),
    ("social.local_ties", "en", "Our Dutch neighbours invited us for dinner in the first week."),
    (
        "social.local_ties",
        "nl",
        "Met Nederlanders bevriend raken is echt lastig, ze hebben hun vaste vriendengroep.",
    ),
    ("cultural.safety", "en", "My daughter can cycle to school alone, it's so safe here."),
    ("cultural.safety", "nl", "Het is hier veilig, ik laat mijn fiets gewoon buiten staan."),
    (
        "cultural.tolerance",
        "en",
        "Nobody cares who you love or what you wear, people are very accepting and open minded.",
    ),
    (
        "cultural.tolerance",
        "nl",
        "Als homo kan ik hier gewoon hand in hand lopen met mijn partner.",
    ),
    ("cultural.english", "en", "Everybody speaks English, even the cashier in the supermarket."),
    ("cultural.english", "nl", "Op het werk is de voertaal Engels, dus Nederlands was niet nodig."),
    (
        "cultural.dutch_language",
        "en",
        "Without Dutch you will never really be part of society here.",
    ),
    (
        "cultural.dutch_language",
        "nl",
        "De taal is echt een drempel, ik volg nu een cursus Nederlands.",
    ),
    (
        "cultural.quality_of_life",
        "en",
        "The quality of life is just better: short commutes, parks, time for the kids.",
    ),
    (
        "cultural.quality_of_life",
        "nl",
        "De kwaliteit van leven is hier hoog, alles is goed geregeld.",
    ),
    (
        "housing.search",
        "en",
        "We couldn't find an apartment, the rental market in Amsterdam is crazy.",
    ),
    ("housing.search", "nl", "We hebben maanden naar een huurwoning gezocht in Utrecht."),
    (
        "policy.thirty_percent",
        "en",
        "The thirty percent ruling made a big difference to our net income.",
    ),
    (
        "policy.thirty_percent",
        "nl",
        "Zonder de 30%-regeling hadden we het hier financieel zwaar gehad.",
    ),
    (
        "policy.partner",
        "en",
        "My wife got her permit as a dependent together with mine, and she was allowed to work.",
    ),
    ("policy.partner", "nl", "Mijn man kon als partner meekomen en mocht direct werken."),
    (
        "policy.mortgage",
        "en",
        "The bank refused our mortgage application because my contract was temporary.",
    ),
    ("policy.mortgage", "nl", "We hebben eindelijk een hypotheek gekregen en een huis gekocht."),
    ("policy.residence_permit", "en", "The IND took four months to process my visa."),
    (
        "policy.residence_permit",
        "nl",
        "De aanvraag voor mijn verblijfsvergunning bij de IND duurde eindeloos.",
    ),
    (
        "entrepreneurship.talent",
        "en",
        "Hiring good developers for our startup is really hard here.",
    ),
    (
        "entrepreneurship.talent",
        "nl",
        "Voor mijn startup is het moeilijk om goede ontwikkelaars te vinden.",
    ),
    ("entrepreneurship.capital", "en", "We raised our seed round from Dutch angel investors."),
    (
        "entrepreneurship.capital",
        "nl",
        "Als oprichter was het makkelijker om hier investeerders te vinden.",
    ),
    ("entrepreneurship.market", "en", "From here we can easily sell to customers all over Europe."),
    (
        "entrepreneurship.market",
        "nl",
        "Nederland is een goede uitvalsbasis om de Europese markt te bedienen.",
    ),
    (
        "entrepreneurship.culture",
        "en",
        "Starting a company was easy, registering at the Chamber of Commerce took an afternoon.",
    ),
    (
        "entrepreneurship.culture",
        "nl",
        "Het ondernemersklimaat is hier goed, je kunt snel een bedrijf oprichten.",
    ),
    (
        "branding.discovery",
        "en",
        "Honestly, the Netherlands was never on my radar until a recruiter called me.",
    ),
    ("branding.discovery", "nl", "Ik had nooit aan Nederland gedacht, het was puur toeval."),
    (
        "branding.reputation",
        "en",
        "Back home the Netherlands is known as an innovative, well-organised country.",
    ),
    ("branding.reputation", "nl", "Nederland heeft internationaal een goede naam als kennisland."),
    (
        "support.structural",
        "en",
        "There should be one place where newcomers get help with taxes, housing and schools.",
    ),
    (
        "support.structural",
        "nl",
        "Er was geen enkele begeleiding, we moesten alles zelf uitzoeken.",
    ),
]


# Ways of saying a factor that a pattern list easily lacks (added after statements nobody tuned
# the rules on showed the gaps; these sentences are new).
MORE_PARAPHRASES = [
    ("professional.employment_conditions", "en", "They only offered me a two-year contract."),
    ("professional.employment_conditions", "en", "Nobody answers mails after six."),
    ("cultural.tolerance", "en", "In my company women in management are completely normal."),
    ("cultural.safety", "en", "There was a shooting two streets away from us last month."),
    ("cultural.safety", "nl", "Er waren twee explosies bij winkels in onze buurt."),
    ("social.knowledge_workers", "en", "My team has 12 nationalities in it."),
    ("social.knowledge_workers", "nl", "Bij ons werken twaalf nationaliteiten op één verdieping."),
    ("cultural.dutch_language", "en", "All the good vacancies want Dutch, even in IT."),
    ("cultural.dutch_language", "en", "At the coffee machine everyone switches to Dutch."),
    ("support.structural", "en", "My work paid for a language course and a relocation agent."),
    ("policy.partner", "en", "Her visa came through two months after mine."),
    ("professional.employer", "en", "It was a toxic workplace, so I left after a year."),
    ("professional.employer", "nl", "De manager was echt een ramp, iedereen vertrok."),
    ("cultural.english", "nl", "Iedereen spreekt hier English, ook in de winkel."),
    ("professional.partner_career", "en", "She got a job in Leiden and I followed her."),
    ("cultural.tolerance", "en", "People here accept who you are."),
    ("cultural.tolerance", "nl", "Hier kan ik eindelijk zijn wie ik ben."),
    ("professional.partner_career", "en", "We came for my husband's position at the university."),
    ("professional.partner_career", "nl", "Ik ben meeverhuisd met mijn vriendin, zij werkt hier."),
    ("professional.partner_career", "nl", "We zijn hier voor de postdoc van mijn man."),
]


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return load_codebook(REPO / "codebooks" / "kennismigratie.yaml")


@pytest.fixture(scope="module")
def coder(codebook: Codebook) -> Coder:
    return Coder(codebook, mode="rules")


def _codings(coder: Coder, sentence: str, language: str) -> dict[str, Coding]:
    text = f"R: {sentence}"
    doc = Document("d", text, (Turn(0, "R", "respondent", 3, len(text)),), language)
    return {c.code: c for c in coder.code_document(doc).codings}


def test_every_codable_code_has_a_paraphrase_in_both_languages(codebook: Codebook) -> None:
    covered = {(code, language) for code, language, _ in PARAPHRASES}
    codable = [c.id for c in codebook.codes if c.codable]
    assert {(c, lang) for c in codable for lang in ("en", "nl")} <= covered


@pytest.mark.parametrize("code,language,sentence", PARAPHRASES + MORE_PARAPHRASES)
def test_rules_recognise_a_paraphrase(
    coder: Coder, code: str, language: str, sentence: str
) -> None:
    assert code in _codings(coder, sentence, language)


@pytest.mark.parametrize(
    "sentence,language,code,valence",
    [
        (
            "Getting a mortgage without a permanent contract was impossible.",
            "en",
            "policy.mortgage",
            "barrier",
        ),
        (
            "Een hypotheek krijgen zonder vast contract was onmogelijk.",
            "nl",
            "policy.mortgage",
            "barrier",
        ),
        ("Finding an apartment in Amsterdam was a nightmare.", "en", "housing.search", "barrier"),
        ("Ik voel me hier veilig, ook 's avonds op straat.", "nl", "cultural.safety", "driver"),
        (
            "People here are open minded, nobody cares who you love.",
            "en",
            "cultural.tolerance",
            "driver",
        ),
    ],
)
def test_valence_of_a_paraphrase(
    coder: Coder, sentence: str, language: str, code: str, valence: str
) -> None:
    assert _codings(coder, sentence, language)[code].valence == valence


@pytest.mark.parametrize(
    "sentence,language",
    [
        ("At work the official language is English, so Dutch was not needed.", "en"),
        ("Op het werk is de voertaal Engels, dus Nederlands was niet nodig.", "nl"),
    ],
)
def test_english_as_working_language_beside_dutch(
    coder: Coder, sentence: str, language: str
) -> None:
    assert "cultural.english" in _codings(coder, sentence, language)


@pytest.mark.parametrize(
    "sentence,language",
    [
        ("The working language in the lab is Dutch.", "en"),
        ("De voertaal op kantoor is gewoon Nederlands.", "nl"),
    ],
)
def test_dutch_as_working_language_is_not_english(
    coder: Coder, sentence: str, language: str
) -> None:
    assert "cultural.english" not in _codings(coder, sentence, language)


# A word that names a factor in one sense and something else in another: the rules must not code
# the other sense. Each line names the code that a careless pattern would give.
OTHER_SENSES = [
    ("entrepreneurship.talent", "en", "My niece won the school talent show with a magic act."),
    ("professional.income", "en", "I called the tax office twice and nobody picked up."),
    ("cultural.english", "en", "I mostly learned English from cartoons as a kid."),
    ("housing.search", "en", "Somebody broke into our flat while we were on holiday."),
    ("housing.search", "en", "They never invited me to their homes, not once in five years."),
    ("cultural.tolerance", "en", "As a foreigner you need a BSN before the bank opens an account."),
    ("cultural.tolerance", "en", "In our team the Belgians are a minority, we joke about it."),
    ("entrepreneurship.culture", "en", "Last year we hired a freelancer to redo the website."),
    ("entrepreneurship.capital", "en", "The bank valuation of the house was the asking price."),
    ("cultural.quality_of_life", "en", "The IND took its time with our family application."),
    ("cultural.safety", "en", "She brought me a mug of tea on my first day."),
    ("professional.career", "en", "We work in an open office with standing desks."),
    ("policy.partner", "nl", "Die van mijn oude baas was nog lastiger dan de mijne."),
    ("entrepreneurship.market", "nl", "Zaterdag haal ik altijd verse vis op de markt."),
    ("cultural.tolerance", "en", "I like the colleagues who I am working with."),
    ("cultural.tolerance", "nl", "De mensen met wie ik samenwerk zijn aardig."),
    ("cultural.quality_of_life", "nl", "Bij elk debat gaat het weer over de migratiecijfers."),
    ("cultural.quality_of_life", "nl", "Mijn collega is altijd zo druk met deadlines."),
    ("cultural.dutch_language", "nl", "Zonder Nederlandse bankrekening kun je geen huur betalen."),
    ("social.network", "nl", "Ik voel me alleen maar moe na een lange werkdag."),
    ("social.local_ties", "nl", "Als je Nederlander wilt worden, lever je je paspoort in."),
]


@pytest.mark.parametrize("code,language,sentence", OTHER_SENSES)
def test_rules_leave_another_sense_of_a_trigger_word_alone(
    coder: Coder, code: str, language: str, sentence: str
) -> None:
    assert code not in _codings(coder, sentence, language)
