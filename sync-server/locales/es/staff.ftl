# Páginas web del personal (servidor de sincronización). El inglés es la referencia: todos los
# demás idiomas tienen exactamente estos identificadores de mensaje y estas variables.

site-name = Quioscos de inclusión — personal
skip-to-content = Ir al contenido
nav-label = Principal
language-label = Idioma
nav-dashboard = Panel
nav-exports = Exportaciones
nav-definitions = Definiciones
nav-fleet = Quioscos
nav-places = Lugares y datos de referencia
nav-content = Contenido
nav-users = Usuarios y auditoría
nav-privacy = Privacidad
logout = Cerrar sesión
footer-privacy = Las cifras sobre los residentes son recuentos anónimos. Los recuentos de 1 a 9 nunca se muestran fuera del rol de analista.
role-librarian = Bibliotecario/a
role-city_staff = Personal municipal
role-analyst = Analista
role-admin = Administrador/a
refused-title = No permitido
back-home = Volver a la página de inicio
error-csrf = Este formulario caducó o no proviene de este sitio. Vuelva atrás, recargue la página e inténtelo de nuevo.
error-role = Su rol no da acceso a esta página.
error-bad-form = El formulario no se completó como se esperaba. Recargue la página e inténtelo de nuevo.
yes = Sí
no = No
show = Mostrar
upload = Cargar

# Inicio de sesión
login-title = Iniciar sesión
login-name = Nombre de usuario
login-password = Contraseña
login-submit = Iniciar sesión
login-hint = Solicite una cuenta a un administrador. Después de cinco contraseñas incorrectas deberá esperar antes de volver a intentarlo.
login-wrong = El nombre de usuario o la contraseña no son correctos.
login-wait = Demasiadas contraseñas incorrectas. Espere { $seconds } segundos y vuelva a intentarlo.
login-busy = Muchas personas están iniciando sesión ahora. Espere unos segundos y vuelva a intentarlo.

# Cifras
month-label = Mes
neighbourhood = Barrio
metric = Métrica
value = Valor
numerator = Numerador
denominator = Denominador
unit = Unidad
formula = Fórmula
about = Qué indica
breakdown = Desglosado por
suppressed-short = oculto
suppressed-explained = Oculto para proteger la privacidad: el recuento está entre 1 y 9, o permitiría deducir un recuento así.
suppressed-for-others = Oculto para todos salvo los analistas.
suppression-notice = Los recuentos pequeños se ocultan, junto con cualquier cifra que permitiría deducirlos.
privacy-rules-link = Cómo se protegen las cifras
analyst-notice = Está viendo las cifras sin ningún dato oculto. No las comparta fuera del rol de analista. Esta consulta queda registrada.
no-baselines = Todavía no hay datos de referencia de los barrios, por lo que no hay cifras. Cárguelos en
all-figures-link = Todas las cifras de este mes, con descargas

# Panel
dashboard-title = Panel de brecha de acceso
gap-heading = Brecha de acceso por barrio, { $month }
gap-chart-label = Gráfico de barras del índice de brecha de acceso por barrio, de mayor a menor brecha. La tabla siguiente presenta las mismas cifras.
gap-table-caption = Índice de brecha de acceso, sus componentes y cuánto esperaron las solicitudes, por barrio (de mayor a menor brecha)
map-caption = Mapa del índice de brecha de acceso
map-label = Mapa de los barrios coloreados según el índice de brecha de acceso. La tabla presenta las mismas cifras.
legend-label = Leyenda: índice de brecha de acceso
legend-no-figure = sin cifra, u oculto
disparity-heading = Disparidad en toda la ciudad
trend-heading = Tendencias
trend-caption = Índice de brecha de acceso por mes
trend-column = Tendencia
trend-sparkline-label = Índice de brecha de acceso de { $place } en los meses mostrados
unmet-heading = Principales necesidades no cubiertas
unmet-caption = Solicitudes iniciadas y no enviadas, por tema, en toda la ciudad
unmet-none = No hay solicitudes sin enviar este mes.
unmet-requests = Solicitudes no enviadas
topic = Tema
mix-heading = Idiomas y accesibilidad
mix-note = Se muestra junto al índice, no dentro de él. Una visita puede usar varias funciones.
language-caption = Visitas en un idioma distinto del predeterminado, en toda la ciudad
accessibility-caption = Visitas que usan cada función de accesibilidad, en toda la ciudad
share-of-visits = Proporción de visitas
bar = Barra

