# Kiosk UI strings: Spanish (neutral, usted). Same ids and variables as en
# (checked by kiosk/tests/locales.rs). Short sentences: they are read aloud.

## Language picker: each language is listed by its own name.
language-name = Español

## Attract screen
attract-welcome = Le damos la bienvenida
attract-touch-to-start = Toque la pantalla para empezar

## Language picker
language-title = Elija su idioma

## Header buttons, the same on every page
nav-back = Atrás
nav-home = Inicio
nav-finish = Terminar
nav-listen = Escuchar
nav-help = Ayuda

## Idle warning
idle-title = ¿Sigue ahí?
idle-explanation = Para proteger su privacidad, esta pantalla pronto borrará todo y volverá a empezar.
idle-seconds = Segundos restantes
idle-more-time = Sí, necesito más tiempo

## Help
help-title = Ayuda
help-body = Toque un botón grande para elegir. Toque Atrás para volver, o Inicio para empezar de nuevo. Toque Escuchar para oír esta pantalla. Si necesita ayuda, pregunte al personal. Cuando termine, toque Terminar: la pantalla lo olvida todo.
help-close = Cerrar la ayuda

## Accessibility quick settings
settings-title = Más fácil de usar
settings-intro = Elija lo que le ayuda. Puede cambiarlo en cualquier momento.
settings-text-size = Tamaño del texto
settings-smaller = Más pequeño
settings-bigger = Más grande
settings-high-contrast = Alto contraste
settings-read-aloud = Leer cada pantalla en voz alta
settings-easy-read = Lectura fácil
settings-on = Sí
settings-off = No
settings-continue = Continuar

## Home screen
home-title = ¿Qué le gustaría hacer?
home-tile-services = Servicios de la ciudad
home-tile-services-hint = Encuentre un servicio, haga una solicitud o pida una cita
home-tile-learn = Aprender habilidades digitales
home-tile-learn-hint = Lecciones cortas sobre correo electrónico, contraseñas, estafas y más
home-tile-say = Dar su opinión
home-tile-say-hint = Valore un servicio o responda una encuesta del barrio
home-language = Cambiar de idioma

## City services
services-title = Servicios de la ciudad
services-search-label = Buscar un servicio
services-search-hint = Escriba una palabra, por ejemplo: biblioteca, vivienda, autobús.
services-search-button = Buscar
services-browse = O elija un tema
services-results-title = Resultados para «{ $query }»
services-no-results = No encontramos nada con estas palabras. Pruebe con otras palabras o elija un tema.
content-fallback = Se muestra en inglés
content-fallback-notice = Este texto todavía no está disponible en su idioma. Se muestra en inglés.

## A service page
service-who = Quién puede usarlo
service-bring = Qué debe traer
service-where = Dónde
service-hours = Horario
service-how = Cómo usarlo
service-contact = Teléfono y sitio web
service-request = Hacer una solicitud
service-send-to-phone = Enviar a mi teléfono
service-print = Imprimir
service-rate = Valorar este servicio
channel-in-person = En persona
channel-online = En línea
channel-phone = Por teléfono
day-mon = lunes
day-tue = martes
day-wed = miércoles
day-thu = jueves
day-fri = viernes
day-sat = sábado
day-sun = domingo
day-range = de { $first } a { $last }
hours-line = { $days }: de { $opens } a { $closes }

## Send to my phone
qr-title = Enviar a mi teléfono
qr-explanation = Abra la cámara de su teléfono y apunte con ella a este código. El enlace se abre en su teléfono.
qr-close = Cerrar

## Request forms
form-optional = (opcional)
form-submit = Enviar mi solicitud
form-privacy-note = Su nombre y su número de teléfono quedan guardados bajo llave en este quiosco. Solo la ciudad puede leerlos.
form-fix-errors = Revise los campos marcados en rojo.
form-error-required = Complete este campo.
form-error-choose = Elija una opción.
form-error-too-long = Use como máximo { $max } caracteres.
form-error-phone = Escriba un número de teléfono: de 7 a 15 cifras.
form-unavailable = Este quiosco todavía no puede recibir solicitudes con datos personales. Pregunte al personal.

## After a request
submitted-title = Su solicitud está guardada
submitted-reference = Su número de referencia
submitted-print = Imprimir mi comprobante
submitted-offline = Ahora este quiosco no tiene conexión. Su solicitud se enviará en cuanto vuelva a tenerla.
submitted-online = Su solicitud se enviará a la ciudad en los próximos minutos.

