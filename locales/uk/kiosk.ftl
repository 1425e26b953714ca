# Kiosk UI strings: Ukrainian. Same ids and variables as en
# (checked by kiosk/tests/locales.rs). Short sentences: they are read aloud.

## Language picker: each language is listed by its own name.
language-name = Українська

## Attract screen
attract-welcome = Ласкаво просимо
attract-touch-to-start = Торкніться екрана, щоб почати

## Language picker
language-title = Оберіть мову

## Header buttons, the same on every page
nav-back = Назад
nav-home = Головна
nav-finish = Завершити
nav-listen = Слухати
nav-help = Допомога

## Idle warning
idle-title = Ви ще тут?
idle-explanation = Щоб захистити вашу приватність, цей екран скоро все очистить і почне спочатку.
idle-seconds = Залишилося секунд
idle-more-time = Так, мені потрібно більше часу

## Help
help-title = Допомога
help-body = Торкніться великої кнопки, щоб вибрати. Торкніться «Назад», щоб повернутися, або «Головна», щоб почати спочатку. Торкніться «Слухати», щоб прослухати цей екран. Якщо не знаєте, що робити, зверніться до працівника. Коли закінчите, торкніться «Завершити»: екран усе забуде.
help-close = Закрити допомогу

## Accessibility quick settings
settings-title = Налаштуйте для зручності
settings-intro = Виберіть те, що вам допомагає. Ви можете змінити це будь-коли.
settings-text-size = Розмір тексту
settings-smaller = Менше
settings-bigger = Більше
settings-high-contrast = Висока контрастність
settings-read-aloud = Читати кожен екран уголос
settings-easy-read = Простий текст
settings-on = Так
settings-off = Ні
settings-continue = Продовжити

## Home screen
home-title = Що ви хочете зробити?
home-tile-services = Міські послуги
home-tile-services-hint = Знайти послугу, подати запит або записатися на прийом
home-tile-learn = Опанувати цифрові навички
home-tile-learn-hint = Короткі уроки про електронну пошту, паролі, шахрайство та інше
home-tile-say = Висловити думку
home-tile-say-hint = Оцінити послугу або пройти опитування громади
home-language = Змінити мову

## City services
services-title = Міські послуги
services-search-label = Пошук послуги
services-search-hint = Введіть слово, наприклад: бібліотека, житло, автобус.
services-search-button = Шукати
services-browse = Або виберіть тему
services-results-title = Результати за запитом «{ $query }»
services-no-results = За цими словами нічого не знайдено. Спробуйте інші слова або виберіть тему.
content-fallback = Англійською
content-fallback-notice = Цей текст ще не доступний вашою мовою. Його показано англійською.

## A service page
service-who = Хто може скористатися
service-bring = Що взяти з собою
service-where = Де
service-hours = Години роботи
service-how = Як скористатися
service-contact = Телефон і вебсайт
service-request = Подати запит
service-send-to-phone = Надіслати на мій телефон
service-print = Надрукувати
service-rate = Оцінити цю послугу
channel-in-person = Особисто
channel-online = Онлайн
channel-phone = Телефоном
day-mon = понеділок
day-tue = вівторок
day-wed = середа
day-thu = четвер
day-fri = п’ятниця
day-sat = субота
day-sun = неділя
day-range = { $first } – { $last }
hours-line = { $days }: з { $opens } до { $closes }

## Send to my phone
qr-title = Надіслати на мій телефон
qr-explanation = Відкрийте камеру на телефоні й наведіть її на цей код. Посилання відкриється на вашому телефоні.
qr-close = Закрити

## Request forms
form-optional = (необов’язково)
form-submit = Надіслати запит
form-privacy-note = Ваше ім’я та номер телефону надійно захищені в цьому кіоску. Прочитати їх може лише міська влада.
form-fix-errors = Перевірте поля, позначені червоним.
form-error-required = Заповніть це поле.
form-error-choose = Виберіть один варіант.
form-error-too-long = Максимум символів: { $max }.
form-error-phone = Введіть номер телефону: від 7 до 15 цифр.
form-unavailable = Цей кіоск поки не може приймати запити з особистими даними. Зверніться до працівника.

## After a request
submitted-title = Ваш запит збережено
submitted-reference = Номер вашого запиту
submitted-print = Надрукувати квитанцію
submitted-offline = Зараз цей кіоск не має зв’язку з інтернетом. Ваш запит буде надіслано, щойно зв’язок відновиться.
submitted-online = Ваш запит буде надіслано до міської влади протягом кількох хвилин.

