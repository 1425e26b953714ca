# Kiosk UI strings: Portuguese (European). Same ids and variables as en
# (checked by kiosk/tests/locales.rs). Short sentences: they are read aloud.

## Language picker: each language is listed by its own name.
language-name = Português

## Attract screen
attract-welcome = Bem-vindo
attract-touch-to-start = Toque no ecrã para começar

## Language picker
language-title = Escolha o seu idioma

## Header buttons, the same on every page
nav-back = Voltar
nav-home = Início
nav-finish = Terminar
nav-listen = Ouvir
nav-help = Ajuda

## Idle warning
idle-title = Ainda está aí?
idle-explanation = Para proteger a sua privacidade, este ecrã vai apagar tudo em breve e começar de novo.
idle-seconds = Segundos restantes
idle-more-time = Sim, preciso de mais tempo

## Help
help-title = Ajuda
help-body = Toque num botão grande para escolher. Toque em Voltar para recuar, ou em Início para começar de novo. Toque em Ouvir para ouvir o que está neste ecrã. Se precisar de ajuda, pergunte a um funcionário. Quando terminar, toque em Terminar: o ecrã esquece tudo.
help-close = Fechar a ajuda

## Accessibility quick settings
settings-title = Mais fácil de usar
settings-intro = Escolha o que lhe é útil. Pode mudar isto a qualquer momento.
settings-text-size = Tamanho do texto
settings-smaller = Mais pequeno
settings-bigger = Maior
settings-high-contrast = Alto contraste
settings-read-aloud = Ler cada ecrã em voz alta
settings-easy-read = Leitura fácil
settings-on = Sim
settings-off = Não
settings-continue = Continuar

## Home screen
home-title = O que gostaria de fazer?
home-tile-services = Serviços da cidade
home-tile-services-hint = Encontrar um serviço, fazer um pedido ou marcar um atendimento
home-tile-learn = Aprender competências digitais
home-tile-learn-hint = Lições curtas sobre e-mail, palavras-passe, burlas e mais
home-tile-say = Dar a sua opinião
home-tile-say-hint = Avaliar um serviço ou responder a um inquérito do bairro
home-language = Mudar de idioma

## City services
services-title = Serviços da cidade
services-search-label = Procurar um serviço
services-search-hint = Escreva uma palavra, por exemplo: biblioteca, habitação, autocarro.
services-search-button = Procurar
services-browse = Ou escolha um tema
services-results-title = Resultados para «{ $query }»
services-no-results = Não encontrámos nada com estas palavras. Experimente outras palavras, ou escolha um tema.
content-fallback = Mostrado em inglês
content-fallback-notice = Este texto ainda não está disponível na sua língua. É mostrado em inglês.

## A service page
service-who = Quem pode usar
service-bring = O que deve levar
service-where = Onde
service-hours = Horário
service-how = Como usar
service-contact = Telefone e site
service-request = Fazer um pedido
service-send-to-phone = Enviar para o meu telemóvel
service-print = Imprimir
service-rate = Avaliar este serviço
channel-in-person = Presencialmente
channel-online = Online
channel-phone = Por telefone
day-mon = segunda-feira
day-tue = terça-feira
day-wed = quarta-feira
day-thu = quinta-feira
day-fri = sexta-feira
day-sat = sábado
day-sun = domingo
day-range = de { $first } a { $last }
hours-line = { $days }: das { $opens } às { $closes }

## Send to my phone
qr-title = Enviar para o meu telemóvel
qr-explanation = Abra a câmara do seu telemóvel e aponte-a para este código. A ligação abre no seu telemóvel.
qr-close = Fechar

## Request forms
form-optional = (opcional)
form-submit = Enviar o meu pedido
form-privacy-note = O seu nome e o seu número de telefone ficam protegidos neste quiosque. Só o município os pode ler.
form-fix-errors = Verifique os campos marcados a vermelho.
form-error-required = Preencha este campo.
form-error-choose = Escolha uma opção.
form-error-too-long = Use no máximo { $max } caracteres.
form-error-phone = Escreva um número de telefone: de 7 a 15 algarismos.
form-unavailable = Este quiosque ainda não pode receber pedidos com dados pessoais. Pergunte a um funcionário.

## After a request
submitted-title = O seu pedido foi guardado
submitted-reference = O seu número de referência
submitted-print = Imprimir o meu talão
submitted-offline = Este quiosque está sem ligação neste momento. O seu pedido será enviado assim que a ligação voltar.
submitted-online = O seu pedido será enviado ao município nos próximos minutos.