## Check a request
home-check-request = Consultar una solicitud
home-check-request-hint = Vea cómo va una solicitud que hizo, con la referencia de su comprobante.
check-title = Consultar una solicitud
check-intro = Escriba la referencia impresa en su comprobante, o ponga el código QR del comprobante bajo el lector.
check-reference-label = Referencia
check-reference-hint = 12 letras y números, como en su comprobante.
check-button = Consultar
check-asking = Consultando a la ciudad…
check-invalid = Esta referencia no es correcta. Revise cada letra y cada número.
check-unknown = Todavía no ha llegado a la ciudad ninguna solicitud con esta referencia. Si la hizo hoy en otro quiosco, inténtelo de nuevo más tarde.
check-unknown-offline = Este quiosco no tiene noticias de esta solicitud y ahora no puede conectar con la ciudad. Inténtelo de nuevo más tarde.
check-status-received = Recibida: la ciudad tiene su solicitud.
check-status-in-progress = En curso: alguien se está ocupando de ella.
check-status-resolved = Resuelta.
check-status-referred = Derivada a otro servicio.
check-status-cannot-be-done = La ciudad no puede hacer esto.
check-status-waiting = Guardada en este quiosco. Se enviará a la ciudad cuando el quiosco tenga conexión.
check-note-label = Mensaje de la ciudad
check-updated = Actualizado el { $date }
check-source-server = Consultado con la ciudad hace un momento.
check-source-kiosk = Según lo último que este quiosco supo de la ciudad. Ahora no puede conectar con la ciudad.
check-source-here = Esta solicitud se hizo en este quiosco.
check-print = Imprimir
check-another = Consultar otra referencia
check-printout-title = Estado de su solicitud
request-phrase-we-will-call = Un asesor le llamará.
request-phrase-visit-office = Acuda a la oficina municipal con su resguardo.
request-phrase-bring-documents = Lleve a la oficina municipal los documentos indicados en su resguardo.
request-phrase-work-scheduled = El trabajo está programado.
request-phrase-fixed = Ya está arreglado. Gracias por avisarnos.
request-phrase-referred-elsewhere = Hemos enviado su solicitud al servicio que puede ayudarle.
request-phrase-not-city-matter = El ayuntamiento no puede encargarse de esto.

## Learn digital skills
learn-title = Aprender habilidades digitales
learn-intro = Lecciones cortas con práctica. Elija una para empezar.
learn-status-new = Sin empezar
learn-status-started = En curso
learn-status-passed = Aprobada
learn-code-title = ¿Tiene un código de alumno?
learn-code-label = Su código de alumno
learn-code-hint = 9 letras y números, como en su tarjeta de alumno.
learn-use-code = Continuar con mi código
learn-new-code = Obtener un código de alumno
learn-code-invalid = Este código no es correcto. Revise cada letra y cada número.
learn-code-unknown = Hola de nuevo. Todavía no hay progreso guardado para este código en este quiosco.
learn-your-code = Su código de alumno
learn-print-card = Imprimir mi tarjeta de alumno
learn-step-counter = Paso { $current } de { $total }
learn-practice-counter = Práctica { $current } de { $total }
learn-question-counter = Pregunta { $current } de { $total }
learn-previous = Anterior
learn-next = Siguiente
learn-right = Correcto.
learn-not-quite = No del todo.
learn-passed-title = ¡Muy bien! Ha aprobado.
learn-failed-title = Todavía no. Puede intentarlo otra vez.
learn-result-message = Ha acertado { $score } de { $total } preguntas. Necesita { $pass } para aprobar.
learn-print-certificate = Imprimir mi certificado
learn-retry = Repetir las preguntas
learn-other-modules = Otras lecciones

## Have a say
say-title = Dar su opinión
say-intro = Diga a la ciudad lo que piensa. Sus respuestas son anónimas.
say-survey-detail = Unas preguntas rápidas. Sin nombres.
say-rate-heading = Valorar un servicio
rate-question = ¿Qué tal fue este servicio para usted?
rate-5 = Muy bueno
rate-4 = Bueno
rate-3 = Regular
rate-2 = Malo
rate-1 = Muy malo
rate-comment = ¿Quiere añadir algo?
rate-comment-hint = No escriba nombres ni números de teléfono aquí.
rate-send = Enviar mi valoración
rate-choose = Elija qué tal fue el servicio.
survey-next = Siguiente
survey-counter = Pregunta { $current } de { $total }
thanks-title = Gracias
thanks-rating = Gracias. Su valoración ayuda a la ciudad a mejorar este servicio.
thanks-survey = Gracias. Sus respuestas ayudan a la ciudad a planificar sus servicios.

## Messages after an action
notice-printed = Ya está impreso. Recoja su papel.
notice-printer-problem = La impresora no funciona ahora mismo. Use «Enviar a mi teléfono» o pregunte al personal.
notice-speech-problem = La lectura en voz alta no está disponible ahora en este quiosco.