# Definiciones
definitions-title = Definiciones
definitions-intro = Cada cifra tiene un identificador estable, una fórmula, una unidad y las reglas de privacidad que se le aplican. Las cifras del panel y de las exportaciones enlazan aquí.
definitions-caption = Métricas, el índice y las medidas de disparidad
definitions-back = Todas las definiciones
definitions-downloads = El archivo de definiciones:
definition-unknown = No hay ninguna métrica con este identificador.
rules-that-apply = Reglas de privacidad aplicables
privacy-heading = Cómo se protegen las cifras
privacy-k = Ocultación de celdas pequeñas, k = { $k }: se oculta todo recuento de 1 a 9; no se muestra una tasa cuyo numerador o denominador sea menor que 10.
privacy-minimal = Los quioscos no recogen nombres, cuentas ni texto de búsqueda (solo códigos de tema), y la hora se registra sin minutos. Los eventos sin procesar se conservan como máximo 90 días; después, solo los agregados.
privacy-monthly = Las tablas por barrio son mensuales. Ninguna tabla cruza quiosco, idioma poco frecuente y función de accesibilidad.
privacy-closed-months = Un mes se publica una vez cerrado, { $days } días después de su último día (para que los quioscos que estaban sin conexión se hayan puesto al día), y ya no cambia después: todos salvo los analistas ven las mismas cifras en cada consulta. Las visitas que llegan al servidor después del cierre de su mes cuentan en ese mes solo para los analistas, y se publican como "visitas tardías" (M12) en el mes en que llegaron, con las mismas reglas de recuentos pequeños. Los meses y el horario de apertura de la ciudad siguen su zona horaria, horario de verano incluido; el reloj de un quiosco se corrige con el desfase medido cuando se sincroniza (hasta 48 horas; un reloj con un desfase mayor conserva sus horas y queda marcado).
privacy-roles = El personal bibliotecario ve el estado de los dispositivos de sus sedes; el personal municipal ve las cifras con los datos ocultos; solo los analistas ven las cifras sin ocultar, y cada una de esas consultas queda registrada.
rule-small-cells = Los recuentos de 1 a 9 se muestran como ocultos, con la misma marca que las cifras ocultas para protegerlos (un "<10" aparte diría que las demás son 0 o al menos 10); no se muestra una tasa cuyo numerador o denominador sea menor que 10 (k = 10). Un recuento de 0 se muestra y no está protegido: una cifra oculta cuyo recuento es 0 puede deducirse de ceros mostrados en otro lugar (un total de la ciudad de 0 significa 0 en cada barrio).
rule-secondary = Se ocultan otras cifras cuando es necesario para que ningún recuento oculto pueda deducirse de un total, un desglose u otra tabla publicada.
rule-from-shown = Se calcula solo a partir de cifras que se muestran; se oculta cuando alguno de sus datos de entrada está oculto.
rule-not-personal = Cuenta quioscos o minutos de quiosco, no residentes: se muestra tal cual.
rule-noise = Cuando la ciudad activa el ruido de privacidad, un mes se muestra una vez terminado y publicado, y los recuentos en que se basa llevan ruido geométrico bilateral: ε por tabla (1,0 salvo que la ciudad fije otro valor); cada visita cuenta como máximo una vez en cada recuento de visitas y con un máximo de 5 eventos de cada tipo en los recuentos de eventos. Los recuentos negativos pasan a 0 y las reglas de recuentos pequeños siguen aplicándose. Cada publicación se anota en un registro anual de ε. Un mes ya publicado sigue como se publicó para todos salvo los analistas, también después de desactivar el ruido.
rule-hidden-under-noise = No se muestra mientras el ruido de privacidad está activado: necesitaría su propio ruido.
rule-closed-months = Se publica cuando su mes se ha cerrado, { $days } días después de su último día, y ya no cambia; las visitas que llegan más tarde se publican como visitas tardías en el mes en que llegan.
rule-bounded-by-hidden = Se calcula con los valores exactos de todos los barrios, también aquellos cuyas cifras están ocultas; se publica con dos decimales solo cuando se leería igual fuera cual fuera cada recuento oculto, en cualquier punto a 9 o menos de su valor real; si no, se oculta.
unit-per-1000 = por cada 1000 residentes de 15 años o más
unit-per-1000-offline = por cada 1000 residentes sin conexión
unit-percent = %
unit-rating = valoración media, de 1 a 5
unit-hours = horas (mediana)
unit-kiosks = quioscos
unit-requests = solicitudes
unit-visits = visitas
unit-0-1 = de 0 a 1
unit-0-100 = de 0 a 100
unit-ratio = razón

