language-name = Français
attract-welcome = Bienvenue
attract-touch-to-start = Touchez l’écran pour commencer
language-title = Choisissez votre langue
language-back = Retour
home-title = Que souhaitez-vous faire ?
home-tile-services = Services de la ville
home-tile-services-hint = Trouver un service, faire une demande ou prendre rendez-vous
home-tile-learn = Apprendre le numérique
home-tile-learn-hint = Des leçons courtes sur les e-mails, les mots de passe, les arnaques et plus
home-tile-say = Donner votre avis
home-tile-say-hint = Noter un service ou répondre à une enquête du quartier
home-language = Langue
home-finish = Terminer
home-finish-hint = Termine votre visite et efface tout ce que vous avez fait ici
not-ready-message = Cette partie de la borne est encore en préparation. Demandez à un membre du personnel si vous avez besoin d’aide aujourd’hui.
not-ready-back = Retour à l’écran d’accueil
status-records-waiting =
    { $count ->
        [one] { $count } enregistrement en attente d’envoi
       *[other] { $count } enregistrements en attente d’envoi
    }