## Printed documents
ticket-service-title = Servicio de la ciudad
ticket-request-title = Su solicitud
ticket-reference = Referencia
ticket-offline = Este quiosco no tenía conexión. Su solicitud se enviará cuando vuelva a tenerla.
ticket-scan = Escanee el código para verlo en su teléfono.
card-title = Tarjeta de alumno
card-body = Use este código en cualquier quiosco para continuar sus lecciones.
certificate-title = Certificado
certificate-body = ¡Muy bien! Ha completado la lección «{ $module }» el { $date }.

## On-screen keyboard
keyboard-title = Teclado en pantalla
keyboard-space = Espacio
keyboard-delete = Borrar
keyboard-shift = Mayúsculas
keyboard-done = Listo

## Kiosk status (shown to staff)
status-records-waiting =
    { $count ->
        [one] { $count } registro pendiente de envío
       *[other] { $count } registros pendientes de envío
    }

## Staff mode: for librarians and community workers (PIN or staff card)
attract-staff = Personal
admin-pin-title = Acceso del personal
admin-pin-label = PIN del personal
admin-pin-hint = Si no lo sabe, pregunte a la persona que coordina este centro.
admin-pin-enter = Entrar
admin-pin-wrong = Ese PIN no es correcto. Inténtelo de nuevo.
admin-pin-not-set = Este quiosco no tiene un PIN del personal. Configure uno con el comando: kiosk admin set-pin
admin-pin-locked = Demasiados intentos fallidos: el acceso del personal está bloqueado por un tiempo. Minutos de espera: { $minutes }
admin-pin-short = Este PIN del personal es demasiado corto. Configure uno nuevo de al menos 6 dígitos con el comando: kiosk admin set-pin
admin-title = Modo del personal
admin-connection = Conexión con el servidor
admin-online = En línea: los registros se están enviando.
admin-offline = Sin conexión: los registros esperan en este quiosco y se enviarán más tarde.
admin-devices = Dispositivos
admin-no-device-news = Ningún dispositivo ha informado de un problema.
admin-test-print = Imprimir un comprobante de prueba
admin-force-sync = Sincronizar ahora
admin-sync-asked = Sincronizando ahora, en segundo plano.
admin-learner-card = Imprimir una nueva tarjeta de alumno
admin-assisted = Marcar esta visita como asistida
admin-assisted-done = Esta visita está marcada como asistida.
admin-exit = Salir del modo del personal
admin-waiting = Registros pendientes de envío: { $count }
admin-last-success = Última sincronización correcta: { $when }
admin-never = nunca
admin-sent-today = Enviado hoy (en bytes): { $bytes }
admin-clock = Diferencia entre el reloj del quiosco y el del servidor (en segundos): { $seconds }
admin-last-attempt = Último intento: { $message }
admin-enrol-heading = Inscribir este quiosco
admin-enrolled-as = Inscrito como { $kiosk } en { $site } ({ $neighbourhood }).
admin-not-enrolled = Sin inscribir: los registros esperan en este quiosco hasta que se inscriba.
admin-enrol-label = Billete o código de inscripción
admin-enrol-hint = Escanee el código QR de la página «Quioscos» de la web del personal, o escriba la línea del billete que aparece allí. Un quiosco ya inscrito en ese servidor solo necesita el código.
admin-enrol-button = Inscribir
admin-enrol-working = Inscribiendo. Puede tardar unos segundos.
admin-enrol-done = Inscrito como { $kiosk } en { $site } ({ $neighbourhood }). Los registros pendientes de este quiosco se están enviando.
admin-enrol-empty = Primero escriba o escanee el billete o el código de inscripción.
admin-enrol-bad-ticket = Este billete no está completo. Escanéelo de nuevo, o escríbalo exactamente como aparece en la página «Quioscos».
admin-enrol-bad-code = Esto no es un código de inscripción. Los códigos tienen letras y cifras, como K7PQ-M3XZ-R9AB.
admin-enrol-need-ticket = Este quiosco todavía no conoce su servidor. Escanee o escriba el billete completo, no solo el código.
admin-enrol-refused = El servidor rechazó este código: es incorrecto, ya se usó o caducó. Genere uno nuevo en la página «Quioscos».
admin-enrol-unreachable = No se pudo conectar con el servidor. Revise la red e inténtelo de nuevo.
admin-enrol-wrong-server = El certificado del servidor no coincide con el billete. Compruebe que el billete es para el servidor de esta ciudad.
admin-enrol-failed = No se pudo inscribir: { $detail }
notice-battery-critical = La batería está casi vacía y este quiosco puede apagarse pronto. Pregunte al personal.
