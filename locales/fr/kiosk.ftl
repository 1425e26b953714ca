# Kiosk UI strings: French (vous). Same ids and variables as en
# (checked by kiosk/tests/locales.rs). Short sentences: they are read aloud.
# Typography: no-break space (U+00A0) before ? ! : and inside « ».

## Language picker: each language is listed by its own name.
language-name = Français

## Attract screen
attract-welcome = Bienvenue
attract-touch-to-start = Touchez l’écran pour commencer

## Language picker
language-title = Choisissez votre langue

## Header buttons, the same on every page
nav-back = Retour
nav-home = Accueil
nav-finish = Terminer
nav-listen = Écouter
nav-help = Aide

## Idle warning
idle-title = Vous êtes toujours là ?
idle-explanation = Pour protéger votre vie privée, cet écran va bientôt tout effacer et recommencer.
idle-seconds = Secondes restantes
idle-more-time = Oui, j’ai besoin de plus de temps

## Help
help-title = Aide
help-body = Touchez un grand bouton pour choisir. Touchez Retour pour revenir en arrière, Accueil pour recommencer. Touchez Écouter pour entendre cet écran. Si vous avez besoin d’aide, demandez à un membre du personnel. Quand vous avez fini, touchez Terminer : l’écran oublie tout.
help-close = Fermer l’aide

## Accessibility quick settings
settings-title = Plus facile à utiliser
settings-intro = Choisissez ce qui vous aide. Vous pouvez le changer à tout moment.
settings-text-size = Taille du texte
settings-smaller = Plus petit
settings-bigger = Plus grand
settings-high-contrast = Contraste élevé
settings-read-aloud = Lire chaque écran à voix haute
settings-easy-read = Facile à lire
settings-on = Oui
settings-off = Non
settings-continue = Continuer

## Home screen
home-title = Que souhaitez-vous faire ?
home-tile-services = Services de la ville
home-tile-services-hint = Trouver un service, faire une demande ou prendre rendez-vous
home-tile-learn = Apprendre le numérique
home-tile-learn-hint = Des leçons courtes sur les e-mails, les mots de passe, les arnaques et plus
home-tile-say = Donner votre avis
home-tile-say-hint = Noter un service ou répondre à une enquête du quartier
home-language = Changer de langue

## City services
services-title = Services de la ville
services-search-label = Chercher un service
services-search-hint = Écrivez un mot, par exemple : bibliothèque, logement, bus.
services-search-button = Chercher
services-browse = Ou choisissez un thème
services-results-title = Résultats pour « { $query } »
services-no-results = Nous n’avons rien trouvé avec ces mots. Essayez d’autres mots, ou choisissez un thème.
content-fallback = Affiché en anglais
content-fallback-notice = Ce texte n’est pas encore disponible dans votre langue. Il est affiché en anglais.

## A service page
service-who = Qui peut l’utiliser
service-bring = Ce qu’il faut apporter
service-where = Où
service-hours = Horaires d’ouverture
service-how = Comment l’utiliser
service-contact = Téléphone et site web
service-request = Faire une demande
service-send-to-phone = Envoyer sur mon téléphone
service-print = Imprimer
service-rate = Noter ce service
channel-in-person = Sur place
channel-online = En ligne
channel-phone = Par téléphone
day-mon = lundi
day-tue = mardi
day-wed = mercredi
day-thu = jeudi
day-fri = vendredi
day-sat = samedi
day-sun = dimanche
day-range = du { $first } au { $last }
hours-line = { $days } : de { $opens } à { $closes }

## Send to my phone
qr-title = Envoyer sur mon téléphone
qr-explanation = Ouvrez l’appareil photo de votre téléphone et visez ce code. Le lien s’ouvre sur votre téléphone.
qr-close = Fermer

## Request forms
form-optional = (facultatif)
form-submit = Envoyer ma demande
form-privacy-note = Votre nom et votre numéro de téléphone sont protégés sur cette borne. Seule la ville peut les lire.
form-fix-errors = Vérifiez les champs marqués en rouge.
form-error-required = Veuillez remplir ce champ.
form-error-choose = Veuillez faire un choix.
form-error-too-long = Utilisez { $max } caractères au maximum.
form-error-phone = Écrivez un numéro de téléphone : de 7 à 15 chiffres.
form-unavailable = Cette borne ne peut pas encore recevoir de demandes avec des données personnelles. Demandez à un membre du personnel.

## After a request
submitted-title = Votre demande est enregistrée
submitted-reference = Votre numéro de référence
submitted-print = Imprimer mon ticket
submitted-offline = Cette borne n’est pas connectée pour le moment. Votre demande sera envoyée dès qu’elle sera de nouveau en ligne.
submitted-online = Votre demande sera envoyée à la ville dans les prochaines minutes.

