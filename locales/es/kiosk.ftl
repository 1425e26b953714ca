language-name = Español
attract-welcome = Bienvenida y bienvenido
attract-touch-to-start = Toque la pantalla para empezar
language-title = Elija su idioma
language-back = Volver
home-title = ¿Qué le gustaría hacer?
home-tile-services = Servicios de la ciudad
home-tile-services-hint = Encuentre un servicio, haga una solicitud o pida una cita
home-tile-learn = Aprender habilidades digitales
home-tile-learn-hint = Lecciones cortas sobre correo electrónico, contraseñas, estafas y más
home-tile-say = Dé su opinión
home-tile-say-hint = Valore un servicio o responda una encuesta del barrio
home-language = Idioma
home-finish = Terminar
home-finish-hint = Termina su visita y olvida todo lo que hizo aquí
not-ready-message = Esta parte del quiosco todavía se está preparando. Si necesita ayuda hoy, pregunte al personal.
not-ready-back = Volver a la pantalla principal
status-records-waiting =
    { $count ->
        [one] { $count } registro pendiente de envío
       *[other] { $count } registros pendientes de envío
    }
