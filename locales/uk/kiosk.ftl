language-name = Українська
attract-welcome = Ласкаво просимо
attract-touch-to-start = Торкніться екрана, щоб почати
language-title = Оберіть мову
language-back = Назад
home-title = Що ви хочете зробити?
home-tile-services = Міські послуги
home-tile-services-hint = Знайти послугу, подати запит або записатися на прийом
home-tile-learn = Вивчати цифрові навички
home-tile-learn-hint = Короткі уроки про електронну пошту, паролі, шахрайство та інше
home-tile-say = Висловити думку
home-tile-say-hint = Оцінити послугу або пройти опитування громади
home-language = Мова
home-finish = Завершити
home-finish-hint = Завершує ваш візит і забуває все, що ви тут робили
not-ready-message = Ця частина кіоску ще готується. Якщо вам потрібна допомога сьогодні, зверніться до працівника.
not-ready-back = Повернутися на головний екран
status-records-waiting =
    { $count ->
        [one] { $count } запис очікує на надсилання
        [few] { $count } записи очікують на надсилання
        [many] { $count } записів очікують на надсилання
       *[other] { $count } запису очікують на надсилання
    }