## Check a request
home-check-request = Consultar um pedido
home-check-request-hint = Veja em que ponto está um pedido que fez, com a referência do seu talão.
check-title = Consultar um pedido
check-intro = Escreva a referência impressa no seu talão, ou coloque o código QR do talão por baixo do leitor.
check-reference-label = Referência
check-reference-hint = 12 letras e números, como no seu talão.
check-button = Consultar
check-asking = A consultar o município…
check-invalid = Esta referência não está certa. Verifique cada letra e cada número.
check-unknown = Ainda não chegou ao município nenhum pedido com esta referência. Se o fez hoje noutro quiosque, tente outra vez mais tarde.
check-unknown-offline = Este quiosque não tem notícias deste pedido e agora não consegue contactar o município. Tente outra vez mais tarde.
check-status-received = Recebido: o município já tem o seu pedido.
check-status-in-progress = Em curso: alguém está a tratar dele.
check-status-resolved = Resolvido.
check-status-referred = Encaminhado para outro serviço.
check-status-cannot-be-done = O município não pode fazer isto.
check-status-waiting = Guardado neste quiosque. Será enviado ao município quando o quiosque tiver ligação.
check-note-label = Mensagem do município
check-updated = Atualizado em { $date }
check-source-server = Confirmado com o município agora mesmo.
check-source-kiosk = Segundo as últimas notícias que este quiosque recebeu do município. Agora não consegue contactar o município.
check-source-here = Este pedido foi feito neste quiosque.
check-print = Imprimir
check-another = Consultar outra referência
check-printout-title = Estado do seu pedido
request-phrase-we-will-call = Um técnico vai telefonar-lhe.
request-phrase-visit-office = Dirija-se ao atendimento do município com o seu talão.
request-phrase-bring-documents = Leve ao atendimento do município os documentos indicados no seu talão.
request-phrase-work-scheduled = Os trabalhos estão programados.
request-phrase-fixed = Já foi reparado. Obrigado por nos avisar.
request-phrase-referred-elsewhere = Encaminhámos o seu pedido para o serviço que pode ajudar.
request-phrase-not-city-matter = O município não pode tratar deste assunto.

## Learn digital skills
learn-title = Aprender competências digitais
learn-intro = Lições curtas com prática. Escolha uma para começar.
learn-status-new = Por começar
learn-status-started = Em curso
learn-status-passed = Aprovada
learn-code-title = Tem um código de aluno?
learn-code-label = O seu código de aluno
learn-code-hint = 9 letras e números, como no seu cartão de aluno.
learn-use-code = Continuar com o meu código
learn-new-code = Obter um código de aluno
learn-code-invalid = Este código não está certo. Verifique cada letra e cada número.
learn-code-unknown = Olá de novo. Ainda não há progresso guardado para este código neste quiosque.
learn-your-code = O seu código de aluno
learn-print-card = Imprimir o meu cartão de aluno
learn-step-counter = Passo { $current } de { $total }
learn-practice-counter = Exercício { $current } de { $total }
learn-question-counter = Pergunta { $current } de { $total }
learn-previous = Anterior
learn-next = Seguinte
learn-right = Está certo.
learn-not-quite = Não é bem assim.
learn-passed-title = Muito bem! Passou.
learn-failed-title = Ainda não. Pode tentar outra vez.
learn-result-message = Acertou em { $score } de { $total } perguntas. Precisa de { $pass } para passar.
learn-print-certificate = Imprimir o meu certificado
learn-retry = Repetir as perguntas
learn-other-modules = Outras lições

## Have a say
say-title = Dar a sua opinião
say-intro = Diga ao município o que pensa. As suas respostas são anónimas.
say-survey-detail = Algumas perguntas rápidas. Sem nomes.
say-rate-heading = Avaliar um serviço
rate-question = Como foi este serviço para si?
rate-5 = Muito bom
rate-4 = Bom
rate-3 = Razoável
rate-2 = Mau
rate-1 = Muito mau
rate-comment = Quer acrescentar alguma coisa?
rate-comment-hint = Não escreva nomes nem números de telefone aqui.
rate-send = Enviar a minha avaliação
rate-choose = Escolha como foi o serviço.
survey-next = Seguinte
survey-counter = Pergunta { $current } de { $total }
thanks-title = Obrigado
thanks-rating = Obrigado. A sua avaliação ajuda o município a melhorar este serviço.
thanks-survey = Obrigado. As suas respostas ajudam o município a planear os seus serviços.

## Messages after an action
notice-printed = Já está impresso. Retire o seu papel.
notice-printer-problem = A impressora não está a funcionar neste momento. Use «Enviar para o meu telemóvel», ou pergunte a um funcionário.
notice-speech-problem = A leitura em voz alta não está disponível neste quiosque de momento.

