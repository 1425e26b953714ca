# Pages web du personnel (serveur de synchronisation). L'anglais est la référence : toutes les
# autres langues ont exactement ces identifiants de message et ces variables.

site-name = Bornes d'inclusion — personnel
skip-to-content = Aller au contenu
nav-label = Principal
language-label = Langue
nav-dashboard = Tableau de bord
nav-exports = Exports
nav-definitions = Définitions
nav-fleet = Bornes
nav-places = Lieux et données de référence
nav-content = Contenu
nav-users = Utilisateurs et audit
nav-privacy = Confidentialité
logout = Se déconnecter
footer-privacy = Les chiffres concernant les habitants sont des comptages anonymes. Les comptages de 1 à 9 ne sont jamais affichés en dehors du rôle d'analyste.
role-librarian = Bibliothécaire
role-city_staff = Personnel municipal
role-analyst = Analyste
role-admin = Administrateur
refused-title = Non autorisé
back-home = Retour à la page d'accueil
error-csrf = Ce formulaire a expiré ou ne provient pas de ce site. Revenez en arrière, rechargez la page et réessayez.
error-role = Votre rôle ne donne pas accès à cette page.
error-bad-form = Le formulaire n'a pas été rempli comme prévu. Rechargez la page et réessayez.
yes = Oui
no = Non
show = Afficher
upload = Envoyer

# Connexion
login-title = Connexion
login-name = Identifiant
login-password = Mot de passe
login-submit = Se connecter
login-hint = Demandez un identifiant à un administrateur. Après cinq mots de passe erronés, vous devez attendre avant de réessayer.
login-wrong = L'identifiant ou le mot de passe est incorrect.
login-wait = Trop de mots de passe erronés. Attendez { $seconds } secondes, puis réessayez.
login-busy = Beaucoup de personnes se connectent en ce moment. Attendez quelques secondes, puis réessayez.

# Chiffres
month-label = Mois
neighbourhood = Quartier
metric = Indicateur
value = Valeur
numerator = Numérateur
denominator = Dénominateur
unit = Unité
formula = Formule
about = Ce qu'il indique
breakdown = Ventilé par
suppressed-short = masqué
suppressed-explained = Masqué pour protéger la vie privée : le comptage est compris entre 1 et 9, ou permettrait de retrouver un tel comptage.
suppressed-for-others = Masqué pour tous sauf les analystes.
suppression-notice = Les petits comptages sont masqués, ainsi que tout chiffre qui permettrait de les retrouver.
privacy-rules-link = Comment les chiffres sont protégés
analyst-notice = Vous voyez les chiffres sans aucun masquage. Ne les partagez pas en dehors du rôle d'analyste. Cette consultation est journalisée.
no-baselines = Il n'y a pas encore de données de référence pour les quartiers, donc aucun chiffre. Importez-les dans
all-figures-link = Tous les chiffres de ce mois, avec téléchargements

# Tableau de bord
dashboard-title = Tableau de bord de l'écart d'accès
gap-heading = Écart d'accès par quartier, { $month }
gap-chart-label = Diagramme en barres de l'indice d'écart d'accès par quartier, de l'écart le plus grand au plus petit. Le tableau ci-dessous donne les mêmes chiffres.
gap-table-caption = Indice d'écart d'accès, ses composantes et l'attente des demandes, par quartier (écart le plus grand en premier)
map-caption = Carte de l'indice d'écart d'accès
map-label = Carte des quartiers colorés selon l'indice d'écart d'accès. Le tableau donne les mêmes chiffres.
legend-label = Légende : indice d'écart d'accès
legend-no-figure = aucun chiffre, ou masqué
disparity-heading = Disparités à l'échelle de la ville
trend-heading = Tendances
trend-caption = Indice d'écart d'accès par mois
trend-column = Tendance
trend-sparkline-label = Indice d'écart d'accès de { $place } sur les mois affichés
unmet-heading = Principaux besoins non satisfaits
unmet-caption = Demandes commencées et non envoyées, par thème, à l'échelle de la ville
unmet-none = Aucune demande non envoyée ce mois-ci.
unmet-requests = Demandes non envoyées
topic = Thème
mix-heading = Langues et accessibilité
mix-note = Affiché à côté de l'indice, sans en faire partie. Une visite peut utiliser plusieurs fonctions.
language-caption = Visites dans une langue autre que la langue par défaut, à l'échelle de la ville
accessibility-caption = Visites utilisant chaque fonction d'accessibilité, à l'échelle de la ville
share-of-visits = Part des visites
bar = Barre

