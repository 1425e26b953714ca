language-name = Português
attract-welcome = Bem-vindo
attract-touch-to-start = Toque no ecrã para começar
language-title = Escolha o seu idioma
language-back = Voltar
home-title = O que gostaria de fazer?
home-tile-services = Serviços da cidade
home-tile-services-hint = Encontrar um serviço, fazer um pedido ou marcar uma consulta
home-tile-learn = Aprender competências digitais
home-tile-learn-hint = Lições curtas sobre e-mail, palavras-passe, burlas e mais
home-tile-say = Dar a sua opinião
home-tile-say-hint = Avaliar um serviço ou responder a um inquérito do bairro
home-language = Idioma
home-finish = Terminar
home-finish-hint = Termina a sua visita e esquece tudo o que fez aqui
not-ready-message = Esta parte do quiosque ainda está a ser preparada. Se precisar de ajuda hoje, pergunte a um funcionário.
not-ready-back = Voltar ao ecrã inicial
status-records-waiting =
    { $count ->
        [one] { $count } registo à espera de envio
       *[other] { $count } registos à espera de envio
    }
