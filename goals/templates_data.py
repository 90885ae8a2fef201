"""Goal templates: small-step behaviours that insecurely attached clients practise.

Data, not code: each template carries its text in English and Dutch (the language of the
client record, not the UI, decides which one a new goal starts with) and suggested first
steps, ordered from easiest to hardest. A template is only a starting point; therapist and
client change every word together, and the goal keeps the template's slug for reporting.

The behaviours follow attachment-focused practice: anxious attachment tends toward
hyperactivation (checking in, protest behaviour), avoidant attachment toward deactivation
(withdrawal, deflecting closeness). See Mikulincer & Shaver, *Attachment in Adulthood*
(2nd ed., 2016), ch. 2 and 15, and Johnson, *Attachment Theory in Practice* (2019), for
the rationale of practising "earned security" in small behavioural steps.
"""

from __future__ import annotations

from dataclasses import dataclass

# "any": useful whatever the pattern; "anxious" / "avoidant": aimed at that pattern.
TEMPLATES: list[dict] = [
    {
        "slug": "ask-for-help",
        "pattern": "any",
        "title": {"en": "Ask for help", "nl": "Om hulp vragen"},
        "why": {
            "en": "Letting someone help me shows that I can count on others, and that needing someone is allowed.",
            "nl": "Als ik iemand me laat helpen, merk ik dat ik op anderen kan rekenen en dat iemand nodig hebben mag.",
        },
        "steps": [
            {
                "en": "Ask a colleague or friend for a small practical favour",
                "nl": "Een collega of vriend om een kleine praktische gunst vragen",
            },
            {
                "en": "Ask for advice about something that matters to me",
                "nl": "Om advies vragen over iets wat voor mij belangrijk is",
            },
            {
                "en": "Tell someone I am having a hard time and ask them to listen",
                "nl": "Iemand vertellen dat het me zwaar valt en vragen of diegene wil luisteren",
            },
        ],
    },
    {
        "slug": "share-something-personal",
        "pattern": "any",
        "title": {"en": "Share something personal", "nl": "Iets persoonlijks delen"},
        "why": {
            "en": "Being known by the people close to me makes the relationship safer, not more dangerous.",
            "nl": "Gekend worden door de mensen dicht bij me maakt de relatie veiliger, niet gevaarlijker.",
        },
        "steps": [
            {"en": "Tell someone how my day really went", "nl": "Iemand vertellen hoe mijn dag echt ging"},
            {"en": "Share something I like or care about", "nl": "Iets delen waar ik van houd of om geef"},
            {
                "en": "Share a worry or a feeling I usually keep to myself",
                "nl": "Een zorg of gevoel delen dat ik meestal voor me houd",
            },
        ],
    },
    {
        "slug": "stay-in-conflict",
        "pattern": "any",
        "title": {"en": "Don't walk away from a conflict", "nl": "Niet weglopen bij een conflict"},
        "why": {
            "en": "Staying in a disagreement shows me that a relationship can survive friction.",
            "nl": "In een meningsverschil blijven laat me zien dat een relatie wrijving kan overleven.",
        },
        "steps": [
            {
                "en": "Stay in the room for five more minutes when I want to leave",
                "nl": "Nog vijf minuten in de kamer blijven als ik weg wil",
            },
            {
                "en": 'Say "I need a short break, I will come back" instead of leaving',
                "nl": 'Zeggen "ik heb even pauze nodig, ik kom terug" in plaats van weggaan',
            },
            {
                "en": "Come back after the break and finish the conversation",
                "nl": "Na de pauze terugkomen en het gesprek afmaken",
            },
        ],
    },
    {
        "slug": "i-feel-statements",
        "pattern": "any",
        "title": {
            "en": 'Say "I feel …" instead of "you always …"',
            "nl": 'Zeggen "ik voel me …" in plaats van "jij altijd …"',
        },
        "why": {
            "en": "Talking about my own feeling invites the other person closer "
            "instead of putting them on the defensive.",
            "nl": "Praten over mijn eigen gevoel nodigt de ander uit dichterbij te komen "
            "in plaats van zich te verdedigen.",
        },
        "steps": [
            {
                "en": 'Notice a "you always …" thought without saying it',
                "nl": 'Een "jij altijd …"-gedachte opmerken zonder hem uit te spreken',
            },
            {
                "en": 'Write down the "I feel … when … because … I need …" sentence',
                "nl": 'De zin "ik voel me … als … omdat … ik heb nodig …" opschrijven',
            },
            {
                "en": 'Say one "I feel …" sentence out loud to my partner or a friend',
                "nl": 'Eén "ik voel me …"-zin hardop zeggen tegen mijn partner of een vriend',
            },
        ],
    },
    {
        "slug": "evening-apart",
        "pattern": "anxious",
        "title": {
            "en": "Spend an evening apart without checking in",
            "nl": "Een avond apart doorbrengen zonder te checken",
        },
        "why": {
            "en": "Trusting the bond while we are apart lets me calm myself instead of seeking reassurance.",
            "nl": "Vertrouwen op de band als we apart zijn helpt me mezelf te kalmeren "
            "in plaats van geruststelling te zoeken.",
        },
        "steps": [
            {
                "en": "Wait 30 minutes before answering or sending a message",
                "nl": "30 minuten wachten voordat ik een bericht beantwoord of stuur",
            },
            {
                "en": "Plan something for myself on an evening apart",
                "nl": "Iets voor mezelf plannen op een avond apart",
            },
            {
                "en": "Spend the whole evening apart without texting to check",
                "nl": "De hele avond apart doorbrengen zonder een controlerend berichtje te sturen",
            },
        ],
    },
    {
        "slug": "accept-closeness",
        "pattern": "avoidant",
        "title": {
            "en": "Accept closeness or a compliment",
            "nl": "Nabijheid of een compliment aannemen",
        },
        "why": {
            "en": "Letting warmth in, instead of brushing it off, lets the people who care about me reach me.",
            "nl": "Warmte binnenlaten in plaats van wegwuiven laat de mensen die om me geven echt bij me komen.",
        },
        "steps": [
            {
                "en": 'Say "thank you" to a compliment without playing it down',
                "nl": '"Dank je" zeggen op een compliment zonder het af te zwakken',
            },
            {
                "en": "Stay for a hug or a hand on my shoulder a few seconds longer",
                "nl": "Een knuffel of een hand op mijn schouder een paar seconden langer toelaten",
            },
            {
                "en": "Tell someone what their closeness means to me",
                "nl": "Iemand vertellen wat diens nabijheid voor me betekent",
            },
        ],
    },
]


@dataclass(frozen=True)
class GoalTemplate:
    slug: str
    pattern: str
    title: str
    why: str
    steps: tuple[str, ...]


def _pick(texts: dict, language: str) -> str:
    return texts.get(language) or texts["en"]


def all_templates(language: str = "en") -> list[GoalTemplate]:
    return [_localise(data, language) for data in TEMPLATES]


def get_template(slug: str, language: str = "en") -> GoalTemplate | None:
    for data in TEMPLATES:
        if data["slug"] == slug:
            return _localise(data, language)
    return None


def _localise(data: dict, language: str) -> GoalTemplate:
    return GoalTemplate(
        slug=data["slug"],
        pattern=data["pattern"],
        title=_pick(data["title"], language),
        why=_pick(data["why"], language),
        steps=tuple(_pick(step, language) for step in data["steps"]),
    )