# Définitions
definitions-title = Définitions
definitions-intro = Chaque chiffre a un identifiant stable, une formule, une unité et les règles de confidentialité qui s'y appliquent. Les chiffres du tableau de bord et des exports renvoient ici.
definitions-caption = Indicateurs, indice et mesures de disparité
definitions-back = Toutes les définitions
definitions-downloads = Le fichier des définitions :
definition-unknown = Aucun indicateur ne porte cet identifiant.
rules-that-apply = Règles de confidentialité applicables
privacy-heading = Comment les chiffres sont protégés
privacy-k = Masquage des petites cellules, k = { $k } : tout comptage de 1 à 9 est masqué ; un taux dont le numérateur ou le dénominateur est inférieur à 10 n'est pas affiché.
privacy-minimal = Les bornes ne collectent ni nom, ni compte, ni texte de recherche (seulement des codes de thème), et l'heure est arrondie à l'heure près. Les événements bruts sont conservés 90 jours au plus ; au-delà, seuls les agrégats sont gardés.
privacy-monthly = Les tableaux par quartier sont mensuels. Aucun tableau ne croise borne, langue rare et fonction d'accessibilité.
privacy-closed-months = Un mois est publié une fois clos, { $days } jours après son dernier jour (afin que les bornes qui étaient hors ligne aient rattrapé leur retard), et ne change plus ensuite : tous sauf les analystes voient les mêmes chiffres à chaque consultation. Les visites qui arrivent sur le serveur après la clôture de leur mois comptent dans ce mois pour les analystes seulement, et sont publiées comme « visites tardives » (M12) dans le mois de leur arrivée, avec les mêmes règles sur les petits comptages. Les mois et les heures d'ouverture de la ville suivent son fuseau horaire, heure d'été comprise ; l'horloge d'une borne est corrigée du décalage mesuré lors de sa synchronisation (jusqu'à 48 heures ; une horloge plus décalée conserve ses heures et est signalée).
privacy-roles = Les bibliothécaires voient l'état des appareils de leurs sites ; le personnel municipal voit les chiffres avec masquage ; seuls les analystes voient les chiffres sans masquage, et chacune de ces consultations est journalisée.
rule-small-cells = Les comptages de 1 à 9 sont affichés comme masqués, avec la même marque que les chiffres masqués pour les protéger (un « <10 » à part dirait que les autres valent 0 ou au moins 10) ; un taux dont le numérateur ou le dénominateur est inférieur à 10 n'est pas affiché (k = 10). Un compte de 0 est affiché et n'est pas protégé : un chiffre masqué dont le compte est 0 peut se déduire de zéros affichés ailleurs (un total de 0 pour la ville signifie 0 dans chaque quartier).
rule-secondary = D'autres chiffres sont masqués si nécessaire, afin qu'aucun comptage masqué ne puisse être déduit d'un total, d'une ventilation ou d'un autre tableau publié.
rule-from-shown = Calculé uniquement à partir de chiffres affichés ; masqué lorsque l'une de ses données d'entrée est masquée.
rule-not-personal = Compte des bornes ou des minutes de borne, pas des habitants : affiché tel quel.
rule-noise = Lorsque la ville active le bruit de confidentialité, un mois n'est affiché qu'une fois terminé et publié, et les comptages sur lesquels il repose portent un bruit géométrique bilatéral : ε par tableau (1,0 sauf si la ville en fixe un autre), chaque visite comptant au plus une fois dans chaque comptage de visites et avec au plus 5 événements de chaque sorte dans les comptages d'événements. Les comptages négatifs deviennent 0 et les règles sur les petits comptages s'appliquent toujours. Chaque publication est inscrite dans un registre annuel de ε. Un mois publié le reste tel quel pour tous sauf les analystes, même après la désactivation du bruit.
rule-hidden-under-noise = Non affiché tant que le bruit de confidentialité est actif : il lui faudrait son propre bruit.
rule-closed-months = Publié une fois son mois clos, { $days } jours après le dernier jour du mois, et jamais modifié ensuite ; les visites arrivées plus tard sont publiées comme visites tardives dans le mois de leur arrivée.
rule-bounded-by-hidden = Calculé à partir des valeurs exactes de tous les quartiers, y compris ceux dont les chiffres sont masqués ; publié avec deux décimales seulement s'il se lirait de même quel que soit chaque compte masqué, à 9 près de sa vraie valeur ; sinon masqué.
unit-per-1000 = pour 1 000 habitants de 15 ans et plus
unit-per-1000-offline = pour 1 000 habitants non connectés
unit-percent = %
unit-rating = note moyenne, de 1 à 5
unit-hours = heures (médiane)
unit-kiosks = bornes
unit-requests = demandes
unit-visits = visites
unit-0-1 = de 0 à 1
unit-0-100 = de 0 à 100
unit-ratio = rapport

metric-M1-name = Portée
metric-M1-formula = 1000 × visites / P
metric-M1-about = Visites aux bornes pour 1 000 habitants de 15 ans et plus (P, issu des données de référence).
metric-M1b-name = Portée ajustée aux besoins
metric-M1b-formula = 1000 × visites / (P × h)
metric-M1b-about = Visites pour 1 000 habitants des ménages sans internet à domicile (h, issu des données de référence). À l'échelle de la ville : uniquement les quartiers dont h est connu.
metric-M2-name = Disponibilité
metric-M2-formula = minutes utilisables / minutes d'ouverture prévues
metric-M2-about = Part des heures d'ouverture (issues des données de référence) pendant laquelle les bornes du quartier étaient utilisables, d'après ce que les bornes signalent chaque heure.
metric-M3-name = Aboutissement des démarches
metric-M3-formula = demandes de service envoyées / commencées
metric-M3-about = Parmi les formulaires de demande ouverts, la part envoyée. Chaque chose compte dans le mois où elle a lieu : un formulaire ouvert en fin de mois et envoyé le mois suivant compte comme envoyé ce mois-là, la part est donc plafonnée à 100 %.
metric-M4-name = Services utilisés
metric-M4-formula = 1000 × (consultations de services + demandes envoyées) / P
metric-M4-about = Pages de services lues et demandes envoyées pour 1 000 habitants.
metric-M5-name = Demande non satisfaite
metric-M5-formula = (recherches sans résultat + demandes abandonnées) / (recherches + demandes commencées)
metric-M5-about = À quelle fréquence les habitants ont cherché quelque chose sans l'obtenir. À l'échelle de la ville, les thèmes des demandes abandonnées sont listés (en nombre de demandes) : chaque thème des formulaires du contenu (et tout autre ayant une demande) a une ligne, nulle ou non, de sorte que la présence d'une ligne ne dit rien de ce qu'ont fait les habitants. Les tableaux sont triés selon les chiffres affichés, les masqués en dernier par nom.
metric-M6-name = Usage des aides à l'accessibilité
metric-M6-formula = visites utilisant au moins une fonction d'accessibilité / visites
metric-M6-about = Visites ayant utilisé le texte agrandi, le contraste élevé, la lecture à voix haute, le facile à lire ou la navigation au clavier, aussi pour chaque fonction. Affiché à côté de l'indice, sans en faire partie. Chaque fonction a une ligne dans chaque quartier, utilisée ou non.
metric-M7-name = Accès linguistique
metric-M7-formula = visites dans une autre langue que la langue par défaut / visites
metric-M7-about = Visites dans une langue autre que la langue par défaut du quartier (la première langue choisie pendant la visite), aussi pour chaque langue. Affiché à côté de l'indice, sans en faire partie. Chaque langue proposée par les bornes a une ligne dans chaque quartier, choisie ou non.
metric-M8-name = Achèvement des modules
metric-M8-formula = modules réussis / modules commencés
metric-M8-about = Modules de compétences numériques dont le contrôle a été réussi, parmi ceux commencés, aussi pour chaque module (chaque module du contenu a sa ligne, utilisé ou non). Un module commencé un mois et réussi le suivant compte comme réussi ce mois-là : la part est plafonnée à 100 %.
metric-M9-name = Acquisition de compétences
metric-M9-formula = 1000 × modules réussis / P
metric-M9-about = Contrôles de module réussis pour 1 000 habitants.
metric-M10-name = Visites accompagnées
metric-M10-formula = visites accompagnées par le personnel / visites
metric-M10-about = Visites qu'un bibliothécaire ou un médiateur de proximité a marquées comme accompagnées.
metric-M11-name = Participation
metric-M11-formula = 1000 × (avis + réponses aux enquêtes) / P ; note moyenne
metric-M11-about = Notes et réponses aux enquêtes pour 1 000 habitants, et note moyenne (de 1 à 5) des notes du mois.
metric-M12-name = Fraîcheur des données
metric-M12-formula = âge médian des événements à leur arrivée sur le serveur ; bornes non vues depuis 24 h
metric-M12-about = Âge des événements à leur arrivée sur le serveur (les bornes en retard comptent dans le mois où les événements ont eu lieu) ; visites arrivées ce mois-ci pour un mois déjà publié ; et nombre de bornes sans nouvelles depuis 24 heures, à l'instant présent.
metric-M13-name = Délai de première réponse
metric-M13-formula = médiane des heures entre l'arrivée d'une demande sur le serveur et son premier changement de statut
metric-M13-about = Demandes d'habitants reçues dans le mois, comptées là où se trouve la borne : combien de temps avant qu'un agent ou le système de la ville ne les fasse avancer. Les demandes encore en attente ne sont pas comptées. Comparez entre quartiers et avec l'indice d'écart : les quartiers au plus grand écart attendent-ils plus longtemps ? Affiché quand au moins 10 demandes sont derrière la médiane.
metric-M13b-name = Délai de résolution
metric-M13b-formula = médiane des heures entre l'arrivée d'une demande sur le serveur et le changement qui l'a close
metric-M13b-about = Comme le délai de première réponse, jusqu'à la fin (résolue, orientée ailleurs ou impossible). Les demandes pas encore closes ne sont pas comptées.
metric-access-name = Accès
metric-access-formula = moyenne(z(M1), z(M2)), z = min(x / B, 1)
metric-access-about = B est la cible de la ville, par défaut le 80e centile pondéré par la population sur l'ensemble des quartiers (M2 : 98 %).
metric-use-name = Usage
metric-use-formula = moyenne(z(M3), 1 − M5)
metric-use-about = Mener les démarches à bien et trouver ce que l'on cherchait.
metric-ability-name = Capacité
metric-ability-formula = z(M9)
metric-ability-about = Compétences numériques acquises, par rapport à la cible. Une cible qui vaut 0 (aucun quartier n'en montre) donne 0, et non la note maximale, à un quartier à 0.
metric-inclusion_score-name = Score d'inclusion
metric-inclusion_score-formula = 100 × (Accès × Usage × Capacité)^(1/3)
metric-inclusion_score-about = Une moyenne géométrique, pour qu'une dimension faible ne puisse pas être masquée par une dimension forte.
metric-gap_index-name = Indice d'écart d'accès
metric-gap_index-formula = 100 − score d'inclusion
metric-gap_index-about = Plus il est élevé, plus l'écart est grand : c'est là qu'il faut agir en priorité.
metric-gini_m1-name = Disparité de la portée (Gini)
metric-gini_m1-formula = Gini de M1 pondéré par la population entre les quartiers
metric-gini_m1-about = 0 : tous les quartiers atteints de manière égale ; 1 : toutes les visites dans un seul. Tous les quartiers habités sont inclus, y compris ceux dont la portée est masquée, à partir des comptes exacts. Publié avec deux décimales, et seulement s'il se lirait de même quel que soit chaque compte masqué, à 9 près de sa vraie valeur ; sinon il est masqué.
metric-quintile_ratio_m1-name = Rapport de portée entre le quintile inférieur et le quintile supérieur
metric-quintile_ratio_m1-formula = M1 moyen du quintile le plus bas de la population / M1 moyen du quintile le plus haut
metric-quintile_ratio_m1-about = Les quartiers sont classés par portée ; un quartier à cheval sur deux quintiles compte dans chacun pour la part de sa population qui s'y trouve. Tous les quartiers sont inclus, et le rapport est publié selon la même règle que le Gini.
breakdown-large_text = texte agrandi
breakdown-high_contrast = contraste élevé
breakdown-read_aloud = lecture à voix haute
breakdown-easy_read = facile à lire
breakdown-keyboard = clavier ou contacteur
breakdown-rating = note moyenne
breakdown-unseen_kiosks = bornes non vues depuis 24 h
breakdown-en = anglais
breakdown-es = espagnol
breakdown-fr = français
breakdown-ar = arabe
breakdown-pl = polonais
breakdown-uk = ukrainien
breakdown-zh-Hans = chinois (simplifié)

# Exports
exports-title = Exports
exports-intro = Tous les chiffres sous une même forme ordonnée : quartier, mois, indicateur, valeur, numérateur, dénominateur, unité, masqué. Les lignes masquées ne comportent ni valeur, ni numérateur, ni dénominateur.
export-month-csv = Chiffres de { $month } (CSV)
export-month-json = Chiffres de { $month } (JSON)
export-month-excel = Chiffres de { $month } (CSV pour Excel)
export-all-csv = Chiffres de tous les mois (CSV)
export-all-json = Chiffres de tous les mois (JSON)
export-definitions-csv = Définitions (CSV)
export-definitions-json = Définitions (JSON)
figures-caption = Tous les chiffres de { $month }

# Bornes
fleet-title = Bornes
fleet-your-sites = Vos sites : { $sites }
alerts-heading = { $n ->
    [0] Aucune borne n'a besoin d'une intervention
    [one] Une borne a besoin d'une intervention
   *[other] { $n } bornes ont besoin d'une intervention
}
alerts-none = Toutes les bornes fonctionnent correctement.
kiosks-heading = { $n ->
    [0] Aucune borne
    [one] Une borne
   *[other] { $n } bornes
}
kiosks-caption = Bornes par quartier et par site
kiosk = Borne
kiosks = Bornes
site = Site
sites = Sites
last-seen = Dernier contact
backlog = En attente d'envoi
records-received = Enregistrements reçus
devices = Appareils
content-version = Version du contenu
printer = Imprimante
power = Alimentation
free-disk = Disque libre
alerts = Alertes
actions = Actions
never = jamais
age-now = à l'instant
age-minutes = il y a { $n } min
age-hours = il y a { $n } h
age-days = { $n ->
    [one] il y a { $n } jour
   *[other] il y a { $n } jours
}
alert-none = tout va bien
alert-offline = hors ligne depuis plus de 24 h
alert-printer_out_of_paper = imprimante sans papier
alert-printer_fault = l'imprimante nécessite une intervention
alert-disk_nearly_full = disque presque plein
alert-battery_low = batterie faible
alert-re_enrol = à inscrire de nouveau (pas de clé d’appareil)
state-quarantined = en quarantaine
state-revoked = révoquée
printer-ok = prête
printer-paper_low = papier presque épuisé
printer-paper_out = plus de papier
printer-cover_open = capot ouvert
printer-offline = hors ligne
printer-fault = en panne
printer-unknown = inconnu
power-mains = secteur
power-battery = batterie { $percent } %
action-quarantine = Mettre en quarantaine
action-release = Lever la quarantaine
action-revoke = Révoquer
device-unknown = Cette borne n'existe pas.
enrol-heading = Enregistrer une borne
enrol-intro = Générez un code à usage unique, puis saisissez-le sur l'écran du personnel de la borne (ou exécutez la commande affichée). Le code ne fonctionne qu'une fois.
enrol-valid-hours = Valable pendant (heures)
enrol-submit = Générer un code
enrol-no-sites = Il n’y a pas encore de site : un administrateur en ajoute un ci-dessous, puis des codes peuvent être créés pour lui.
site-add-heading = Ajouter un site
site-add-intro = Un site est un lieu où se trouvent des bornes, dans un quartier des données de référence. Les codes d’enregistrement sont créés pour des sites.
site-add-submit = Ajouter le site
site-need-baselines = Importez d’abord les données de référence des quartiers (page Lieux) : chaque site appartient à l’un de leurs quartiers.
site-unknown = Il n’y a pas de site nommé « { $site } ». Un administrateur ajoute d’abord les sites.
enrol-bad = Indiquez le nom du site (120 caractères au plus) et une validité de 1 à 720 heures.
code-made = Code d'enregistrement pour { $site }
code-expires = Il ne fonctionne qu'une fois, jusqu'à { $when }.
code-how = Sur la borne, ouvrez le mode personnel et scannez ce code QR sous « Inscrire cette borne ».
code-qr-label = Code QR du ticket d’inscription
code-ticket = Ou saisissez-y cette ligne de ticket. Une borne déjà inscrite auprès de ce serveur n’a besoin que du code.
code-cli = Ou lancez ceci sur la ligne de commande de la borne :
code-how-no-ticket = Sur la borne, ouvrez le mode personnel et saisissez ce code avec l’adresse et l’empreinte du serveur, ou lancez `kiosk enrol`.

# Lieux
places-title = Lieux et données de référence
baselines-heading = Données de référence des quartiers
baselines-none = Aucune donnée de référence pour l'instant.
baselines-caption = Données de référence servant de dénominateur aux indicateurs
population = Habitants de 15 ans et plus
offline-share = Ménages non connectés
opening-hours = Heures d'ouverture
default-locale = Langue par défaut
outline = Contour
baselines-upload = Fichier des données de référence (CSV)
baselines-hint = Une ligne d'en-tête, puis une ligne par quartier. L'ensemble du fichier est vérifié d'abord ; en cas d'erreur, rien n'est importé. Colonnes :
baselines-imported = { $n ->
    [one] Données de référence importées pour { $n } quartier.
   *[other] Données de référence importées pour { $n } quartiers.
}
outlines-heading = Contours des quartiers
outlines-count = { $n ->
    [0] Aucun quartier n'a de contour.
    [one] Un quartier a un contour.
   *[other] { $n } quartiers ont un contour.
}
outlines-upload = Fichier des contours (GeoJSON)
outlines-hint = Une FeatureCollection avec un Polygon ou un MultiPolygon par quartier, identifié par sa propriété "neighbourhood", la longitude avant la latitude.
outlines-imported = { $n ->
    [one] Contours importés pour { $n } quartier.
   *[other] Contours importés pour { $n } quartiers.
}
import-refused = { $file } n'a pas été importé : { $n ->
    [one] { $n } problème
   *[other] { $n } problèmes
}. Rien n'a été modifié.

# Contenu
content-title = Contenu
content-published = Version de contenu publiée : { $version }.
content-versions-caption = Quelles bornes utilisent quelle version (d'après leur dernier signal de vie)
content-builtin = exemple intégré
content-unknown = pas encore signalée
which = Lesquelles
publish-heading = Publier une nouvelle version
publish-file = Paquet de contenu (.tar.gz)
publish-submit = Vérifier et publier
publish-hint = Un .tar.gz d'un dossier de contenu (bundle.toml, categories.toml, services/, forms/, modules/, surveys/), avec éventuellement un dossier locales/ de traductions de l'interface. Il est entièrement vérifié avant d'être signé et publié ; les bornes le récupèrent à leur prochaine synchronisation.
publish-refused = Le paquet n'a pas été publié :
publish-done = Version de contenu { $version } publiée ({ $files } fichiers). Les bornes la récupèrent à leur prochaine synchronisation.
release-heading = Logiciel des bornes
release-latest = Les bornes passent à la version { $version } ({ $count } versions publiées). Chaque borne la télécharge en arrière-plan et l’installe à une heure calme ; elle revient en arrière d’elle-même si la nouvelle version ne démarre pas correctement.
release-none = Aucun logiciel publié : les bornes utilisent la version avec laquelle elles ont été installées.
release-caption = Bornes par version du logiciel
software-version = Logiciel
software-update = Mise à jour
release-file = Paquet de la borne (.deb)
release-submit = Vérifier et publier
release-hint = Le paquet inclusion-kiosk construit par scripts/package. Il est vérifié (nom, version, architecture) et signé avec la clé du serveur à laquelle les bornes font confiance. Une version ne se publie qu’une fois.
release-done = Logiciel { $version } publié. Les bornes le récupèrent à leur prochaine synchronisation.
update-downloading = téléchargement de { $version } ({ $detail } %)
update-ready = { $version } prête, en attente d’une heure calme
update-installing = installation de { $version }
update-installed = { $version } installée
update-rolled-back = { $version } annulée : { $detail }
update-blocked = { $version } en attente : { $detail }

# Utilisateurs
users-title = Utilisateurs et journal d'audit
users-caption = Comptes du personnel
role = Rôle
user-site = Site (bibliothécaires)
user-add-heading = Ajouter un compte
user-add-submit = Ajouter
user-added = Compte { $name } ajouté.
user-password-once = Son mot de passe, affiché uniquement maintenant :
user-status = État
user-sessions = Sessions ouvertes
user-active = peut se connecter
user-disabled = désactivé
user-do-disable = Désactiver
user-do-enable = Réactiver
user-do-reset_password = Nouveau mot de passe
user-do-end_sessions = Déconnecter partout
user-do-delete = Supprimer
user-changed = { $name } : fait ({ $change }).
user-new-password = Le nouveau mot de passe de { $name }, affiché maintenant seulement :
user-actions = Actions pour { $name }
audit-heading = Journal d'audit
audit-caption = Dernières actions et consultations des analystes, les plus récentes d'abord
when = Quand
who = Qui
action = Action
detail = Détail

# Bruit de confidentialité (confidentialité différentielle)
privacy-title = Bruit de confidentialité
privacy-intro = Confidentialité différentielle facultative. Tant que le bruit est actif, toute personne hors du rôle d'analyste ne voit les chiffres d'un mois qu'après sa publication par un administrateur, une fois le mois terminé. Les comptages portent alors un bruit aléatoire (géométrique bilatéral), les comptages négatifs deviennent 0 et les petits comptages restent masqués. Chaque publication dépense ε sur le budget annuel de l'année concernée ; publier de nouveau un mois coûte de nouveau ε.
privacy-off = Le bruit est désactivé : les chiffres sont exacts et les petits comptages masqués.
privacy-on = Le bruit est actif : ε = { $epsilon } par tableau, { $tables } tableaux, donc une publication coûte ε = { $cost }. Budget annuel : ε = { $budget }.
privacy-ledger-heading = Registre
privacy-ledger-caption = Chaque publication avec bruit et l'ε dépensé
privacy-ledger-empty = Aucun mois n'a encore été publié avec bruit.
privacy-released = publié
privacy-spent = ε dépensé
privacy-year-spent = { $year } : ε = { $spent } dépensé sur un budget annuel de { $budget }.
privacy-settings-heading = Réglages
privacy-epsilon-label = ε par tableau (plus petit : plus de bruit, plus de confidentialité)
privacy-epsilon-hint = Une visite peut figurer dans les { $tables } tableaux : chaque publication d'un mois coûte donc à chaque visiteur jusqu'à { $tables } × ε, et non ε.
privacy-budget-label = Budget annuel (vide : une publication par mois)
privacy-turn-on = Activer le bruit ou enregistrer
privacy-turn-off = Désactiver le bruit
privacy-release-heading = Publier un mois
privacy-release-label = Mois (mois terminés)
privacy-release-submit = Publier avec bruit
privacy-release-done = { $month } est publié avec bruit : ε = { $cost } dépensé.
privacy-none-to-release = Aucun mois ne peut encore être publié : un mois peut l'être une fois terminé.
privacy-saved = Enregistré.
privacy-bad-number = ε et le budget annuel doivent être des nombres positifs, par exemple 1,0.
privacy-over-budget = Non publié : il reste ε = { $left } au budget de l'année, et une publication coûte ε = { $cost }.
noise-on = Ces chiffres portent un bruit aléatoire pour protéger la confidentialité (ε = { $epsilon } par tableau), publiés le { $when }. Les petits comptages restent masqués.
noise-not-released = Pas encore publié : { $months }. Tant que le bruit de confidentialité est actif, un mois est affiché lorsqu'un administrateur le publie, une fois terminé.
not-published-yet = Pas encore publié : { $months }. Un mois est publié { $days } jours après sa fin, une fois que les bornes hors ligne ont rattrapé leur retard, et ne change plus ensuite.
noise-more = À propos du bruit de confidentialité
noise-now-on = Le bruit est actif en ce moment, ε = { $epsilon } par tableau.
noise-now-off = Le bruit est désactivé en ce moment.

# Demandes des habitants (chargés de dossiers ; les administrateurs ne voient que le statut)
nav-requests = Demandes
role-case_worker = Chargé de dossiers
requests-title = Demandes des habitants
requests-intro = Les demandes de vos formulaires, de la plus ancienne à la plus récente. Ouvrez-en une pour la lire, voir les coordonnées de l’habitant et lui dire où elle en est.
requests-intro-admin = Toutes les demandes et leur statut. Ce que les habitants ont écrit n’est visible que par les chargés de dossiers.
requests-any = Toutes
requests-form = Formulaire
requests-status = Statut
requests-age = En attente
requests-older-than = { $n ->
    [one] Au moins { $n } jour
   *[other] Au moins { $n } jours
}
requests-filter = Afficher
requests-none = Aucune demande ne correspond.
requests-count = { $n ->
    [one] { $n } demande, la plus ancienne d’abord
   *[other] { $n } demandes, les plus anciennes d’abord
}
requests-reference = Référence
requests-received = Reçue
requests-back = Toutes les demandes
requests-not-found = Cette demande ne figure pas parmi celles que vous pouvez voir.
request-title = Demande { $reference }
request-answers = Réponses
request-personal = Coordonnées de l’habitant
request-no-personal = L’habitant n’a laissé aucune donnée personnelle.
request-personal-audited = L’ouverture de ces données a été inscrite au journal d’audit.
request-personal-unreadable = Les coordonnées de l’habitant ne peuvent pas être ouvertes avec la clé de ce serveur.
request-change = Changer le statut
request-phrase = Message à l’habitant
request-phrase-none = Aucun message
request-message = Vos propres mots (facultatif)
request-message-hint = { $n } caractères au plus. L’habitant le lit sur une borne.
request-save = Enregistrer et informer l’habitant
request-city-system = Système de suivi de la ville { $target }
request-city-waiting = pas encore reçue ({ $attempts } tentatives jusqu'ici)
request-history = Historique
request-when = Quand
request-who = Qui
request-status-received = Reçue
request-status-in-progress = En cours
request-status-resolved = Résolue
request-status-referred = Orientée ailleurs
request-status-cannot-be-done = Impossible à réaliser
request-phrase-we-will-call = Un conseiller vous appellera.
request-phrase-visit-office = Merci de passer à la mairie avec votre ticket.
request-phrase-bring-documents = Merci d’apporter à la mairie les documents indiqués sur votre ticket.
request-phrase-work-scheduled = Les travaux sont programmés.
request-phrase-fixed = C’est réparé. Merci de nous l’avoir signalé.
request-phrase-referred-elsewhere = Nous avons transmis votre demande au service qui peut vous aider.
request-phrase-not-city-matter = La ville ne peut pas s’en charger.
user-forms = Formulaires de demande (chargés de dossiers)
user-forms-hint = Identifiants de formulaire séparés par des virgules, par ex. callback, street-light.
request-personal-erased = Les coordonnées de l’habitant ont été effacées le { $date } : la ville ne les garde qu’un temps après la clôture de la demande.
requests-export = Télécharger ces demandes en CSV (avec les coordonnées des habitants ; chaque ouverture est journalisée)

# City case systems (Open311)
nav-open311 = Systèmes de suivi de la ville
open311-title = Systèmes de suivi de la ville (Open311)
open311-intro = Les systèmes de suivi de la ville lisent les demandes des habitants par Open311 GeoReport v2 sur /open311/v2/ avec une clé créée ici, pour certains formulaires et, au besoin, un seul site. Une clé autorisée aux données personnelles lit aussi les coordonnées des habitants ; chaque lecture est inscrite au journal d'audit.
open311-made = Clé { $name } créée.
open311-key-once = Donnez-la maintenant au système de la ville ; elle n'est affichée qu'une fois :
open311-deleted = Clé { $name } supprimée : elle ne lit plus rien.
open311-no-such-key = Aucune clé ne s'appelle { $name }.
open311-keys-heading = Clés
open311-no-keys = Pas encore de clé.
open311-keys-caption = Clés qui lisent les demandes par Open311
open311-personal = Données personnelles
open311-made-by = Créée par
open311-every-site = Tous les sites
open311-delete-label = Supprimer la clé { $name }
open311-add-heading = Créer une clé
open311-site = Site (facultatif)
open311-personal-allow = Elle peut lire les données personnelles des habitants (nom, téléphone, lieu, détails)
open311-add-submit = Créer la clé
open311-push-heading = Demandes envoyées à la ville
open311-no-push = Aucun point d'envoi n'est configuré : les nouvelles demandes ne sont pas envoyées. Ajoutez [[open311_push]] à server.toml.
open311-push-caption = Demandes envoyées à chaque point Open311 configuré
open311-endpoint = Point d'envoi
open311-sent = Reçues
open311-waiting = En attente
open311-failing = En échec
noise-not-released-places = Absents de la publication de ce mois (ajoutés après), donc sans chiffres : { $places }.