metric-M1-name = Alcance
metric-M1-formula = 1000 × sesiones / P
metric-M1-about = Visitas a los quioscos por cada 1000 residentes de 15 años o más (P, de los datos de referencia).
metric-M1b-name = Alcance ajustado a la necesidad
metric-M1b-formula = 1000 × sesiones / (P × h)
metric-M1b-about = Visitas por cada 1000 residentes de hogares sin internet en casa (h, de los datos de referencia). Para toda la ciudad: solo los barrios con h conocido.
metric-M2-name = Disponibilidad
metric-M2-formula = minutos utilizables / minutos de apertura programados
metric-M2-about = Qué parte del horario de apertura (según los datos de referencia) estuvieron utilizables los quioscos del barrio, según lo que informan los quioscos cada hora.
metric-M3-name = Finalización de trámites
metric-M3-formula = solicitudes de servicio enviadas / iniciadas
metric-M3-about = De los formularios de solicitud abiertos, la proporción que se envió. Cada cosa cuenta en el mes en que ocurrió: un formulario abierto a fin de mes y enviado el mes siguiente cuenta como enviado allí, así que la proporción se limita al 100 %.
metric-M4-name = Servicios utilizados
metric-M4-formula = 1000 × (consultas de servicios + solicitudes enviadas) / P
metric-M4-about = Páginas de servicios leídas y solicitudes enviadas por cada 1000 residentes.
metric-M5-name = Demanda no satisfecha
metric-M5-formula = (búsquedas sin resultado + solicitudes abandonadas) / (búsquedas + solicitudes iniciadas)
metric-M5-about = Con qué frecuencia los residentes buscaron algo y no lo obtuvieron. Para toda la ciudad se listan los temas de las solicitudes abandonadas (como número de solicitudes): todo tema de los formularios del contenido (y cualquier otro con una solicitud) tiene una fila, sea cero o no, así que la presencia de una fila no dice nada de lo que hicieron los residentes. Las tablas se ordenan por las cifras mostradas; las ocultas van al final, por nombre.
metric-M6-name = Uso de funciones de accesibilidad
metric-M6-formula = sesiones con al menos una función de accesibilidad / sesiones
metric-M6-about = Visitas que usaron texto grande, alto contraste, lectura en voz alta, lectura fácil o navegación por teclado, también por cada función. Se muestra junto al índice, no dentro de él. Cada función tiene una fila en cada barrio, se haya usado o no.
metric-M7-name = Acceso lingüístico
metric-M7-formula = sesiones en un idioma distinto del predeterminado / sesiones
metric-M7-about = Visitas en un idioma distinto del predeterminado del barrio (el primer idioma elegido en la visita), también por cada idioma. Se muestra junto al índice, no dentro de él. Cada idioma que ofrecen los quioscos tiene una fila en cada barrio, se haya elegido o no.
metric-M8-name = Finalización de módulos
metric-M8-formula = módulos aprobados / módulos iniciados
metric-M8-about = Módulos de competencias digitales cuya prueba se aprobó, respecto de los iniciados, también por cada módulo (cada módulo del contenido tiene su fila, se haya usado o no). Un módulo iniciado un mes y aprobado el siguiente cuenta como aprobado allí: la proporción se limita al 100 %.
metric-M9-name = Adquisición de competencias
metric-M9-formula = 1000 × módulos aprobados / P
metric-M9-about = Pruebas de módulos aprobadas por cada 1000 residentes.
metric-M10-name = Sesiones asistidas
metric-M10-formula = sesiones asistidas por el personal / sesiones
metric-M10-about = Visitas que un bibliotecario o un agente comunitario marcó como asistidas.
metric-M11-name = Participación
metric-M11-formula = 1000 × (valoraciones + respuestas a encuestas) / P; valoración media
metric-M11-about = Valoraciones y respuestas a encuestas por cada 1000 residentes, y la valoración media (de 1 a 5) de las valoraciones del mes.
metric-M12-name = Actualidad de los datos
metric-M12-formula = antigüedad mediana de los eventos al llegar al servidor; quioscos sin contacto en 24 h
metric-M12-about = Qué antigüedad tenían los eventos al llegar al servidor (los quioscos con retraso cuentan en el mes en que ocurrieron los eventos); las visitas que llegaron este mes para un mes ya publicado; y el número de quioscos sin noticias desde hace 24 horas, en este momento.
metric-M13-name = Tiempo hasta la primera respuesta
metric-M13-formula = mediana de horas desde la llegada de una solicitud al servidor hasta su primer cambio de estado
metric-M13-about = Solicitudes de residentes recibidas en el mes, contadas donde está el quiosco: cuánto tardó un gestor de casos o el sistema de la ciudad en moverlas por primera vez. No se cuentan las que siguen esperando. Compárelo entre barrios y con el índice de brecha: ¿esperan más los barrios con mayor brecha? Se muestra cuando hay al menos 10 solicitudes detrás de la mediana.
metric-M13b-name = Tiempo hasta la resolución
metric-M13b-formula = mediana de horas desde la llegada de una solicitud al servidor hasta el cambio que la cerró
metric-M13b-about = Como el tiempo hasta la primera respuesta, hasta el final (resuelta, derivada a otro servicio o no se puede hacer). No se cuentan las que aún no se han cerrado.
metric-access-name = Acceso
metric-access-formula = media(z(M1), z(M2)), z = min(x / B, 1)
metric-access-about = B es la meta de la ciudad; por defecto, el percentil 80 ponderado por población entre los barrios (M2: 98 %).
metric-use-name = Uso
metric-use-formula = media(z(M3), 1 − M5)
metric-use-about = Completar trámites y encontrar lo que se buscaba.
metric-ability-name = Capacidad
metric-ability-formula = z(M9)
metric-ability-about = Competencias digitales adquiridas, respecto de la meta. Una meta que resulta 0 (ningún barrio muestra ninguna) da 0, no la puntuación completa, a un barrio en 0.
metric-inclusion_score-name = Puntuación de inclusión
metric-inclusion_score-formula = 100 × (Acceso × Uso × Capacidad)^(1/3)
metric-inclusion_score-about = Una media geométrica, para que una dimensión débil no pueda quedar compensada por una fuerte.
metric-gap_index-name = Índice de brecha de acceso
metric-gap_index-formula = 100 − puntuación de inclusión
metric-gap_index-about = Un valor más alto indica una brecha mayor: dónde actuar primero.
metric-gini_m1-name = Disparidad del alcance (Gini)
metric-gini_m1-formula = Gini de M1 ponderado por población entre los barrios
metric-gini_m1-about = 0: todos los barrios alcanzados por igual; 1: todas las visitas en uno solo. Se incluyen todos los barrios con residentes, también aquellos cuyo alcance está oculto, a partir de los recuentos exactos. Se publica con dos decimales y solo cuando se leería igual fuera cual fuera cada recuento oculto, en cualquier punto a 9 o menos de su valor real; si no, se oculta.
metric-quintile_ratio_m1-name = Razón del alcance entre el quintil inferior y el superior
metric-quintile_ratio_m1-formula = M1 medio del quintil más bajo de la población / M1 medio del quintil más alto
metric-quintile_ratio_m1-about = Los barrios se ordenan por alcance; un barrio que queda entre dos quintiles cuenta en cada uno con la parte de su población que cae en él. Se incluyen todos los barrios, y el cociente se publica con la misma regla que el Gini.
breakdown-large_text = texto grande
breakdown-high_contrast = alto contraste
breakdown-read_aloud = lectura en voz alta
breakdown-easy_read = lectura fácil
breakdown-keyboard = teclado o pulsador
breakdown-rating = valoración media
breakdown-unseen_kiosks = quioscos sin contacto en 24 h
breakdown-en = inglés
breakdown-es = español
breakdown-fr = francés
breakdown-ar = árabe
breakdown-pl = polaco
breakdown-uk = ucraniano
breakdown-zh-Hans = chino (simplificado)

