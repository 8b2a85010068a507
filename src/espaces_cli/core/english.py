"""The English catalog: French template -> English template, filling in the same fields.

Kept by tests (``tests/test_language.py``): every template the program marks has an entry
here, every entry is still used, and both sides fill in the same ``{fields}``.
Grouped by where the messages are shown.
"""

from __future__ import annotations

ENGLISH: dict[str, str] = {
    # --- typography shared by every output (French puts a space before « : ») ---------
    "{label} : {value}": "{label}: {value}",
    "{label} : ": "{label}: ",
    " : {label}": ": {label}",
    "{label} :": "{label}:",
    "{hints} :": "{hints}:",
    "{value} %": "{value}%",
    "{label} : {points} points": "{label}: {points} points",
    "aucun": "none",
    "(aucun)": "(none)",
    "(aucune)": "(none)",
    "(sans titre)": "(untitled)",
    "erreur": "error",
    # --- help: commands -------------------------------------------------------------------
    "Choisir un espace collaboratif externe : coworking, fab lab, incubateur, tiers-lieu…": (
        "Choose an external collaborative space: coworking, fab lab, incubator, third place…"
    ),
    "Choisir un espace collaboratif externe : les bonnes questions, le bon type de lieu,\n"
    "les précautions et une liste pour la visite.": (
        "Choose an external collaborative space: the right questions, the right kind of\n"
        "place, the precautions and a checklist for the visit."
    ),
    "Recommander un type de lieu, avec ses raisons (pose les questions manquantes).": (
        "Recommend a kind of place, with its reasons (asks the missing questions)."
    ),
    "Lister les questions, leurs ids et leurs choix (ou un modèle de réponses).": (
        "List the questions, their ids and their choices (or an answers template)."
    ),
    "Lister les types de lieux, ou détailler l'un d'eux.": (
        "List the kinds of place, or describe one of them."
    ),
    "Vérifier, explorer et adapter une base de règles.": ("Check, explore and adapt a rule base."),
    "Lister toutes les erreurs et tous les avertissements d'une base de règles.": (
        "List every error and every warning of a rule base."
    ),
    "Montrer combien de fois chaque type arrive en tête, et un exemple pour chacun.": (
        "Show how often each kind of place comes first, with an example for each."
    ),
    "Écrire le schéma JSON des bases de règles (pour la complétion dans l'éditeur).": (
        "Print the JSON Schema of rule bases (for completion in your editor)."
    ),
    "Écrire une copie modifiable de la base de règles et de son schéma.": (
        "Write an editable copy of the rule base and its schema."
    ),
    "Montrer l'adéquation d'un type à chaque critère et les réponses qui le font bouger.": (
        "Show how a kind of place fits each criterion and which answers move it."
    ),
    "Atelier : plusieurs participants, la recommandation du groupe et ses désaccords.": (
        "Workshop: several participants, the group's recommendation and its disagreements."
    ),
    "Créer une session d'atelier vide, liée à la base de règles.": (
        "Create an empty workshop session, tied to the rule base."
    ),
    "Ajouter des participants : au clavier, ou depuis des fichiers de réponses.": (
        "Add participants: at the keyboard, or from answers files."
    ),
    "Importer les réponses d'un formulaire en ligne (CSV : ids ou libellés, « ; »).": (
        "Import the answers of an online form (CSV: ids or labels, “;” between values)."
    ),
    "Lister les participants d'une session.": "List the participants of a session.",
    "Retirer un participant d'une session.": "Remove a participant from a session.",
    "Le rapport du groupe : classement, contrôles, consensus, désaccords, liste de visite.": (
        "The group report: ranking, cross-checks, consensus, disagreements, visit checklist."
    ),
    # --- help: options and arguments ------------------------------------------------------
    "Afficher la version et quitter.": "Show the version and exit.",
    "Langue des messages (fr ou en), à donner n'importe où sur la ligne ; "
    "sinon ESPACES_LANG, puis la langue du système, puis fr.": (
        "Language of the messages (fr or en), accepted anywhere on the command line; "
        "otherwise ESPACES_LANG, then the system language, then fr."
    ),
    "Afficher cette aide et quitter.": "Show this help and exit.",
    "Langue des messages ; sinon ESPACES_LANG, puis la langue du système, puis fr.": (
        "Language of the messages; otherwise ESPACES_LANG, then the system language, then fr."
    ),
    "Installer la complétion pour le shell courant.": "Install completion for the current shell.",
    "Complétion {shell} installée dans {path}.": "{shell} completion installed in {path}.",
    "Elle fonctionnera dans les nouveaux terminaux.": "It will work in new terminals.",
    "Afficher le script de complétion du shell courant, pour le copier ou l'adapter.": (
        "Show the completion script of the current shell, to copy or adapt it."
    ),
    "FICHIER": "FILE",
    "[FICHIER]": "[FILE]",
    "[FICHIERS]...": "[FILES]...",
    "[DOSSIER]": "[FOLDER]",
    "NOM": "NAME",
    "ID=VALEUR": "ID=VALUE",
    "Donner une réponse (répétable) ; plusieurs valeurs : id=a,b.": (
        "Give an answer (repeatable); several values: id=a,b."
    ),
    "Lire les réponses d'un fichier YAML ou JSON (- pour l'entrée standard).": (
        "Read the answers from a YAML or JSON file (- for standard input)."
    ),
    "Ne rien demander : échouer s'il manque une réponse.": (
        "Ask nothing: fail if an answer is missing."
    ),
    "Base de règles à utiliser à la place de celle fournie.": (
        "Rule base to use instead of the one provided."
    ),
    "Format du rapport.": "Format of the report.",
    "Format de la liste.": "Format of the list.",
    "Format de la sortie.": "Format of the output.",
    "Écrire le rapport dans un fichier plutôt qu'à l'écran.": (
        "Write the report to a file instead of the screen."
    ),
    "Écrire le rapport dans un fichier.": "Write the report to a file.",
    "Enregistrer les réponses pour rejouer plus tard (--answers).": (
        "Save the answers to replay them later (--answers)."
    ),
    "Reprendre un questionnaire interrompu (par défaut, le dernier).": (
        "Resume an interrupted questionnaire (by default, the last one)."
    ),
    "Reposer cette question même si elle a une réponse (répétable).": (
        "Ask this question again even if it has an answer (repeatable)."
    ),
    "Mode simple (lecteurs d'écran) : questions numérotées, texte sans décor.": (
        "Plain mode (screen readers): numbered questions, undecorated text."
    ),
    "Écrire un fichier de réponses prêt à remplir.": "Print an answers file ready to fill in.",
    "Un type de lieu à détailler.": "A kind of place to describe.",
    "Le type de lieu à expliquer.": "The kind of place to explain.",
    "Base de règles (à défaut : --rules, ESPACES_RULES, ou celle fournie).": (
        "Rule base (otherwise: --rules, ESPACES_RULES, or the one provided)."
    ),
    "Jeux de réponses explorés pour les avertissements (au moins 1).": (
        "Answer sets explored for the warnings (at least 1)."
    ),
    "Taille de l'échantillon quand tout parcourir est trop long (au moins 1).": (
        "Sample size when exploring everything would take too long (at least 1)."
    ),
    "Graine du tirage des réponses.": "Seed of the random answer sets.",
    "Où écrire la copie (défaut : ici).": "Where to write the copy (default: here).",
    "Remplacer les fichiers qui existent déjà.": "Replace files that already exist.",
    "Le fichier de session (YAML).": "The session file (YAML).",
    "Remplacer les réponses d'un participant déjà présent.": (
        "Replace the answers of a participant already there."
    ),
    "Titre de l'atelier.": "Title of the workshop.",
    "Remplacer une session existante.": "Replace an existing session.",
    "Fichiers de réponses (advise --save-answers) ; nom = nom du fichier.": (
        "Answers files (advise --save-answers); name = file name."
    ),
    "Poser les questions à ce participant (répétable, chacun son tour).": (
        "Ask this participant the questions (repeatable, one after the other)."
    ),
    "Export d'un formulaire en ligne.": "Export of an online form.",
    "S'arrêter à la première ligne fautive, sans rien écrire.": (
        "Stop at the first faulty row, writing nothing."
    ),
    "P1, P2… au lieu des noms.": "P1, P2… instead of names.",
    "Le participant à retirer.": "The participant to remove.",
    # --- help layout and usage errors (Typer's own words) ---------------------------------
    "Usage : ": "Usage: ",
    "Arguments": "Arguments",
    "Options": "Options",
    "Commandes": "Commands",
    "COMMANDE [ARGS]...": "COMMAND [ARGS]...",
    "défaut : {value}": "default: {value}",
    "variable : {name}": "env var: {name}",
    "obligatoire": "required",
    "Erreur : {message}": "Error: {message}",
    "Essayez « {command} {option} » pour l'aide.": "Try '{command} {option}' for help.",
    "Option inconnue : {option}.": "No such option: {option}.",
    "Options proches : {options}.": "Close options: {options}.",
    "Il manque « {name} ».": "Missing '{name}'.",
    "Valeur refusée pour « {name} » : {why}": "Invalid value for '{name}': {why}",
    "{value} n'est pas l'une des valeurs possibles : {choices}.": (
        "{value} is not one of the possible values: {choices}."
    ),
    "la valeur doit être au moins {n}.": "the value must be at least {n}.",
    "un nombre entier est attendu.": "a whole number is expected.",
    "L'option {option} attend une valeur.": "Option {option} needs a value.",
    "L'option {option} ne prend pas de valeur.": "Option {option} takes no value.",
    "Argument(s) en trop : {args}.": "Unexpected extra argument(s): {args}.",
    "Commande inconnue : « {name} ».": "No such command: '{name}'.",
    "Vouliez-vous dire {names} ?": "Did you mean {names}?",
    "Il manque la commande.": "Missing command.",
    "--lang attend une langue : fr ou en.": "--lang needs a language: fr or en.",
    "{source} : langue inconnue « {value} » (fr ou en).": (
        "{source}: unknown language '{value}' (fr or en)."
    ),
    # --- messages of the commands ----------------------------------------------------------
    "Écrit dans {path}": "Written to {path}",
    "Interrompu.": "Interrupted.",
    "Interrompu : aucune réponse n'a été enregistrée.": "Interrupted: no answer was saved.",
    "Interrompu : {count} réponse(s) gardée(s) dans {path} ; "
    "reprenez avec : espaces advise --resume": (
        "Interrupted: {count} answer(s) kept in {path}; resume with: espaces advise --resume"
    ),
    "Aucun questionnaire interrompu à reprendre.": "No interrupted questionnaire to resume.",
    "--ask repose une question à l'écran : il faut un terminal (et pas --no-input).": (
        "--ask asks a question again on screen: it needs a terminal (and no --no-input)."
    ),
    "Donnez-les avec --answer ID=VALEUR ou --answers FICHIER.": (
        "Give them with --answer ID=VALUE or --answers FILE."
    ),
    "Pas de terminal pour poser les questions : donnez-les avec --answer ID=VALEUR "
    "ou --answers FICHIER.": (
        "No terminal to ask the questions: give the answers with --answer ID=VALUE "
        "or --answers FILE."
    ),
    "Réponse ignorée : « {id} » ne s'applique pas avec ces réponses.": (
        "Answer ignored: '{id}' does not apply with these answers."
    ),
    "Attention : {name} a été enregistré avec une autre base de règles "
    "(sha256 {sha}…) ; les réponses sont revérifiées.": (
        "Warning: {name} was saved with another rule base (sha256 {sha}…); "
        "the answers are checked again."
    ),
    "{path}: le dossier « {folder} » n'existe pas": "{path}: the folder '{folder}' does not exist",
    "{path}: le dossier n'existe pas": "{path}: the folder does not exist",
    "Type de lieu inconnu « {id} ».": "Unknown kind of place '{id}'.",
    "Vouliez-vous dire « {id} » ?": "Did you mean '{id}'?",
    "Types : {ids}.": "Kinds: {ids}.",
    "Base de règles invalide : {count} erreur(s).": "Invalid rule base: {count} error(s).",
    "Base de règles valide ({count} avertissement(s)).": "Valid rule base ({count} warning(s)).",
    "Exploration": "Exploring",
    "Déjà présent(s) : {paths} ; rien n'a été écrit (--force pour remplacer).": (
        "Already there: {paths}; nothing was written (--force to replace)."
    ),
    "Écrit : {rules} et {schema}": "Written: {rules} and {schema}",
    "Ensuite :": "Next:",
    "  1. modifiez {file} (votre éditeur le complète grâce au schéma) ;": (
        "  1. edit {file} (your editor completes it thanks to the schema);"
    ),
    "  2. vérifiez-la : espaces rules check {file}": "  2. check it: espaces rules check {file}",
    "  3. regardez qui gagne : espaces rules coverage {file}": (
        "  3. see who wins: espaces rules coverage {file}"
    ),
    "  4. utilisez-la : espaces advise --rules {file}": (
        "  4. use it: espaces advise --rules {file}"
    ),
    "{path}: session faite avec une autre base de règles ({name} {version}, "
    "sha256 {sha}…) que celle-ci ({used_name} {used_version}, sha256 "
    "{used_sha}…) ; pour la recalculer avec une autre base : "
    "workshop report --rules FICHIER.": (
        "{path}: session made with another rule base ({name} {version}, sha256 {sha}…) "
        "than this one ({used_name} {used_version}, sha256 {used_sha}…); to recompute it "
        "with another base: workshop report --rules FILE."
    ),
    "Attention : session recalculée avec {path}, pas avec sa base d'origine.": (
        "Warning: session recomputed with {path}, not with its original base."
    ),
    "{path}: existe déjà (--force pour la remplacer)": (
        "{path}: already exists (--force to replace it)"
    ),
    "Session créée : {path}. Ajoutez des participants : "
    "espaces workshop add {path} --participant NOM": (
        "Session created: {path}. Add participants: espaces workshop add {path} --participant NAME"
    ),
    "Donnez --participant NOM (questions à l'écran) ou des fichiers de réponses.": (
        "Give --participant NAME (questions on screen) or answers files."
    ),
    "{count} participant(s) ajouté(s) : {path} ({total} en tout).": (
        "{count} participant(s) added: {path} ({total} in all)."
    ),
    "Pas de terminal pour poser les questions : ajoutez des fichiers de "
    "réponses (workshop add SESSION FICHIERS) ou importez un CSV.": (
        "No terminal to ask the questions: add answers files "
        "(workshop add SESSION FILES) or import a CSV."
    ),
    "— Participant : {name}": "— Participant: {name}",
    "Interrompu : les réponses de {name} ne sont pas enregistrées ; celles des "
    "participants précédents le sont.": (
        "Interrupted: {name}'s answers are not saved; those of the previous participants are."
    ),
    "Réponses de {name} enregistrées ({count} participant(s)).": (
        "{name}'s answers saved ({count} participant(s))."
    ),
    "colonne inconnue « {column} » ignorée": "unknown column '{column}' ignored",
    "Ligne {line}": "Row {line}",
    "(ligne ignorée)": "(row ignored)",
    "{count} problème(s) : rien n'a été importé (--strict).": (
        "{count} problem(s): nothing was imported (--strict)."
    ),
    "{count} participant(s) importé(s) dans {path} ({total} en tout).": (
        "{count} participant(s) imported into {path} ({total} in all)."
    ),
    "{title} : {count} participant(s)": "{title}: {count} participant(s)",
    "« {name} » retiré ({count} participant(s)).": "'{name}' removed ({count} participant(s)).",
    "{path}: session vide : ajoutez des participants (workshop add ou workshop import).": (
        "{path}: empty session: add participants (workshop add or workshop import)."
    ),
    # --- answers given on the command line or in files ------------------------------------
    "--answer « {text} » : forme attendue ID=VALEUR (par exemple profil=independant).": (
        "--answer '{text}': expected form ID=VALUE (for example profil=independant)."
    ),
    " Vouliez-vous dire « {id} » ?": " Did you mean '{id}'?",
    "Question inconnue « {id} ».{hint} Questions : {known}.": (
        "Unknown question '{id}'.{hint} Questions: {known}."
    ),
    "{id} : « {value} » n'est pas une valeur permise.{hint} Valeurs permises : {allowed}.": (
        "{id}: '{value}' is not an allowed value.{hint} Allowed values: {allowed}."
    ),
    "{id} attend une seule valeur parmi : {allowed}.": (
        "{id} takes a single value among: {allowed}."
    ),
    "{id} : choisissez au moins {count} valeur(s) parmi : {allowed}.": (
        "{id}: choose at least {count} value(s) among: {allowed}."
    ),
    "{id} (selon {others})": "{id} (depending on {others})",
    "Réponses manquantes : {missing}. {hint}": "Missing answers: {missing}. {hint}",
    "Complétez ses réponses.": "Complete their answers.",
    "« {name} » participe déjà à cette session (--replace pour remplacer ses réponses).": (
        "'{name}' already takes part in this session (--replace to replace their answers)."
    ),
    "« {name} » ne participe pas à cette session (participants : {known}).": (
        "'{name}' does not take part in this session (participants: {known})."
    ),
    "fichier de réponses": "answers file",
    "un fichier de réponses": "an answers file",
    "{path}: le fichier doit être une table « question: réponse »": (
        "{path}: the file must be a 'question: answer' mapping"
    ),
    "{path}: clé inattendue « {key} » à côté de « answers »": (
        "{path}: unexpected key '{key}' next to 'answers'"
    ),
    "{path}: « answers » doit être une table « question: réponse »": (
        "{path}: 'answers' must be a 'question: answer' mapping"
    ),
    "JSON illisible : {problem}": "unreadable JSON: {problem}",
    "YAML illisible : {problem}": "unreadable YAML: {problem}",
    "{path}: {key} : YAML lit cette valeur comme un booléen ({word}) ; "
    "mettez-la entre guillemets": (
        "{path}: {key}: YAML reads this value as a boolean ({word}); put it in quotes"
    ),
    "{path}: {key} : réponse attendue sous forme de texte ou de liste de textes": (
        "{path}: {key}: answer expected as a text or a list of texts"
    ),
    "Réponses enregistrées par espaces. Rejouez-les avec :": (
        "Answers saved by espaces. Replay them with:"
    ),
    "CE_FICHIER": "THIS_FILE",
    # --- files -------------------------------------------------------------------------------
    "{path}: est un dossier": "{path}: is a folder",
    "{path}: est un dossier, pas {what}": "{path}: is a folder, not {what}",
    "{path}: écriture impossible ({why})": "{path}: cannot write ({why})",
    "{path}: {what} introuvable{hint}": "{path}: {what} not found{hint}",
    "{path}: lecture impossible ({why})": "{path}: cannot read ({why})",
    # issue 10: needs that are not outvoted, budget ceiling, ex aequo, dated facts, pointers
    " ou ": " or ",
    "ne couvre pas : {needs}": "does not cover: {needs}",
    "au-dessus du budget (au moins {low} € par personne et par mois)": (
        "above the budget (at least €{low} per person per month)"
    ),
    "Mieux notés mais mis en retrait : {types}.": "Scored higher but held back: {types}.",
    "Besoins couverts : {needs}": "Needs covered: {needs}",
    "Besoins non couverts : {needs}": "Needs not covered: {needs}",
    "Mis en retrait": "Held back",
    "Mis en retrait :": "Held back:",
    "Repères": "Key facts",
    "Repères :": "Key facts:",
    "Autres appuis": "Other support",
    "Autres appuis :": "Other support:",
    "coût : min dépasse max": "cost: min is above max",
    "identifiant « {id} » en double": "id '{id}' duplicated",
    # --- files, streams and locks (issue 9: nothing lost, nothing hangs) -----------------
    "<stdin>: l'entrée standard est fermée": "<stdin>: standard input is closed",
    "permission refusée": "permission denied",
    "En attente : {path} est en cours d'écriture par un autre processus…": (
        "Waiting: {path} is being written by another process…"
    ),
    "{option} {path} désigne le même fichier que {other} : il serait écrasé ; "
    "choisissez un autre fichier.": (
        "{option} {path} is the same file as {other}: it would be overwritten; choose another file."
    ),
    "aucun dossier pour la garder": "no folder to keep them in",
    "Réponses non gardées dans un fichier ({why}) ; les voici, pour reprendre : {command}": (
        "Answers not kept in a file ({why}); here they are, to resume: {command}"
    ),
    "{count} réponse(s) gardée(s) dans {path} ; reprenez avec : espaces advise --resume": (
        "{count} answer(s) kept in {path}; resume with: espaces advise --resume"
    ),
    "imbrication trop profonde": "nested too deep",
    "nombre trop long": "number too long",
    "nombre fini attendu (ni .inf ni .nan)": "finite number expected (neither .inf nor .nan)",
    "clé « {key} » en double (la réponse serait ambiguë)": (
        "key “{key}” given twice (the answer would be ambiguous)"
    ),
    "« {first} » et « {second} » désignent la même question ({id}) : gardez-en une seule.": (
        "“{first}” and “{second}” name the same question ({id}): keep only one."
    ),
    "format de session « {version} » inconnu : cette version d'espaces lit le format "
    "{known} (mettez espaces à jour)": (
        "unknown session format “{version}”: this version of espaces reads format {known} "
        "(update espaces)"
    ),
    "Nom de participant vide.": "Empty participant name.",
    "Nom de participant illisible « {name} » (des octets qui ne sont pas du texte UTF-8).": (
        "Unreadable participant name “{name}” (bytes that are not UTF-8 text)."
    ),
    "Nom de participant trop long ({count} caractères, {limit} au plus).": (
        "Participant name too long ({count} characters, at most {limit})."
    ),
    "fichier CSV": "CSV file",
    "un fichier CSV": "a CSV file",
    "plusieurs colonnes donnent le nom du participant ({columns}) : gardez-en une "
    "(ou un prénom et un nom)": (
        "several columns give the participant's name ({columns}): keep one "
        "(or a first name and a last name)"
    ),
    "caractère nul (est-ce bien un fichier texte ?)": "NUL character (is it a text file?)",
    "une cellule est trop longue": "a cell is too long",
    "guillemets mal fermés ou mal placés": "quotes not closed or misplaced",
    "{text}": "{text}",
    "{path}: fichier trop gros (plus de {size} Mo)": "{path}: file too large (over {size} MB)",
    "{path}:{line}: le fichier n'est pas en UTF-8 (enregistrez-le en UTF-8)": (
        "{path}:{line}: the file is not UTF-8 (save it as UTF-8)"
    ),
    # --- questions asked at the terminal --------------------------------------------------
    "(flèches ↑↓ pour choisir, Entrée pour valider)": "(arrows ↑↓ to choose, Enter to confirm)",
    "(flèches ↑↓, Espace pour cocher, Entrée pour valider)": (
        "(arrows ↑↓, Space to tick, Enter to confirm)"
    ),
    "← Revenir à la question précédente": "← Back to the previous question",
    "Cochez au moins {count} réponse(s) avec Espace.": (
        "Tick at least {count} answer(s) with Space."
    ),
    "retour à la question précédente": "back to the previous question",
    "Question {number} sur {total} : {label}": "Question {number} of {total}: {label}",
    "Tapez un numéro": "Type a number",
    "Tapez un ou plusieurs numéros séparés par des virgules": (
        "Type one or more numbers separated by commas"
    ),
    "Entrée seule garde {numbers}": "Enter alone keeps {numbers}",
    "Entrée seule : aucun": "Enter alone: none",
    "0 pour revenir à la question précédente": "0 to go back to the previous question",
    "Retour à la question précédente.": "Back to the previous question.",
    "Réponse : {answer}": "Answer: {answer}",
    "Numéros possibles : de 1 à {count}.": "Possible numbers: 1 to {count}.",
    "Un seul numéro pour cette question.": "A single number for this question.",
    "Choisissez au moins {count} réponse(s).": "Choose at least {count} answer(s).",
    # --- the advice ---------------------------------------------------------------------------
    "nette": "clear",
    "serrée": "narrow",
    "ex aequo": "tied",
    "général": "general",
    "propre au type": "specific to this kind",
    "selon vos réponses": "from your answers",
    "Base de règles : {name} {version} (sha256 {sha}…)": (
        "Rule base: {name} {version} (sha256 {sha}…)"
    ),
    "Aucun type de lieu ne reste en lice.": "No kind of place is left in the running.",
    "{first} et {second} sont à moins d'un point ({margin}).": (
        "{first} and {second} are less than a point apart ({margin})."
    ),
    "Écart de {margin} points seulement avec {second} (moins de {clear}).": (
        "Only {margin} points ahead of {second} (less than {clear})."
    ),
    "Sans le critère « {criterion} », {new} passerait en tête.": (
        "Without the criterion '{criterion}', {new} would come first."
    ),
    "Recommandation": "Recommendation",
    "Aucun type de lieu ne convient : tous ont été écartés.": (
        "No kind of place suits: all were ruled out."
    ),
    "Certitude : ": "Confidence: ",
    "(écart de {margin} points avec {second})": "({margin} points ahead of {second})",
    "Classement": "Ranking",
    "Rang": "Rank",
    "Type de lieu": "Kind of place",
    "Score": "Score",
    "Pourquoi": "Why",
    "Ce qui pèse le plus dans le score :": "What weighs most in the score:",
    "Ce qui fait la différence avec {second} :": "What makes the difference with {second}:",
    "Vos réponses qui ont fixé ces poids :": "Your answers that set these weights:",
    "Écartés": "Ruled out",
    "Avantages": "Advantages",
    "Précautions": "Precautions",
    "Pour la visite": "For the visit",
    "Vos réponses": "Your answers",
    "Pour rejouer sans questions :": "To replay without questions:",
    "Quel espace collaboratif choisir ?": "Which collaborative space to choose?",
    "**Aucun type de lieu ne convient à ces réponses** : tous ont été écartés.": (
        "**No kind of place suits these answers**: all were ruled out."
    ),
    "Recommandation : {label}": "Recommendation: {label}",
    "Score : **{score} / 100**": "Score: **{score} / 100**",
    "Certitude : **{level}**": "Confidence: **{level}**",
    "(écart de {margin} points)": "({margin} points ahead)",
    "(aucune différence sur les critères pondérés)": "(no difference on the weighted criteria)",
    "Pour rejouer": "To replay",
    "Recommandation : aucun type de lieu ne convient, tous ont été écartés.": (
        "Recommendation: no kind of place suits, all were ruled out."
    ),
    "Recommandation : {label}, score {score} sur 100.": (
        "Recommendation: {label}, score {score} out of 100."
    ),
    "Certitude : {level}": "Confidence: {level}",
    ", écart de {margin} points avec {second}": ", {margin} points ahead of {second}",
    "Classement :": "Ranking:",
    "Pourquoi, ce qui pèse le plus :": "Why, what weighs most:",
    "Écartés :": "Ruled out:",
    "Avantages :": "Advantages:",
    "Précautions :": "Precautions:",
    "Pour la visite :": "For the visit:",
    "Vos réponses :": "Your answers:",
    # --- questions and kinds of place (questions, types) ---------------------------------
    "toujours": "always",
    "contient": "contains",
    "et": "and",
    "ou": "or",
    "non {condition}": "not {condition}",
    "un choix": "one choice",
    "plusieurs choix": "several choices",
    ", au moins {count}": ", at least {count}",
    "posée si : {condition}": "asked if: {condition}",
    "Exemple : {command}": "Example: {command}",
    "Types de lieux": "Kinds of place",
    "Type": "Kind",
    "En bref": "In short",
    "Détail d'un type : espaces types ID (par exemple espaces types fab_lab)": (
        "Details of a kind: espaces types ID (for example espaces types fab_lab)"
    ),
    "(si {condition})": "(if {condition})",
    "Adéquation à chaque critère (0 à 4)": "Fit to each criterion (0 to 4)",
    "Critère": "Criterion",
    "Écarté quand": "Ruled out when",
    "Repères datés": "Dated facts",
    "Adéquation aux critères": "Fit to the criteria",
    "Fichier de réponses pour : espaces advise --answers CE_FICHIER": (
        "Answers file for: espaces advise --answers THIS_FILE"
    ),
    "Remplacez ~ par l'id d'un choix ; pour plusieurs choix : [id1, id2].": (
        "Replace ~ with the id of a choice; for several choices: [id1, id2]."
    ),
    "Une question laissée à ~ est posée à l'écran, ou prend sa valeur par défaut.": (
        "A question left at ~ is asked on screen, or takes its default value."
    ),
    # --- rule-base tools (rules check, coverage, explain) --------------------------------
    "toutes les réponses possibles": "every possible answer",
    "un échantillon de réponses plausibles (graine {seed})": (
        "a sample of plausible answers (seed {seed})"
    ),
    "Couverture : {count} jeux de réponses, {how}": "Coverage: {count} answer sets, {how}",
    "En tête": "First",
    "Part": "Share",
    "Un jeu de réponses où chaque type arrive en tête :": (
        "An answer set where each kind comes first:"
    ),
    "Jamais en tête : {ids}": "Never first: {ids}",
    "Chaque type arrive en tête au moins une fois.": "Every kind comes first at least once.",
    "Les réponses qui le font monter": "The answers that push it up",
    "Les réponses qui le font descendre": "The answers that push it down",
    "L'écart est en points d'adéquation (0 à 4) par rapport à la moyenne des "
    "types, sur les critères que la réponse fait peser.": (
        "The lift is in fit points (0 to 4) against the average of the kinds, "
        "on the criteria the answer gives weight to."
    ),
    "sur toutes les réponses possibles": "over every possible answer",
    "sur {count} jeux de réponses tirés au hasard, graine {seed}": (
        "over {count} random answer sets, seed {seed}"
    ),
    "avertissement : ": "warning: ",
    "(racine)": "(root)",
    "« {id} » n'arrive jamais en tête ({how})": "'{id}' never comes first ({how})",
    "aucune règle ne donne de poids au critère « {id} »": (
        "no rule gives weight to the criterion '{id}'"
    ),
    "cette question n'est jamais posée": "this question is never asked",
    "cette règle ne peut jamais s'appliquer": "this rule can never apply",
    "cette condition n'est jamais vraie": "this condition is never true",
    "{what} : aucune suite de réponses ne rend sa condition vraie": (
        "{what}: no sequence of answers makes its condition true"
    ),
    "les réponses à « {id} » ne changent aucun score (aucune règle de poids ne la lit)": (
        "the answers to '{id}' change no score (no weight rule reads it)"
    ),
    "aucune règle ne mentionne le choix « {id} »": "no rule mentions the choice '{id}'",
    "adéquations trop proches de « {id} » (écart total {gap}) : "
    "les deux types se départagent mal": (
        "fits too close to '{id}' (total gap {gap}): the two kinds are hard to tell apart"
    ),
    # --- rule-base validation -------------------------------------------------------------
    "fichier de règles": "rules file",
    "un fichier de règles": "a rules file",
    "{path}: fichier binaire, pas un fichier YAML": "{path}: binary file, not a YAML file",
    "{path}: {count} problème(s)": "{path}: {count} problem(s)",
    "le fichier doit être une table (clé: valeur)": "the file must be a mapping (key: value)",
    "champ obligatoire manquant": "required field missing",
    "champ obligatoire « {name} » manquant": "required field '{name}' missing",
    "clé inconnue": "unknown key",
    "clé inconnue « {key} »": "unknown key '{key}'",
    "texte attendu": "text expected",
    "nombre entier attendu": "whole number expected",
    "nombre attendu": "number expected",
    "table (clé: valeur) attendue": "mapping (key: value) expected",
    "liste attendue": "list expected",
    "valeur non permise": "value not allowed",
    "valeur trop petite": "value too small",
    "valeur trop grande": "value too large",
    "forme non permise": "form not allowed",
    "ne doit pas être vide": "must not be empty",
    "forme non reconnue": "form not recognised",
    "{message} (attendu : {expected})": "{message} (expected: {expected})",
    "{message} (limite : {bound})": "{message} (limit: {bound})",
    "texte français (fr) manquant": "French text (fr) missing",
    "une condition porte exactement un opérateur parmi {operators} (trouvé : {found})": (
        "a condition carries exactly one operator among {operators} (found: {found})"
    ),
    "règle « {id} » en double": "rule '{id}' duplicated",
    "critère inconnu « {id} »": "unknown criterion '{id}'",
    "adéquation manquante pour : {ids}": "fit missing for: {ids}",
    "une question à choix unique a un défaut unique": (
        "a single-choice question has a single default"
    ),
    "choix inconnu « {value} » pour {id}": "unknown choice '{value}' for {id}",
    "min_choices ne vaut que pour kind: several": "min_choices only applies to kind: several",
    "min_choices dépasse le nombre de choix ({count})": (
        "min_choices exceeds the number of choices ({count})"
    ),
    "question inconnue « {id} »": "unknown question '{id}'",
    "« {id} » n'est pas posée avant cette question : la condition ne peut pas être évaluée": (
        "'{id}' is not asked before this question: the condition cannot be evaluated"
    ),
    "« contains » s'applique aux questions à choix multiples ; {id} est à choix unique": (
        "'contains' applies to several-choice questions; {id} is single-choice"
    ),
    "« {operator} » s'applique aux questions à choix unique ; "
    "pour {id} (choix multiples), utilisez contains": (
        "'{operator}' applies to single-choice questions; for {id} (several choices), use contains"
    ),
    "« {value} » n'est pas un choix de {id} ({choices})": (
        "'{value}' is not a choice of {id} ({choices})"
    ),
    "YAML illisible : caractère de contrôle {char} interdit": (
        "unreadable YAML: control character {char} not allowed"
    ),
    "trop de valeurs (alias imbriqués ?) : fichier refusé": (
        "too many values (nested aliases?): file refused"
    ),
    "imbrication trop profonde (plus de {count} niveaux)": "nesting too deep (over {count} levels)",
    "étiquette YAML « {tag} » non permise": "YAML tag '{tag}' not allowed",
    "valeur illisible : {problem}": "unreadable value: {problem}",
    "une clé doit être un simple texte": "a key must be plain text",
    "clé « {key} » en double (déjà ligne {line})": (
        "key '{key}' duplicated (already on line {line})"
    ),
    "la clé « {raw} » n'est pas lue comme un texte par YAML (booléen ou nombre) : "
    'mettez-la entre guillemets, "{raw}"': (
        "the key '{raw}' is not read as text by YAML (boolean or number): "
        'put it in quotes, "{raw}"'
    ),
    "la valeur « {raw} » n'est pas lue comme un texte par YAML (booléen ou nombre) : "
    'mettez-la entre guillemets, "{raw}"': (
        "the value '{raw}' is not read as text by YAML (boolean or number): "
        'put it in quotes, "{raw}"'
    ),
    # --- workshop sessions and CSV imports ------------------------------------------------
    "session": "session",
    "une session": "a session",
    "(créez-la avec espaces workshop new)": "(create it with espaces workshop new)",
    "session illisible : {problem}": "unreadable session: {problem}",
    "ce n'est pas une session espaces": "this is not an espaces session",
    "ce n'est pas une session espaces (clé « {key} » absente)": (
        "this is not an espaces session (key '{key}' missing)"
    ),
    "« rules » (nom, version, sha256 de la base) manquant": (
        "'rules' (name, version, sha256 of the base) missing"
    ),
    "« participants » doit être une liste": "'participants' must be a list",
    "chaque participant est une table": "each participant is a mapping",
    "participant sans nom (« name »)": "participant without a name ('name')",
    "« {name} » : « answers » manquant": "'{name}': 'answers' missing",
    "Session d'atelier espaces : les réponses de chaque participant, un par ligne.": (
        "espaces workshop session: each participant's answers, one per line."
    ),
    "Rapport de groupe : espaces workshop report CE_FICHIER": (
        "Group report: espaces workshop report THIS_FILE"
    ),
    "{path}: fichier CSV vide": "{path}: empty CSV file",
    "CSV illisible : {problem}": "unreadable CSV: {problem}",
    # --- the group report ----------------------------------------------------------------
    "non applicable : il faut au moins deux participants": (
        "not applicable: at least two participants are needed"
    ),
    "accord très faible": "very weak agreement",
    "accord faible": "weak agreement",
    "accord moyen": "moderate agreement",
    "accord fort": "strong agreement",
    "accord très fort": "very strong agreement",
    "tout le monde a le même premier choix": "everyone has the same first choice",
    "premiers choix très concentrés": "first choices very concentrated",
    "premiers choix partagés entre quelques lieux": "first choices shared among a few places",
    "premiers choix très dispersés": "first choices widely scattered",
    "Aucun type de lieu ne reste en lice pour le groupe.": (
        "No kind of place is left in the running for the group."
    ),
    "Recommandation du groupe : {label}.": "The group's recommendation: {label}.",
    "aucun (les préférences tournent en rond)": "none (the preferences go round in a circle)",
    "Pas de gagnant net pour le groupe : la moyenne désigne {label}, le décompte de Borda "
    "{borda}, la majorité par paires {condorcet}.": (
        "No clear winner for the group: the average points to {label}, the Borda count "
        "to {borda}, the pairwise majority to {condorcet}."
    ),
    "Atelier : {title} — {count} participant(s)": "Workshop: {title} — {count} participant(s)",
    "Atelier : {title}": "Workshop: {title}",
    "{count} participant(s)": "{count} participant(s)",
    "{count} participant(s).": "{count} participant(s).",
    "Score {score} / 100, certitude ": "Score {score} / 100, confidence ",
    "Classement du groupe (poids moyens)": "Group ranking (average weights)",
    "Classement du groupe": "Group ranking",
    "1er choix": "1st choice",
    "Contrôles : Borda → {borda} ; majorité par paires → {majority}": (
        "Cross-checks: Borda → {borda}; pairwise majority → {majority}"
    ),
    "aucun gagnant de Condorcet": "no Condorcet winner",
    "Consensus": "Consensus",
    "W de Kendall : {value} ({reading})": "Kendall's W: {value} ({reading})",
    "Dispersion des premiers choix : {value} ({reading})": (
        "Spread of first choices: {value} ({reading})"
    ),
    "Premier choix de chaque participant": "Each participant's first choice",
    "À discuter": "To discuss",
    "{label} : poids de {low} à {high} selon les participants (moyenne {mean})": (
        "{label}: weight from {low} to {high} depending on the participant (mean {mean})"
    ),
    "Écartés à la majorité": "Ruled out by a majority",
    "{label} : écarté pour {count} sur {total} — {reasons}": (
        "{label}: ruled out for {count} of {total} — {reasons}"
    ),
    "écart {label} : {value}": "gap {label}: {value}",
    "| Rang | Type de lieu | Score (poids moyens) | Borda | 1er choix |": (
        "| Rank | Kind of place | Score (average weights) | Borda | 1st choice |"
    ),
    "| Participant | Premier choix |": "| Participant | First choice |",
    "Ce qui pèse le plus dans le score du groupe :": "What weighs most in the group's score:",
    "Les réponses qui ont fixé ces poids (nombre de participants concernés) :": (
        "The answers that set these weights (number of participants concerned):"
    ),
    "Écart des poids entre participants, par critère": (
        "Spread of weights between participants, by criterion"
    ),
    "Scores sur 100 avec les poids moyens des participants.": (
        "Scores out of 100 with the participants' average weights."
    ),
    "Répartition des premiers choix": "Distribution of first choices",
    "Premiers choix": "First choices",
    "Participant": "Participant",
    "Premier choix": "First choice",
    "Les critères sur lesquels les poids diffèrent le plus :": (
        "The criteria on which the weights differ most:"
    ),
    "Score du groupe :": "Group score:",
    "certitude": "confidence",
}