## Check a request
home-check-request = Перевірити запит
home-check-request-hint = Дізнайтеся, на якому етапі ваш запит, за номером запиту з квитанції.
check-title = Перевірити запит
check-intro = Введіть номер запиту, надрукований на вашій квитанції, або піднесіть QR-код квитанції під сканер.
check-reference-label = Номер запиту
check-reference-hint = 12 літер і цифр, як на вашій квитанції.
check-button = Перевірити
check-asking = Зв’язуємося з міською владою…
check-invalid = Цей номер запиту неправильний. Перевірте кожну літеру й цифру.
check-unknown = Запит із цим номером ще не надійшов до міської влади. Якщо ви подали його сьогодні в іншому кіоску, спробуйте ще раз пізніше.
check-unknown-offline = Цей кіоск не має відомостей про цей запит і зараз не може зв’язатися з міською владою. Будь ласка, спробуйте ще раз пізніше.
check-status-received = Отримано: ваш запит надійшов до міської влади.
check-status-in-progress = У роботі: вашим запитом уже займаються.
check-status-resolved = Вирішено.
check-status-referred = Передано до іншої служби.
check-status-cannot-be-done = Міська влада не може цього зробити.
check-status-waiting = Збережено в цьому кіоску. Запит буде надіслано до міської влади, коли кіоск матиме зв’язок з інтернетом.
check-note-label = Повідомлення від міської влади
check-updated = Оновлено: { $date }
check-source-server = Дані щойно отримано від міської влади.
check-source-kiosk = За останніми даними, які цей кіоск отримав від міської влади. Зараз він не може з нею зв’язатися.
check-source-here = Цей запит подано в цьому кіоску.
check-print = Надрукувати
check-another = Перевірити інший номер запиту
check-printout-title = Стан вашого запиту
request-phrase-we-will-call = Вам зателефонує консультант.
request-phrase-visit-office = Будь ласка, прийдіть із квитанцією до міської адміністрації.
request-phrase-bring-documents = Будь ласка, принесіть до міської адміністрації документи, зазначені у вашій квитанції.
request-phrase-work-scheduled = Роботи заплановано.
request-phrase-fixed = Проблему усунуто. Дякуємо, що повідомили нам.
request-phrase-referred-elsewhere = Ми передали ваш запит до служби, яка може допомогти.
request-phrase-not-city-matter = Міська влада цим не займається.

## Learn digital skills
learn-title = Опанувати цифрові навички
learn-intro = Короткі уроки з практикою. Виберіть один, щоб почати.
learn-status-new = Не почато
learn-status-started = Почато
learn-status-passed = Пройдено
learn-code-title = Маєте код слухача?
learn-code-label = Ваш код слухача
learn-code-hint = 9 літер і цифр, як на вашій картці слухача.
learn-use-code = Продовжити з моїм кодом
learn-new-code = Отримати код слухача
learn-code-invalid = Цей код неправильний. Перевірте кожну літеру й цифру.
learn-code-unknown = З поверненням. У цьому кіоску ще немає збереженого прогресу для цього коду.
learn-your-code = Ваш код слухача
learn-print-card = Надрукувати картку слухача
learn-step-counter = Крок { $current } з { $total }
learn-practice-counter = Вправа { $current } з { $total }
learn-question-counter = Питання { $current } з { $total }
learn-previous = Попередній
learn-next = Далі
learn-right = Правильно.
learn-not-quite = Не зовсім.
learn-passed-title = Чудово! Ви пройшли.
learn-failed-title = Ще ні. Можна спробувати ще раз.
learn-result-message = Правильних відповідей: { $score } з { $total }. Щоб пройти, потрібно { $pass }.
learn-print-certificate = Надрукувати сертифікат
learn-retry = Пройти питання ще раз
learn-other-modules = Інші уроки

## Have a say
say-title = Висловити думку
say-intro = Скажіть місту, що ви думаєте. Ваші відповіді анонімні.
say-survey-detail = Кілька коротких питань. Без імен.
say-rate-heading = Оцінити послугу
rate-question = Як ви оцінюєте цю послугу?
rate-5 = Дуже добре
rate-4 = Добре
rate-3 = Нормально
rate-2 = Погано
rate-1 = Дуже погано
rate-comment = Хочете щось додати?
rate-comment-hint = Будь ласка, не пишіть тут імен чи номерів телефону.
rate-send = Надіслати оцінку
rate-choose = Будь ласка, виберіть оцінку.
survey-next = Далі
survey-counter = Питання { $current } з { $total }
thanks-title = Дякуємо
thanks-rating = Дякуємо. Ваша оцінка допомагає місту покращити цю послугу.
thanks-survey = Дякуємо. Ваші відповіді допомагають місту планувати послуги.

## Messages after an action
notice-printed = Надруковано. Заберіть, будь ласка, аркуш.
notice-printer-problem = Принтер зараз не працює. Скористайтеся кнопкою «Надіслати на мій телефон» або зверніться до працівника.
notice-speech-problem = Читання вголос зараз недоступне в цьому кіоску.