# Exportaciones
exports-title = Exportaciones
exports-intro = Todas las cifras en un mismo formato ordenado: barrio, mes, métrica, valor, numerador, denominador, unidad, oculto. Las filas ocultas no llevan valor, numerador ni denominador.
export-month-csv = Cifras de { $month } (CSV)
export-month-json = Cifras de { $month } (JSON)
export-month-excel = Cifras de { $month } (CSV para Excel)
export-all-csv = Cifras de todos los meses (CSV)
export-all-json = Cifras de todos los meses (JSON)
export-definitions-csv = Definiciones (CSV)
export-definitions-json = Definiciones (JSON)
figures-caption = Todas las cifras de { $month }

# Quioscos
fleet-title = Quioscos
fleet-your-sites = Sus sedes: { $sites }
alerts-heading = { $n ->
    [0] Ningún quiosco necesita una visita
    [one] Un quiosco necesita una visita
   *[other] { $n } quioscos necesitan una visita
}
alerts-none = Todos los quioscos funcionan bien.
kiosks-heading = { $n ->
    [one] Un quiosco
   *[other] { $n } quioscos
}
kiosks-caption = Quioscos por barrio y sede
kiosk = Quiosco
kiosks = Quioscos
site = Sede
sites = Sedes
last-seen = Última conexión
backlog = Pendiente de envío
records-received = Registros recibidos
devices = Dispositivos
content-version = Versión del contenido
printer = Impresora
power = Alimentación
free-disk = Disco libre
alerts = Alertas
actions = Acciones
never = nunca
age-now = ahora mismo
age-minutes = hace { $n } min
age-hours = hace { $n } h
age-days = { $n ->
    [one] hace { $n } día
   *[other] hace { $n } días
}
alert-none = sin problemas
alert-offline = sin conexión desde hace más de 24 h
alert-printer_out_of_paper = impresora sin papel
alert-printer_fault = la impresora requiere atención
alert-disk_nearly_full = disco casi lleno
alert-battery_low = batería baja
alert-re_enrol = inscribir de nuevo (sin clave de dispositivo)
state-quarantined = en cuarentena
state-revoked = revocado
printer-ok = lista
printer-paper_low = poco papel
printer-paper_out = sin papel
printer-cover_open = tapa abierta
printer-offline = sin conexión
printer-fault = avería
printer-unknown = desconocido
power-mains = red eléctrica
power-battery = batería { $percent } %
action-quarantine = Poner en cuarentena
action-release = Levantar la cuarentena
action-revoke = Revocar
device-unknown = No existe ese quiosco.
enrol-heading = Registrar un quiosco
enrol-intro = Genere un código de un solo uso y luego escríbalo en la pantalla de personal del quiosco (o ejecute el comando que se muestra). El código funciona una sola vez.
enrol-valid-hours = Válido durante (horas)
enrol-submit = Generar un código
enrol-no-sites = Aún no hay sedes: un administrador añade una abajo y luego se pueden crear códigos para ella.
site-add-heading = Añadir una sede
site-add-intro = Una sede es un lugar donde hay quioscos, en un barrio de las líneas de base. Los códigos de registro se crean para sedes.
site-add-submit = Añadir la sede
site-need-baselines = Primero suba las líneas de base de los barrios (página Lugares): cada sede pertenece a uno de sus barrios.
site-unknown = No hay ninguna sede llamada «{ $site }». Un administrador añade las sedes primero.
enrol-bad = Indique el nombre de la sede (hasta 120 caracteres) y una validez de 1 a 720 horas.
code-made = Código de registro para { $site }
code-expires = Funciona una sola vez, hasta { $when }.
code-how = En el quiosco, abra el modo de personal y escanee este código QR en «Inscribir este quiosco».
code-qr-label = Código QR del billete de inscripción
code-ticket = O escriba allí esta línea del billete. Un quiosco ya inscrito en este servidor solo necesita el código.
code-cli = O ejecute esto en la línea de comandos del quiosco:
code-how-no-ticket = En el quiosco, abra el modo de personal y escriba este código con la dirección y la huella del servidor, o ejecute `kiosk enrol`.