## Check a request
home-check-request = Suivre une demande
home-check-request-hint = Voyez où en est une demande que vous avez faite, avec la référence de votre ticket.
check-title = Suivre une demande
check-intro = Écrivez la référence imprimée sur votre ticket, ou placez le code QR du ticket sous le lecteur.
check-reference-label = Référence
check-reference-hint = 12 lettres et chiffres, comme sur votre ticket.
check-button = Vérifier
check-asking = Nous interrogeons la ville…
check-invalid = Cette référence n’est pas correcte. Vérifiez chaque lettre et chaque chiffre.
check-unknown = Aucune demande avec cette référence n’est encore arrivée à la ville. Si vous l’avez faite aujourd’hui sur une autre borne, réessayez plus tard.
check-unknown-offline = Cette borne n’a pas de nouvelles de cette demande et ne peut pas joindre la ville pour le moment. Veuillez réessayer plus tard.
check-status-received = Reçue : votre demande est bien arrivée à la ville.
check-status-in-progress = En cours : quelqu’un s’en occupe.
check-status-resolved = Résolue.
check-status-referred = Transmise à un autre service.
check-status-cannot-be-done = La ville ne peut pas faire cela.
check-status-waiting = Enregistrée sur cette borne. Elle sera envoyée à la ville quand la borne sera en ligne.
check-note-label = Message de la ville
check-updated = Mis à jour le { $date }
check-source-server = Vérifié auprès de la ville à l’instant.
check-source-kiosk = Selon les dernières nouvelles de la ville reçues par cette borne. Elle ne peut pas joindre la ville pour le moment.
check-source-here = Cette demande a été faite sur cette borne.
check-print = Imprimer
check-another = Vérifier une autre référence
check-printout-title = Où en est votre demande
request-phrase-we-will-call = Un conseiller vous appellera.
request-phrase-visit-office = Merci de passer à la mairie avec votre ticket.
request-phrase-bring-documents = Merci d’apporter à la mairie les documents indiqués sur votre ticket.
request-phrase-work-scheduled = Les travaux sont programmés.
request-phrase-fixed = C’est réparé. Merci de nous l’avoir signalé.
request-phrase-referred-elsewhere = Nous avons transmis votre demande au service qui peut vous aider.
request-phrase-not-city-matter = La ville ne peut pas s’en charger.

## Learn digital skills
learn-title = Apprendre le numérique
learn-intro = Des leçons courtes, avec des exercices. Choisissez-en une pour commencer.
learn-status-new = Pas commencée
learn-status-started = Commencée
learn-status-passed = Réussie
learn-code-title = Vous avez un code d’apprenant ?
learn-code-label = Votre code d’apprenant
learn-code-hint = 9 lettres et chiffres, comme sur votre carte d’apprenant.
learn-use-code = Continuer avec mon code
learn-new-code = Obtenir un code d’apprenant
learn-code-invalid = Ce code n’est pas correct. Vérifiez chaque lettre et chaque chiffre.
learn-code-unknown = Bon retour parmi nous. Aucune progression n’est encore enregistrée pour ce code sur cette borne.
learn-your-code = Votre code d’apprenant
learn-print-card = Imprimer ma carte d’apprenant
learn-step-counter = Étape { $current } sur { $total }
learn-practice-counter = Exercice { $current } sur { $total }
learn-question-counter = Question { $current } sur { $total }
learn-previous = Précédent
learn-next = Suivant
learn-right = C’est juste.
learn-not-quite = Pas tout à fait.
learn-passed-title = Bravo ! Vous avez réussi.
learn-failed-title = Pas encore. Vous pouvez réessayer.
learn-result-message = Bonnes réponses : { $score } sur { $total }. Il en faut { $pass } pour réussir.
learn-print-certificate = Imprimer mon certificat
learn-retry = Refaire les questions
learn-other-modules = Autres leçons

## Have a say
say-title = Donner votre avis
say-intro = Dites à la ville ce que vous pensez. Vos réponses sont anonymes.
say-survey-detail = Quelques questions rapides. Sans nom.
say-rate-heading = Noter un service
rate-question = Comment avez-vous trouvé ce service ?
rate-5 = Très bon
rate-4 = Bon
rate-3 = Correct
rate-2 = Mauvais
rate-1 = Très mauvais
rate-comment = Voulez-vous ajouter quelque chose ?
rate-comment-hint = N’écrivez pas de noms ni de numéros de téléphone ici.
rate-send = Envoyer ma note
rate-choose = Veuillez choisir une note.
survey-next = Suivant
survey-counter = Question { $current } sur { $total }
thanks-title = Merci
thanks-rating = Merci. Votre note aide la ville à améliorer ce service.
thanks-survey = Merci. Vos réponses aident la ville à planifier ses services.

## Messages after an action
notice-printed = C’est imprimé. Prenez votre feuille.
notice-printer-problem = L’imprimante ne fonctionne pas pour le moment. Utilisez « Envoyer sur mon téléphone », ou demandez à un membre du personnel.
notice-speech-problem = La lecture à voix haute n’est pas disponible sur cette borne pour le moment.

