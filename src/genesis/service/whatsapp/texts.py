"""What the WhatsApp channel says, in French and English, and the language it
greets a new number in."""

from __future__ import annotations

from typing import Final

from genesis.core.coach.language import detect_language
from genesis.core.coach.types import Language

# Country calling codes where French is the language a stranger is greeted in
# (the text, when it says clearly, wins over the number).
_FRENCH_CODES: Final = frozenset(
    {"212", "213", "216", "221", "222", "223", "224", "225", "226", "227", "228", "229"}
    | {"235", "236", "237", "240", "241", "242", "243", "250", "253", "257", "261", "262"}
    | {"269", "33", "32", "41", "352", "377", "509"}
)


def language_of(wa_id: str, text: str) -> Language:
    """The language to greet a number in: the text's when it is clear, else the
    country's (French-speaking calling codes), else English."""
    said = detect_language(text) if text else None
    if said is not None:
        return said
    return "fr" if any(wa_id.startswith(code) for code in _FRENCH_CODES) else "en"


TEXTS: Final[dict[str, dict[str, str]]] = {
    "welcome": {
        "fr": "Bonjour{name} ! Je suis Genesis Coach : je vous aide à construire votre "
        "projet d'entreprise, étape par étape (vision, mission, clientèle, "
        "différenciation, offre, finances), puis je vous envoie un dossier complet en PDF.",
        "en": "Hello{name}! I am Genesis Coach: I help you build your business plan step "
        "by step (vision, mission, customers, differentiation, offer, finances), then I "
        "send you a complete brief as a PDF.",
    },
    "consent_question": {
        "fr": "Pour vous accompagner, je dois enregistrer vos réponses dans un compte lié "
        "à ce numéro. Vous pourrez tout effacer à tout moment en écrivant SUPPRIMER. "
        "Êtes-vous d'accord ?",
        "en": "To coach you, I need to store your answers in an account tied to this "
        "number. You can erase everything at any time by writing DELETE. Do you agree?",
    },
    "consent_yes": {"fr": "Oui, d'accord", "en": "Yes, I agree"},
    "consent_no": {"fr": "Non merci", "en": "No, thanks"},
    "consent_thanks": {
        "fr": "Merci ! C'est parti. Répondez par écrit, ou touchez un bouton.",
        "en": "Thank you! Let's start. Answer in writing, or tap a button.",
    },
    "consent_declined": {
        "fr": "D'accord, je n'enregistre rien. Écrivez-moi quand vous voulez si vous "
        "changez d'avis.",
        "en": "All right, I store nothing. Write to me any time if you change your mind.",
    },
    "text_only": {
        "fr": "Désolé, je ne sais lire que du texte pour l'instant : écrivez-moi votre "
        "réponse, ou touchez un bouton.",
        "en": "Sorry, I can read text only for now: write your answer, or tap a button.",
    },
    "help": {"fr": "Aide-moi à réfléchir", "en": "Help me think"},
    "idk": {"fr": "Je ne sais pas", "en": "I don't know"},
    "move_on": {"fr": "Passer", "en": "Move on"},
    "examples_body": {
        "fr": "Exemples (touchez-en un pour l'utiliser, ou écrivez le vôtre) :",
        "en": "Examples (tap one to use it, or write your own):",
    },
    "examples_button": {"fr": "Voir les exemples", "en": "See examples"},
    "examples_section": {"fr": "Exemples", "en": "Examples"},
    "example_row": {"fr": "Exemple {n}", "en": "Example {n}"},
    "proposals_body": {
        "fr": "Voici trois propositions. Touchez celle qui vous ressemble, ou écrivez la vôtre :",
        "en": "Here are three proposals. Tap the one that fits you, or write your own:",
    },
    "proposals_button": {"fr": "Choisir", "en": "Choose"},
    "proposals_section": {"fr": "Propositions", "en": "Proposals"},
    "proposal_row": {"fr": "Proposition {n}", "en": "Proposal {n}"},
    "help_title": {"fr": "Quelques questions pour vous aider :", "en": "A few questions to help:"},
    "move_on_needs_answer": {
        "fr": "Écrivez d'abord une réponse, même courte : « Passer » la garde telle quelle.",
        "en": 'Write an answer first, even a short one: "Move on" keeps it as it is.',
    },
    "synthesis_confirm_button": {"fr": "Je confirme", "en": "I confirm"},
    "synthesis_question": {
        "fr": "Cette synthèse vous convient ? Confirmez, ou choisissez une étape à revoir.",
        "en": "Is this summary right? Confirm it, or pick a step to revise.",
    },
    "revise_button": {"fr": "Revoir une étape", "en": "Revise a step"},
    "revise_section": {"fr": "Étapes", "en": "Steps"},
    "revise_body": {
        "fr": "Quelle étape voulez-vous revoir ?",
        "en": "Which step do you want to revise?",
    },
    "progress": {
        "fr": "Merci ! Je prépare votre dossier : étude de marché, textes du site, logo, "
        "référencement, modèle de site et plan financier. Je vous l'envoie ici dès qu'il "
        "est prêt (en général en moins d'une minute).",
        "en": "Thank you! I am preparing your brief: market research, website copy, logo, "
        "SEO, website template and financial plan. I will send it here as soon as it is "
        "ready (usually within a minute).",
    },
    "still_running": {
        "fr": "Votre dossier est en préparation : je vous l'envoie ici dès qu'il est prêt.",
        "en": "Your brief is being prepared: I will send it here as soon as it is ready.",
    },
    "brief_caption": {
        "fr": "Votre dossier d'entreprise : {name}",
        "en": "Your business brief: {name}",
    },
    "brief_link": {
        "fr": "Vous pouvez aussi le lire, le corriger et publier votre site ici : {url}",
        "en": "You can also read it, correct it and publish your website here: {url}",
    },
    "brief_signup": {
        "fr": "Pour le lire, le corriger et publier votre site sur le web, créez un compte "
        "ici : {url}, puis, sur la page « Mon compte », liez ce numéro : vous y retrouverez "
        "cette séance.",
        "en": "To read it, correct it and publish your website on the web, sign up here: "
        "{url}, then link this number from your account page: this session will be there.",
    },
    "brief_failed_retry": {
        "fr": "Désolé, la préparation de votre dossier a échoué. Touchez « Réessayer » pour "
        "la relancer.",
        "en": 'Sorry, preparing your brief failed. Tap "Try again" to run it again.',
    },
    "retry": {"fr": "Réessayer", "en": "Try again"},
    "finished": {
        "fr": "Votre dossier est prêt : {url}. Pour un nouveau projet, touchez « Nouveau ».",
        "en": 'Your brief is ready: {url}. For a new project, tap "New".',
    },
    "finished_here": {
        "fr": "Votre dossier vous a été envoyé ici, en PDF. Pour un nouveau projet, touchez "
        "« Nouveau ».",
        "en": 'Your brief was sent to you here, as a PDF. For a new project, tap "New".',
    },
    "new_session": {"fr": "Nouveau", "en": "New"},
    "forget_question": {
        "fr": "Effacer vos séances, vos réponses et vos dossiers ? Cela ne peut pas être annulé.",
        "en": "Erase your sessions, answers and briefs? This cannot be undone.",
    },
    "forget_yes": {"fr": "Oui, tout effacer", "en": "Yes, erase all"},
    "forget_no": {"fr": "Non, garder", "en": "No, keep them"},
    "forget_kept": {"fr": "D'accord, rien n'est effacé.", "en": "All right, nothing is erased."},
    "forgotten": {
        "fr": "C'est fait : votre compte et toutes vos données sont effacés.",
        "en": "Done: your account and all your data are erased.",
    },
    "unlinked": {
        "fr": "Ce numéro n'est plus lié à votre compte. Votre compte et vos séances restent "
        "sur le site, où vous pouvez les supprimer (page « Mon compte »).",
        "en": "This number is no longer linked to your account. Your account and sessions "
        "stay on the website, where you can delete them (account page).",
    },
    # As the web app words them: the coach reads these the same way from both channels.
    "synthesis_confirm": {"fr": "Je confirme cette synthèse", "en": "I confirm this summary"},
    "revise_text": {"fr": "Revoir l'étape {step}", "en": "Revise the {step} step"},
    "step_vision": {"fr": "Vision", "en": "Vision"},
    "step_mission": {"fr": "Mission", "en": "Mission"},
    "step_clientele": {"fr": "Clientèle", "en": "Target customers"},
    "step_differentiation": {"fr": "Différenciation", "en": "Differentiation"},
    "step_offre": {"fr": "Offre", "en": "Offer"},
    "step_finances": {"fr": "Finances", "en": "Finances"},
    "step_synthesis": {"fr": "Synthèse", "en": "Summary"},
    "linked": {
        "fr": "C'est fait : ce numéro est lié à votre compte {email}. Vos séances sont les "
        "mêmes ici et sur le site.",
        "en": "Done: this number is linked to your account {email}. Your sessions are the "
        "same here and on the website.",
    },
    "bad_code": {
        "fr": "Ce code est faux ou a expiré. Créez-en un nouveau sur la page « Mon compte ».",
        "en": "This code is wrong or has expired. Make a new one on your account page.",
    },
    "stale": {
        "fr": "Ce bouton appartient à une question précédente. Voici où nous en sommes :",
        "en": "This button belongs to an earlier question. Here is where we are:",
    },
    "busy": {
        "fr": "Un instant, je traite votre message précédent. Renvoyez celui-ci dans "
        "quelques secondes.",
        "en": "One moment, I am handling your previous message. Send this one again in a "
        "few seconds.",
    },
}


def say(key: str, language: str, **values: object) -> str:
    text = TEXTS[key]["en" if language == "en" else "fr"]
    return text.format(**values) if values else text