# Lugares
places-title = Lugares y datos de referencia
baselines-heading = Datos de referencia de los barrios
baselines-none = Todavía no hay datos de referencia.
baselines-caption = Datos de referencia que sirven de denominador a las métricas
population = Residentes de 15 años o más
offline-share = Hogares sin conexión
opening-hours = Horario de apertura
default-locale = Idioma predeterminado
outline = Contorno
baselines-upload = Archivo de datos de referencia (CSV)
baselines-hint = Una línea de encabezado y luego una línea por barrio. Primero se comprueba todo el archivo; si algo está mal, no se importa nada. Columnas:
baselines-imported = { $n ->
    [one] Se importaron los datos de referencia de { $n } barrio.
   *[other] Se importaron los datos de referencia de { $n } barrios.
}
outlines-heading = Contornos de los barrios
outlines-count = { $n ->
    [one] Un barrio tiene contorno.
   *[other] { $n } barrios tienen contorno.
}
outlines-upload = Archivo de contornos (GeoJSON)
outlines-hint = Una FeatureCollection con un Polygon o MultiPolygon por barrio, identificado por su propiedad "neighbourhood", con la longitud antes que la latitud.
outlines-imported = { $n ->
    [one] Se importaron los contornos de { $n } barrio.
   *[other] Se importaron los contornos de { $n } barrios.
}
import-refused = { $file } no se importó: { $n ->
    [one] un problema
   *[other] { $n } problemas
}. No se modificó nada.