## Printed documents
ticket-service-title = Міська послуга
ticket-request-title = Ваш запит
ticket-reference = Номер запиту
ticket-offline = Цей кіоск був без зв’язку. Ваш запит буде надіслано, коли зв’язок відновиться.
ticket-scan = Відскануйте код, щоб побачити це на телефоні.
card-title = Картка слухача
card-body = Використовуйте цей код у будь-якому кіоску, щоб продовжити уроки.
certificate-title = Сертифікат
certificate-body = Чудово! Ви пройшли урок «{ $module }». Дата: { $date }.

## On-screen keyboard
keyboard-title = Екранна клавіатура
keyboard-space = Пробіл
keyboard-delete = Видалити
keyboard-shift = Великі літери
keyboard-done = Готово

## Kiosk status (shown to staff)
status-records-waiting =
    { $count ->
        [one] { $count } запис очікує на надсилання
        [few] { $count } записи очікують на надсилання
        [many] { $count } записів очікують на надсилання
       *[other] { $count } запису очікують на надсилання
    }

## Staff mode: for librarians and community workers (PIN or staff card)
attract-staff = Персонал
admin-pin-title = Вхід для персоналу
admin-pin-label = PIN-код персоналу
admin-pin-hint = Якщо ви його не знаєте, зверніться до координатора закладу.
admin-pin-enter = Увійти
admin-pin-wrong = Неправильний PIN-код. Спробуйте ще раз.
admin-pin-not-set = У цьому кіоску не встановлено PIN-код персоналу. Установіть його командою: kiosk admin set-pin
admin-pin-locked = Забагато неправильних спроб: вхід для персоналу тимчасово заблоковано. Хвилин очікування: { $minutes }
admin-pin-short = Цей PIN-код персоналу закороткий. Установіть новий щонайменше з 6 цифр командою: kiosk admin set-pin
admin-title = Режим персоналу
admin-connection = З’єднання із сервером
admin-online = На зв’язку: записи надсилаються.
admin-offline = Без зв’язку: записи зберігаються в цьому кіоску й будуть надіслані пізніше.
admin-devices = Пристрої
admin-no-device-news = Жоден пристрій не повідомив про проблему.
admin-test-print = Надрукувати тестову квитанцію
admin-force-sync = Синхронізувати зараз
admin-sync-asked = Синхронізація триває у фоновому режимі.
admin-learner-card = Надрукувати нову картку слухача
admin-assisted = Позначити цей візит як візит із допомогою
admin-assisted-done = Цей візит позначено як візит із допомогою.
admin-exit = Вийти з режиму персоналу
admin-waiting = Записи, що очікують на надсилання: { $count }
admin-last-success = Остання успішна синхронізація: { $when }
admin-never = ніколи
admin-sent-today = Надіслано сьогодні (у байтах): { $bytes }
admin-clock = Розбіжність годинника кіоску із сервером (у секундах): { $seconds }
admin-last-attempt = Остання спроба: { $message }
admin-enrol-heading = Зареєструвати цей кіоск
admin-enrolled-as = Зареєстровано як { $kiosk } у закладі { $site } ({ $neighbourhood }).
admin-not-enrolled = Не зареєстровано: записи зберігаються в цьому кіоску, доки його не зареєструють.
admin-enrol-label = Реєстраційний квиток або код
admin-enrol-hint = Відскануйте QR-код на сторінці «Кіоски» вебсайту для персоналу або введіть рядок квитка, показаний там. Кіоску, уже зареєстрованому на тому сервері, потрібен лише код.
admin-enrol-button = Зареєструвати
admin-enrol-working = Триває реєстрація. Це може зайняти кілька секунд.
admin-enrol-done = Зареєстровано як { $kiosk } у закладі { $site } ({ $neighbourhood }). Записи, що очікували в цьому кіоску, надсилаються.
admin-enrol-empty = Спочатку введіть або відскануйте реєстраційний квиток чи код.
admin-enrol-bad-ticket = Цей квиток неповний. Відскануйте його ще раз або введіть точно так, як показано на сторінці «Кіоски».
admin-enrol-bad-code = Це не код реєстрації. Коди складаються з літер і цифр, наприклад K7PQ-M3XZ-R9AB.
admin-enrol-need-ticket = Цей кіоск ще не знає свого сервера. Відскануйте або введіть увесь квиток, а не лише код.
admin-enrol-refused = Сервер відхилив цей код: він неправильний, уже використаний або прострочений. Створіть новий на сторінці «Кіоски».
admin-enrol-unreachable = Не вдалося зв’язатися із сервером. Перевірте мережу й спробуйте ще раз.
admin-enrol-wrong-server = Сертифікат сервера не збігається з квитком. Перевірте, чи квиток призначено для сервера цього міста.
admin-enrol-failed = Помилка реєстрації: { $detail }
notice-battery-critical = Батарея майже розряджена, і цей кіоск може скоро вимкнутися. Зверніться до працівника.