## Printed documents
ticket-service-title = Service de la ville
ticket-request-title = Votre demande
ticket-reference = Référence
ticket-offline = Cette borne n’était pas connectée. Votre demande sera envoyée dès qu’elle sera de nouveau en ligne.
ticket-scan = Scannez le code pour voir ceci sur votre téléphone.
card-title = Carte d’apprenant
card-body = Utilisez ce code sur n’importe quelle borne pour continuer vos leçons.
certificate-title = Certificat
certificate-body = Bravo ! Vous avez terminé la leçon « { $module } » le { $date }.

## On-screen keyboard
keyboard-title = Clavier à l’écran
keyboard-space = Espace
keyboard-delete = Effacer
keyboard-shift = Majuscules
keyboard-done = Terminé

## Kiosk status (shown to staff)
status-records-waiting =
    { $count ->
        [one] { $count } enregistrement en attente d’envoi
       *[other] { $count } enregistrements en attente d’envoi
    }

## Staff mode: for librarians and community workers (PIN or staff card)
attract-staff = Personnel
admin-pin-title = Connexion du personnel
admin-pin-label = Code PIN du personnel
admin-pin-hint = Si vous ne le connaissez pas, demandez-le à la coordination du site.
admin-pin-enter = Se connecter
admin-pin-wrong = Ce code PIN n’est pas correct. Réessayez.
admin-pin-not-set = Aucun code PIN du personnel n’est défini sur cette borne. Définissez-en un avec la commande : kiosk admin set-pin
admin-pin-locked = Trop d’essais erronés : la connexion du personnel est bloquée pour un moment. Minutes d’attente : { $minutes }
admin-pin-short = Ce code PIN du personnel est trop court. Définissez-en un nouveau d’au moins 6 chiffres avec la commande : kiosk admin set-pin
admin-title = Mode personnel
admin-connection = Connexion au serveur
admin-online = En ligne : les enregistrements sont en cours d’envoi.
admin-offline = Hors ligne : les enregistrements attendent sur cette borne et seront envoyés plus tard.
admin-devices = Appareils
admin-no-device-news = Aucun appareil n’a signalé de problème.
admin-test-print = Imprimer un ticket de test
admin-force-sync = Synchroniser maintenant
admin-sync-asked = Synchronisation en cours, en arrière-plan.
admin-learner-card = Imprimer une nouvelle carte d’apprenant
admin-assisted = Marquer cette visite comme accompagnée
admin-assisted-done = Cette visite est marquée comme accompagnée.
admin-exit = Quitter le mode personnel
admin-waiting = Enregistrements en attente d’envoi : { $count }
admin-last-success = Dernière synchronisation réussie : { $when }
admin-never = jamais
admin-sent-today = Envoyé aujourd’hui (en octets) : { $bytes }
admin-clock = Écart entre l’horloge de la borne et celle du serveur (en secondes) : { $seconds }
admin-last-attempt = Dernière tentative : { $message }
admin-enrol-heading = Inscrire cette borne
admin-enrolled-as = Inscrite comme { $kiosk } sur le site { $site } ({ $neighbourhood }).
admin-not-enrolled = Non inscrite : les enregistrements restent sur cette borne jusqu’à son inscription.
admin-enrol-label = Ticket ou code d’inscription
admin-enrol-hint = Scannez le code QR de la page « Bornes » du site web du personnel, ou saisissez la ligne de ticket qui y figure. Une borne déjà inscrite auprès de ce serveur n’a besoin que du code.
admin-enrol-button = Inscrire
admin-enrol-working = Inscription en cours. Cela peut prendre quelques secondes.
admin-enrol-done = Inscrite comme { $kiosk } sur le site { $site } ({ $neighbourhood }). Les enregistrements en attente sur cette borne sont en cours d’envoi.
admin-enrol-empty = Saisissez ou scannez d’abord le ticket ou le code d’inscription.
admin-enrol-bad-ticket = Ce ticket est incomplet. Scannez-le de nouveau, ou saisissez-le exactement comme il apparaît sur la page « Bornes ».
admin-enrol-bad-code = Ce n’est pas un code d’inscription. Les codes contiennent des lettres et des chiffres, comme K7PQ-M3XZ-R9AB.
admin-enrol-need-ticket = Cette borne ne connaît pas encore son serveur. Scannez ou saisissez le ticket entier, pas seulement le code.
admin-enrol-refused = Le serveur a refusé ce code : il est faux, déjà utilisé ou expiré. Générez-en un nouveau sur la page « Bornes ».
admin-enrol-unreachable = Impossible de joindre le serveur. Vérifiez le réseau et réessayez.
admin-enrol-wrong-server = Le certificat du serveur ne correspond pas au ticket. Vérifiez que le ticket est bien destiné au serveur de cette ville.
admin-enrol-failed = Échec de l’inscription : { $detail }
notice-battery-critical = La batterie est presque vide et cette borne peut bientôt s’éteindre. Demandez à un membre du personnel.