# Contenido
content-title = Contenido
content-published = Versión de contenido publicada: { $version }.
content-versions-caption = Qué quioscos ejecutan cada versión (según su última señal de actividad)
content-builtin = muestra integrada
content-unknown = aún sin informar
which = Cuáles
publish-heading = Publicar una nueva versión
publish-file = Paquete de contenido (.tar.gz)
publish-submit = Comprobar y publicar
publish-hint = Un .tar.gz de una carpeta de contenido (bundle.toml, categories.toml, services/, forms/, modules/, surveys/), opcionalmente con una carpeta locales/ de traducciones de la interfaz. Se comprueba por completo antes de firmarlo y publicarlo; los quioscos lo descargan en su siguiente sincronización.
publish-refused = El paquete no se publicó:
publish-done = Se publicó la versión de contenido { $version } ({ $files } archivos). Los quioscos la descargan en su siguiente sincronización.
release-heading = Software de los quioscos
release-latest = Los quioscos pasan a la versión { $version } ({ $count } versiones publicadas). Cada quiosco la descarga en segundo plano y la instala en una hora tranquila; vuelve atrás por sí solo si la nueva versión no arranca bien.
release-none = Aún no se ha publicado software: los quioscos usan la versión con la que se instalaron.
release-caption = Quioscos por versión de software
software-version = Software
software-update = Actualización
release-file = Paquete del quiosco (.deb)
release-submit = Comprobar y publicar
release-hint = El paquete inclusion-kiosk creado con scripts/package. Se comprueba (nombre, versión, arquitectura) y se firma con la clave del servidor en la que confían los quioscos. Cada versión se publica una sola vez.
release-done = Software { $version } publicado. Los quioscos lo obtienen en su próxima sincronización.
update-downloading = descargando { $version } ({ $detail } %)
update-ready = { $version } lista, esperando una hora tranquila
update-installing = instalando { $version }
update-installed = { $version } instalada
update-rolled-back = { $version } revertida: { $detail }
update-blocked = { $version } en espera: { $detail }

