"""Personas drawn from the sheet, with the recommendation a domain expert would give and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Persona:
    name: str
    answers: dict[str, str | tuple[str, ...]]
    expected: str
    why: str


def _base(**overrides: str | tuple[str, ...]) -> dict[str, str | tuple[str, ...]]:
    answers: dict[str, str | tuple[str, ...]] = {"secteur": (), "confidentialite": "normale"}
    answers.update(overrides)
    return answers


PERSONAS = (
    Persona(
        "graphiste freelance en ville, seule chez elle",
        _base(
            profil="independant",
            besoins=("salles_reunion", "convivialite"),
            stade="lancement",
            frequence="reguliere",
            duree="quelques_mois",
            budget="modeste",
            territoire="grande_ville",
            secteur=("numerique",),
        ),
        "coworking",
        "Salles de réunion et compagnie, sans engagement lourd : le cas d'école du coworking.",
    ),
    Persona(
        "maker qui veut prototyper un objet",
        _base(
            profil="porteur_projet",
            besoins=("prototypage",),
            stade="prototype",
            frequence="ponctuelle",
            duree="quelques_mois",
            budget="minimal",
            territoire="grande_ville",
            secteur=("industrie_technique",),
        ),
        "fab_lab",
        "Machines de fabrication numérique, petit budget, usage ponctuel : un fab lab.",
    ),
    Persona(
        "fondatrice qui cherche coaching et appels à projets",
        _base(
            profil="porteur_projet",
            besoins=("accompagnement", "appels_projets", "financement"),
            stade="idee",
            frequence="reguliere",
            duree="longue",
            budget="modeste",
            territoire="grande_ville",
            secteur=("numerique",),
        ),
        "incubateur",
        "Une idée innovante, un besoin de méthode et d'aide au financement : un incubateur.",
    ),
    Persona(
        "consultant indépendant en zone rurale",
        _base(
            profil="independant",
            besoins=("bureau_mobile", "convivialite"),
            stade="sans_projet",
            frequence="reguliere",
            duree="longue",
            budget="minimal",
            territoire="rural",
        ),
        "tiers_lieu",
        "À la campagne, un poste et de la compagnie pour peu cher : un tiers-lieu de proximité.",
    ),
    Persona(
        "grand groupe qui veut innover hors de ses murs",
        _base(
            profil="grande_entreprise",
            objectif_entreprise="externaliser",
            besoins=("rencontres", "tests_usagers", "appels_projets"),
            frequence="reguliere",
            duree="longue",
            budget="eleve",
            territoire="grande_ville",
            confidentialite="forte",
        ),
        "open_innovation",
        "Faire dehors, avec des start-up, ce qu'on ne sait pas faire dedans : l'open innovation.",
    ),
    Persona(
        "grand groupe qui veut faire bouger ses équipes",
        _base(
            profil="grande_entreprise",
            objectif_entreprise="transformer",
            besoins=("bureau_mobile", "convivialite", "rencontres"),
            frequence="reguliere",
            duree="quelques_mois",
            budget="moyen",
            territoire="grande_ville",
        ),
        "coworking",
        "Installer des équipes quelques jours par semaine au milieu d'indépendants : un coworking.",
    ),
    Persona(
        "start-up en croissance qui veut lever des fonds",
        _base(
            profil="porteur_projet",
            besoins=("financement", "accompagnement", "rencontres"),
            stade="croissance",
            frequence="quotidienne",
            duree="quelques_mois",
            budget="moyen",
            territoire="grande_ville",
            secteur=("numerique",),
        ),
        "accelerateur",
        "Un produit qui vend, un besoin de fonds et d'investisseurs : un accélérateur.",
    ),
    Persona(
        "jeune entreprise installée dans une ville moyenne",
        _base(
            profil="petite_structure",
            besoins=("bureau_mobile", "salles_reunion", "accompagnement"),
            stade="lancement",
            frequence="quotidienne",
            duree="longue",
            budget="moyen",
            territoire="ville_moyenne",
        ),
        "pepiniere",
        "Une société de moins de trois ans qui veut ses bureaux et un suivi local : une pépinière.",
    ),
    Persona(
        "start-up de la santé qui doit tester avec des usagers",
        _base(
            profil="porteur_projet",
            besoins=("tests_usagers", "accompagnement"),
            stade="prototype",
            frequence="ponctuelle",
            duree="quelques_mois",
            budget="moyen",
            territoire="grande_ville",
            secteur=("social_solidaire",),
        ),
        "living_lab",
        "Un prototype à confronter à de vrais usagers en conditions réelles : un living lab.",
    ),
    Persona(
        "PME qui reçoit des clients et tient à la discrétion",
        _base(
            profil="petite_structure",
            besoins=("salles_reunion", "bureau_mobile"),
            stade="croissance",
            frequence="quotidienne",
            duree="quelques_mois",
            budget="eleve",
            territoire="grande_ville",
            confidentialite="forte",
        ),
        "centre_affaires",
        "Bureaux fermés, salles et services, budget confortable : un centre d'affaires.",
    ),
    Persona(
        "étudiant qui ne peut pas se déplacer",
        _base(
            profil="etudiant",
            besoins=("appels_projets", "rencontres"),
            stade="idee",
            frequence="ponctuelle",
            duree="essai",
            budget="minimal",
            territoire="distance",
            secteur=("numerique",),
        ),
        "plateforme_collaborative",
        "Sans déplacement possible, répondre à des défis en ligne : une plateforme collaborative.",
    ),
    Persona(
        "ébéniste qui cherche un atelier partagé à l'année",
        _base(
            profil="independant",
            besoins=("prototypage", "convivialite"),
            stade="lancement",
            frequence="quotidienne",
            duree="longue",
            budget="moyen",
            territoire="grande_ville",
            secteur=("artisanat",),
        ),
        "makerspace",
        "Outils bois et métal au quotidien, un atelier à soi, une communauté : un makerspace.",
    ),
    Persona(
        "association culturelle dans une ville moyenne",
        _base(
            profil="petite_structure",
            besoins=("convivialite", "rencontres", "salles_reunion"),
            stade="lancement",
            frequence="reguliere",
            duree="longue",
            budget="minimal",
            territoire="ville_moyenne",
            secteur=("culturel", "social_solidaire"),
        ),
        "tiers_lieu",
        "Un lieu ouvert, abordable et ancré dans sa ville, qui mêle les usages : un tiers-lieu.",
    ),
    Persona(
        "étudiants qui cherchent où travailler en groupe",
        _base(
            profil="etudiant",
            besoins=("bureau_mobile", "salles_reunion"),
            stade="sans_projet",
            frequence="reguliere",
            duree="quelques_mois",
            budget="modeste",
            territoire="grande_ville",
        ),
        "coworking",
        "Des postes et une salle pour travailler en groupe en ville : un coworking.",
    ),
)