## Printed documents
ticket-service-title = Serviço municipal
ticket-request-title = O seu pedido
ticket-reference = Referência
ticket-offline = Este quiosque estava sem ligação. O seu pedido será enviado quando a ligação voltar.
ticket-scan = Leia o código com o telemóvel para ver esta informação.
card-title = Cartão de aluno
card-body = Use este código em qualquer quiosque para continuar as suas lições.
certificate-title = Certificado
certificate-body = Muito bem! Concluiu a lição «{ $module }» em { $date }.

## On-screen keyboard
keyboard-title = Teclado no ecrã
keyboard-space = Espaço
keyboard-delete = Apagar
keyboard-shift = Maiúsculas
keyboard-done = Concluído

## Kiosk status (shown to staff)
status-records-waiting =
    { $count ->
        [0] Nenhum registo à espera de envio
        [one] { $count } registo à espera de envio
       *[other] { $count } registos à espera de envio
    }

## Staff mode: for librarians and community workers (PIN or staff card)
attract-staff = Funcionários
admin-pin-title = Acesso de funcionários
admin-pin-label = PIN de funcionário
admin-pin-hint = Se não o souber, peça-o à coordenação do espaço.
admin-pin-enter = Entrar
admin-pin-wrong = Esse PIN não está certo. Tente outra vez.
admin-pin-not-set = Não há nenhum PIN de funcionário definido neste quiosque. Defina um com o comando: kiosk admin set-pin
admin-pin-locked = Demasiadas tentativas erradas: o acesso dos funcionários está bloqueado por algum tempo. Minutos de espera: { $minutes }
admin-pin-short = Este PIN de funcionário é demasiado curto. Defina um novo com pelo menos 6 algarismos com o comando: kiosk admin set-pin
admin-title = Modo de funcionário
admin-connection = Ligação ao servidor
admin-online = Online: os registos estão a ser enviados.
admin-offline = Sem ligação: os registos ficam à espera neste quiosque e são enviados mais tarde.
admin-devices = Dispositivos
admin-no-device-news = Nenhum dispositivo comunicou um problema.
admin-test-print = Imprimir um talão de teste
admin-force-sync = Sincronizar agora
admin-sync-asked = A sincronizar agora, em segundo plano.
admin-learner-card = Imprimir um novo cartão de aluno
admin-assisted = Marcar esta visita como acompanhada
admin-assisted-done = Esta visita está marcada como acompanhada.
admin-exit = Sair do modo de funcionário
admin-waiting = Registos à espera de envio: { $count }
admin-last-success = Última sincronização bem-sucedida: { $when }
admin-never = nunca
admin-sent-today = Enviado hoje (em bytes): { $bytes }
admin-clock = Diferença entre o relógio do quiosque e o do servidor (em segundos): { $seconds }
admin-last-attempt = Última tentativa: { $message }
admin-enrol-heading = Inscrever este quiosque
admin-enrolled-as = Inscrito como { $kiosk } em { $site } ({ $neighbourhood }).
admin-not-enrolled = Não inscrito: os registos ficam à espera neste quiosque até ele ser inscrito.
admin-enrol-label = Bilhete ou código de inscrição
admin-enrol-hint = Leia o código QR da página «Quiosques» do site dos funcionários, ou escreva a linha do bilhete que lá aparece. Um quiosque já inscrito nesse servidor só precisa do código.
admin-enrol-button = Inscrever
admin-enrol-working = A inscrever. Isto pode demorar alguns segundos.
admin-enrol-done = Inscrito como { $kiosk } em { $site } ({ $neighbourhood }). Os registos à espera neste quiosque estão a ser enviados.
admin-enrol-empty = Primeiro escreva ou leia o bilhete ou o código de inscrição.
admin-enrol-bad-ticket = Este bilhete não está completo. Leia-o outra vez, ou escreva-o exatamente como aparece na página «Quiosques».
admin-enrol-bad-code = Isto não é um código de inscrição. Os códigos têm letras e algarismos, como K7PQ-M3XZ-R9AB.
admin-enrol-need-ticket = Este quiosque ainda não conhece o seu servidor. Leia ou escreva o bilhete completo, não só o código.
admin-enrol-refused = O servidor recusou este código: está errado, já foi usado ou expirou. Crie um novo na página «Quiosques».
admin-enrol-unreachable = Não foi possível contactar o servidor. Verifique a rede e tente outra vez.
admin-enrol-wrong-server = O certificado do servidor não corresponde ao bilhete. Verifique se o bilhete é para o servidor deste município.
admin-enrol-failed = A inscrição falhou: { $detail }
notice-battery-critical = A bateria está quase vazia e este quiosque pode desligar-se em breve. Pergunte a um funcionário.