# Usuarios
users-title = Usuarios y registro de auditoría
users-caption = Cuentas del personal
role = Rol
user-site = Sede (personal bibliotecario)
user-add-heading = Agregar una cuenta
user-add-submit = Agregar
user-added = Se agregó la cuenta { $name }.
user-password-once = Su contraseña, que solo se muestra ahora:
user-status = Estado
user-sessions = Sesiones abiertas
user-active = puede iniciar sesión
user-disabled = desactivado
user-do-disable = Desactivar
user-do-enable = Activar
user-do-reset_password = Nueva contraseña
user-do-end_sessions = Cerrar todas las sesiones
user-do-delete = Eliminar
user-changed = { $name }: hecho ({ $change }).
user-new-password = La nueva contraseña de { $name }, mostrada solo ahora:
user-actions = Acciones para { $name }
audit-heading = Registro de auditoría
audit-caption = Últimas acciones y consultas de analistas, de la más reciente a la más antigua
when = Cuándo
who = Quién
action = Acción
detail = Detalle

# Ruido de privacidad (privacidad diferencial)
privacy-title = Ruido de privacidad
privacy-intro = Privacidad diferencial opcional. Mientras el ruido está activado, todas las personas fuera del rol de analista ven las cifras de un mes solo después de que un administrador lo publique, una vez terminado el mes. Los recuentos llevan entonces ruido aleatorio (geométrico bilateral), los recuentos negativos pasan a 0 y los recuentos pequeños siguen ocultos. Cada publicación gasta ε del presupuesto anual del año al que se refiere; volver a publicar un mes cuesta ε de nuevo.
privacy-off = El ruido está desactivado: las cifras son exactas y los recuentos pequeños se ocultan.
privacy-on = El ruido está activado: ε = { $epsilon } por tabla, { $tables } tablas, así que cada publicación cuesta ε = { $cost }. Presupuesto anual: ε = { $budget }.
privacy-ledger-heading = Registro
privacy-ledger-caption = Cada publicación con ruido y el ε que gastó
privacy-ledger-empty = Todavía no se ha publicado ningún mes con ruido.
privacy-released = publicado
privacy-spent = ε gastado
privacy-year-spent = { $year }: ε = { $spent } gastado de un presupuesto anual de { $budget }.
privacy-settings-heading = Configuración
privacy-epsilon-label = ε por tabla (más pequeño: más ruido, más privacidad)
privacy-epsilon-hint = Una visita puede estar en las { $tables } tablas, así que cada publicación de un mes cuesta a cada visitante hasta { $tables } × ε, no ε.
privacy-budget-label = Presupuesto anual (vacío: una publicación al mes)
privacy-turn-on = Activar el ruido o guardar
privacy-turn-off = Desactivar el ruido
privacy-release-heading = Publicar un mes
privacy-release-label = Mes (meses ya terminados)
privacy-release-submit = Publicar con ruido
privacy-release-done = { $month } se ha publicado con ruido: ε = { $cost } gastado.
privacy-none-to-release = Todavía no se puede publicar ningún mes: un mes se puede publicar una vez terminado.
privacy-saved = Guardado.
privacy-bad-number = ε y el presupuesto anual deben ser números positivos, como 1,0.
privacy-over-budget = No publicado: al presupuesto del año le queda ε = { $left } y una publicación cuesta ε = { $cost }.
noise-on = Estas cifras llevan ruido aleatorio para proteger la privacidad (ε = { $epsilon } por tabla), publicadas el { $when }. Los recuentos pequeños siguen ocultos.
noise-not-released = Aún no publicado: { $months }. Mientras el ruido de privacidad está activado, un mes se muestra cuando un administrador lo publica después de que termine.
not-published-yet = Aún no publicado: { $months }. Un mes se publica { $days } días después de terminar, cuando los quioscos que estaban sin conexión se han puesto al día, y ya no cambia después.
noise-more = Sobre el ruido de privacidad
noise-now-on = El ruido está activado ahora, ε = { $epsilon } por tabla.
noise-now-off = El ruido está desactivado ahora.

# Solicitudes de residentes (gestores de casos; los administradores solo ven el estado)
nav-requests = Solicitudes
role-case_worker = Gestor de casos
requests-title = Solicitudes de residentes
requests-intro = Las solicitudes de sus formularios, de la más antigua a la más reciente. Abra una para leerla, ver los datos del residente e indicarle en qué punto está.
requests-intro-admin = Todas las solicitudes y su estado. Lo que escribieron los residentes solo lo ven los gestores de casos.
requests-any = Cualquiera
requests-form = Formulario
requests-status = Estado
requests-age = En espera
requests-older-than = { $n ->
    [one] Al menos { $n } día
   *[other] Al menos { $n } días
}
requests-filter = Mostrar
requests-none = Ninguna solicitud coincide.
requests-count = { $n ->
    [one] { $n } solicitud, la más antigua primero
   *[other] { $n } solicitudes, las más antiguas primero
}
requests-reference = Referencia
requests-received = Recibida
requests-back = Todas las solicitudes
requests-not-found = No existe esa solicitud entre las que usted puede ver.
request-title = Solicitud { $reference }
request-answers = Respuestas
request-personal = Datos del residente
request-no-personal = El residente no dejó datos personales.
request-personal-audited = La apertura de estos datos ha quedado registrada en el registro de auditoría.
request-personal-unreadable = Los datos del residente no se pueden abrir con la clave de este servidor.
request-change = Cambiar el estado
request-phrase = Mensaje para el residente
request-phrase-none = Sin mensaje
request-message = Sus propias palabras (opcional)
request-message-hint = Como máximo { $n } caracteres. El residente lo lee en un quiosco.
request-save = Guardar e informar al residente
request-city-system = Sistema de casos de la ciudad { $target }
request-city-waiting = aún no recibida ({ $attempts } intentos hasta ahora)
request-history = Historial
request-when = Cuándo
request-who = Quién
request-status-received = Recibida
request-status-in-progress = En curso
request-status-resolved = Resuelta
request-status-referred = Derivada a otro servicio
request-status-cannot-be-done = No se puede realizar
request-phrase-we-will-call = Un asesor le llamará.
request-phrase-visit-office = Acuda a la oficina municipal con su resguardo.
request-phrase-bring-documents = Lleve a la oficina municipal los documentos indicados en su resguardo.
request-phrase-work-scheduled = El trabajo está programado.
request-phrase-fixed = Ya está arreglado. Gracias por avisarnos.
request-phrase-referred-elsewhere = Hemos enviado su solicitud al servicio que puede ayudarle.
request-phrase-not-city-matter = El ayuntamiento no puede encargarse de esto.
user-forms = Formularios de solicitud (gestores de casos)
user-forms-hint = Identificadores de formulario separados por comas, p. ej. callback, street-light.
request-personal-erased = Los datos del residente se borraron el { $date }: el ayuntamiento solo los guarda un tiempo después de cerrar la solicitud.
requests-export = Descargar estas solicitudes en CSV (con los datos de los residentes; cada apertura queda registrada)

# City case systems (Open311)
nav-open311 = Sistemas de casos de la ciudad
open311-title = Sistemas de casos de la ciudad (Open311)
open311-intro = Los sistemas de casos de la ciudad leen las solicitudes de los residentes por Open311 GeoReport v2 en /open311/v2/ con una clave creada aquí, para algunos formularios y, si se quiere, un solo sitio. Una clave con datos personales también lee los datos de los residentes; cada lectura queda en el registro de auditoría.
open311-made = Clave { $name } creada.
open311-key-once = Désela ahora al sistema de la ciudad; solo se muestra una vez:
open311-deleted = Clave { $name } eliminada: ya no lee nada.
open311-no-such-key = No hay ninguna clave llamada { $name }.
open311-keys-heading = Claves
open311-no-keys = Todavía no hay claves.
open311-keys-caption = Claves que leen solicitudes por Open311
open311-personal = Datos personales
open311-made-by = Creada por
open311-every-site = Todos los sitios
open311-delete-label = Eliminar la clave { $name }
open311-add-heading = Crear una clave
open311-site = Sitio (opcional)
open311-personal-allow = Puede leer los datos personales de los residentes (nombre, teléfono, ubicación, detalles)
open311-add-submit = Crear la clave
open311-push-heading = Solicitudes enviadas a la ciudad
open311-no-push = No hay ningún destino configurado: las solicitudes nuevas no se envían. Añada [[open311_push]] a server.toml.
open311-push-caption = Solicitudes enviadas a cada destino Open311 configurado
open311-endpoint = Destino
open311-sent = Recibidas
open311-waiting = En espera
open311-failing = Con fallos
noise-not-released-places = No están en la publicación de este mes (se añadieron después), así que no hay cifras: { $places }.
