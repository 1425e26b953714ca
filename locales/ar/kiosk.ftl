# Kiosk UI strings: Modern Standard Arabic. Same ids and variables as en
# (checked by kiosk/tests/locales.rs). Short sentences: they are read aloud.
# Right-to-left. Numbers from variables stay as they are (Western digits).

## Language picker: each language is listed by its own name.
language-name = العربية

## Attract screen
attract-welcome = أهلًا وسهلًا
attract-touch-to-start = المس الشاشة للبدء

## Language picker
language-title = اختر لغتك

## Header buttons, the same on every page
nav-back = رجوع
nav-home = الرئيسية
nav-finish = إنهاء
nav-listen = استماع
nav-help = مساعدة

## Idle warning
idle-title = هل ما زلت هنا؟
idle-explanation = حفاظًا على خصوصيتك، ستمحو هذه الشاشة كل شيء قريبًا وتبدأ من جديد.
idle-seconds = الثواني المتبقية
idle-more-time = نعم، أحتاج إلى مزيد من الوقت

## Help
help-title = مساعدة
help-body = المس زرًا كبيرًا للاختيار. المس «رجوع» للعودة إلى الصفحة السابقة، و«الرئيسية» للبدء من جديد. المس «استماع» لسماع هذه الشاشة. إذا واجهت صعوبة فاسأل أحد الموظفين. عندما تنتهي، المس «إنهاء»: تنسى الشاشة كل شيء.
help-close = إغلاق المساعدة

## Accessibility quick settings
settings-title = تسهيل الاستخدام
settings-intro = اختر ما يساعدك. يمكنك تغييره في أي وقت.
settings-text-size = حجم النص
settings-smaller = أصغر
settings-bigger = أكبر
settings-high-contrast = تباين عالٍ
settings-read-aloud = قراءة كل شاشة بصوت عالٍ
settings-easy-read = قراءة سهلة
settings-on = تشغيل
settings-off = إيقاف
settings-continue = متابعة

## Home screen
home-title = ماذا تريد أن تفعل؟
home-tile-services = خدمات المدينة
home-tile-services-hint = ابحث عن خدمة أو قدّم طلبًا أو احجز موعدًا
home-tile-learn = تعلّم المهارات الرقمية
home-tile-learn-hint = دروس قصيرة عن البريد الإلكتروني وكلمات المرور والاحتيال وغير ذلك
home-tile-say = شارك برأيك
home-tile-say-hint = قيّم خدمة أو أجب عن استبيان الحي
home-language = تغيير اللغة

## City services
services-title = خدمات المدينة
services-search-label = ابحث عن خدمة
services-search-hint = اكتب كلمة، مثلًا: مكتبة، سكن، حافلة.
services-search-button = بحث
services-browse = أو اختر موضوعًا
services-results-title = نتائج البحث عن «{ $query }»
services-no-results = لم نجد شيئًا بهذه الكلمات. جرّب كلمات أخرى، أو اختر موضوعًا.
content-fallback = معروض بالإنجليزية
content-fallback-notice = هذا النص غير متوفر بلغتك حتى الآن، لذلك يظهر بالإنجليزية.

## A service page
service-who = من يمكنه استخدامها
service-bring = ماذا تُحضر معك
service-where = المكان
service-hours = ساعات العمل
service-how = كيف تستخدمها
service-contact = الهاتف والموقع الإلكتروني
service-request = تقديم طلب
service-send-to-phone = إرسال إلى هاتفي
service-print = طباعة
service-rate = تقييم هذه الخدمة
channel-in-person = حضوريًا
channel-online = عبر الإنترنت
channel-phone = عبر الهاتف
day-mon = الاثنين
day-tue = الثلاثاء
day-wed = الأربعاء
day-thu = الخميس
day-fri = الجمعة
day-sat = السبت
day-sun = الأحد
day-range = من { $first } إلى { $last }
hours-line = { $days }: من { $opens } إلى { $closes }

## Send to my phone
qr-title = إرسال إلى هاتفي
qr-explanation = افتح الكاميرا في هاتفك ووجّهها نحو هذا الرمز. سيُفتح الرابط على هاتفك.
qr-close = إغلاق

## Request forms
form-optional = (اختياري)
form-submit = إرسال طلبي
form-privacy-note = اسمك ورقم هاتفك محفوظان بأمان في هذا الكشك. لا يستطيع قراءتهما إلا البلدية.
form-fix-errors = يُرجى التحقق من الحقول المعلّمة باللون الأحمر.
form-error-required = يُرجى ملء هذا الحقل.
form-error-choose = يُرجى اختيار خيار واحد.
form-error-too-long = الحد الأقصى لعدد الأحرف هو { $max }.
form-error-phone = يُرجى كتابة رقم هاتف من 7 إلى 15 رقمًا.
form-unavailable = لا يستطيع هذا الكشك بعدُ استقبال طلبات فيها بيانات شخصية. يُرجى سؤال أحد الموظفين.

## After a request
submitted-title = تم حفظ طلبك
submitted-reference = الرقم المرجعي لطلبك
submitted-print = طباعة الإيصال
submitted-offline = هذا الكشك غير متصل بالإنترنت الآن. سيُرسَل طلبك فور عودة الاتصال.
submitted-online = سيُرسَل طلبك إلى البلدية خلال الدقائق القليلة القادمة.

## Check a request
home-check-request = الاستعلام عن طلب
home-check-request-hint = اعرف حالة طلب قدّمته، باستخدام الرقم المرجعي المكتوب على إيصالك.
check-title = الاستعلام عن طلب
check-intro = اكتب الرقم المرجعي المطبوع على إيصالك، أو ضع رمز QR الموجود على الإيصال تحت الماسح الضوئي.
check-reference-label = الرقم المرجعي
check-reference-hint = 12 حرفًا ورقمًا، كما هو مكتوب على إيصالك.
check-button = استعلام
check-asking = جارٍ الاتصال بالبلدية…
check-invalid = هذا الرقم المرجعي غير صحيح. تحقّق من كل حرف وكل رقم.
check-unknown = لم يصل إلى البلدية بعدُ أي طلب بهذا الرقم المرجعي. إذا قدّمته اليوم على كشك آخر، فحاول مرة أخرى لاحقًا.
check-unknown-offline = لا تتوفر لدى هذا الكشك أي معلومات عن هذا الطلب، ولا يمكنه الاتصال بالبلدية الآن. يُرجى المحاولة مرة أخرى لاحقًا.
check-status-received = مستلَم: طلبك لدى البلدية.
check-status-in-progress = قيد المعالجة: يعمل عليه أحد الموظفين.
check-status-resolved = تمت معالجته.
check-status-referred = أُحيل إلى جهة أخرى.
check-status-cannot-be-done = لا تستطيع البلدية تنفيذ هذا الطلب.
check-status-waiting = محفوظ على هذا الكشك. سيُرسَل إلى البلدية عندما يتصل الكشك بالإنترنت.
check-note-label = رسالة من البلدية
check-updated = تم التحديث بتاريخ { $date }
check-source-server = تم التحقق لدى البلدية قبل لحظات.
check-source-kiosk = حسب آخر ما وصل إلى هذا الكشك من البلدية. لا يمكنه الاتصال بالبلدية الآن.
check-source-here = قُدِّم هذا الطلب على هذا الكشك.
check-print = طباعة
check-another = الاستعلام عن رقم مرجعي آخر
check-printout-title = حالة طلبك
request-phrase-we-will-call = سيتصل بك أحد المستشارين.
request-phrase-visit-office = يرجى زيارة مكتب البلدية ومعك التذكرة.
request-phrase-bring-documents = يرجى إحضار المستندات المذكورة في تذكرتك إلى مكتب البلدية.
request-phrase-work-scheduled = تمت جدولة العمل.
request-phrase-fixed = تم الإصلاح. شكراً لإبلاغنا.
request-phrase-referred-elsewhere = أحلنا طلبك إلى الجهة التي يمكنها مساعدتك.
request-phrase-not-city-matter = هذا ليس من اختصاص البلدية.

## Learn digital skills
learn-title = تعلّم المهارات الرقمية
learn-intro = دروس قصيرة مع تمارين. اختر درسًا لتبدأ.
learn-status-new = لم تبدأه بعد
learn-status-started = بدأته
learn-status-passed = نجحت فيه
learn-code-title = هل لديك رمز متعلّم؟
learn-code-label = رمز المتعلّم الخاص بك
learn-code-hint = 9 أحرف وأرقام، كما هو مكتوب على بطاقة المتعلّم.
learn-use-code = المتابعة برمزي
learn-new-code = الحصول على رمز متعلّم
learn-code-invalid = هذا الرمز غير صحيح. تحقّق من كل حرف وكل رقم.
learn-code-unknown = مرحبًا بعودتك. لا يوجد تقدّم محفوظ لهذا الرمز على هذا الكشك حتى الآن.
learn-your-code = رمز المتعلّم الخاص بك
learn-print-card = طباعة بطاقة المتعلّم
learn-step-counter = الخطوة { $current } من { $total }
learn-practice-counter = التمرين { $current } من { $total }
learn-question-counter = السؤال { $current } من { $total }
learn-previous = السابق
learn-next = التالي
learn-right = إجابة صحيحة.
learn-not-quite = ليس تمامًا.
learn-passed-title = أحسنت! لقد نجحت.
learn-failed-title = ليس بعد. يمكنك المحاولة مرة أخرى.
learn-result-message = إجاباتك الصحيحة: { $score } من { $total }. تحتاج إلى { $pass } للنجاح.
learn-print-certificate = طباعة شهادتي
learn-retry = أعد الإجابة عن الأسئلة
learn-other-modules = دروس أخرى

## Have a say
say-title = شارك برأيك
say-intro = أخبر البلدية برأيك. إجاباتك لا تحمل اسمك.
say-survey-detail = بضعة أسئلة سريعة. بدون أسماء.
say-rate-heading = تقييم خدمة
rate-question = كيف كانت هذه الخدمة بالنسبة إليك؟
rate-5 = جيدة جدًا
rate-4 = جيدة
rate-3 = مقبولة
rate-2 = ضعيفة
rate-1 = ضعيفة جدًا
rate-comment = هل تريد إضافة شيء؟
rate-comment-hint = يُرجى عدم كتابة أسماء أو أرقام هواتف هنا.
rate-send = إرسال تقييمي
rate-choose = يُرجى اختيار تقييمك للخدمة.
survey-next = التالي
survey-counter = السؤال { $current } من { $total }
thanks-title = شكرًا لك
thanks-rating = شكرًا لك. تقييمك يساعد البلدية على تحسين هذه الخدمة.
thanks-survey = شكرًا لك. إجاباتك تساعد البلدية على تخطيط خدماتها.

## Messages after an action
notice-printed = تمت الطباعة. يُرجى أخذ الورقة.
notice-printer-problem = الطابعة لا تعمل الآن. استخدم «إرسال إلى هاتفي»، أو اسأل أحد الموظفين.
notice-speech-problem = القراءة بصوت عالٍ غير متاحة على هذا الكشك الآن.

## Printed documents
ticket-service-title = خدمة بلدية
ticket-request-title = طلبك
ticket-reference = الرقم المرجعي
ticket-offline = كان هذا الكشك غير متصل بالإنترنت. سيُرسَل طلبك عند عودة الاتصال.
ticket-scan = امسح الرمز لرؤية هذه المعلومات على هاتفك.
card-title = بطاقة المتعلّم
card-body = استخدم هذا الرمز على أي كشك لمتابعة دروسك.
certificate-title = شهادة
certificate-body = أحسنت! لقد أكملت درس «{ $module }» بتاريخ { $date }.

## On-screen keyboard
keyboard-title = لوحة المفاتيح على الشاشة
keyboard-space = مسافة
keyboard-delete = حذف
keyboard-shift = أحرف كبيرة
keyboard-done = تم

## Kiosk status (shown to staff)
status-records-waiting =
    { $count ->
        [zero] لا توجد سجلات بانتظار الإرسال
        [one] سجل واحد بانتظار الإرسال
        [two] سجلان بانتظار الإرسال
        [few] { $count } سجلات بانتظار الإرسال
        [many] { $count } سجلًا بانتظار الإرسال
       *[other] { $count } سجل بانتظار الإرسال
    }

## Staff mode: for librarians and community workers (PIN or staff card)
attract-staff = الموظفون
admin-pin-title = تسجيل دخول الموظفين
admin-pin-label = الرقم السري للموظفين
admin-pin-hint = إذا كنت لا تعرفه، فاسأل منسّق الموقع.
admin-pin-enter = تسجيل الدخول
admin-pin-wrong = هذا الرقم السري غير صحيح. حاول مرة أخرى.
admin-pin-not-set = لم يُحدَّد رقم سري للموظفين على هذا الكشك. حدِّده بالأمر: kiosk admin set-pin
admin-pin-locked = محاولات خاطئة كثيرة: دخول الموظفين مقفل لبعض الوقت. الدقائق المتبقية للانتظار: { $minutes }
admin-pin-short = هذا الرقم السري للموظفين قصير جدًا. حدِّد رقمًا جديدًا من 6 أرقام على الأقل بالأمر: kiosk admin set-pin
admin-title = وضع الموظفين
admin-connection = الاتصال بالخادم
admin-online = متصل: يجري إرسال السجلات.
admin-offline = غير متصل: السجلات محفوظة على هذا الكشك وستُرسَل لاحقًا.
admin-devices = الأجهزة
admin-no-device-news = لم يُبلغ أي جهاز عن مشكلة.
admin-test-print = طباعة إيصال تجريبي
admin-force-sync = المزامنة الآن
admin-sync-asked = تجري المزامنة الآن في الخلفية.
admin-learner-card = طباعة بطاقة متعلّم جديدة
admin-assisted = تسجيل هذه الزيارة على أنها بمساعدة موظف
admin-assisted-done = سُجّلت هذه الزيارة على أنها بمساعدة موظف.
admin-exit = الخروج من وضع الموظفين
admin-waiting = السجلات بانتظار الإرسال: { $count }
admin-last-success = آخر مزامنة ناجحة: { $when }
admin-never = لم تتم قط
admin-sent-today = أُرسل اليوم (بالبايت): { $bytes }
admin-clock = الفرق بين ساعة الكشك وساعة الخادم (بالثواني): { $seconds }
admin-last-attempt = آخر محاولة: { $message }
admin-enrol-heading = تسجيل هذا الكشك
admin-enrolled-as = الكشك مسجَّل باسم { $kiosk } في موقع { $site } ({ $neighbourhood }).
admin-not-enrolled = غير مسجَّل: السجلات محفوظة على هذا الكشك إلى أن يُسجَّل.
admin-enrol-label = تذكرة التسجيل أو رمز التسجيل
admin-enrol-hint = امسح رمز QR في صفحة «الأكشاك» ضمن صفحات الموظفين على الويب، أو اكتب سطر التذكرة المعروض فيها. الكشك المسجَّل من قبل لدى ذلك الخادم يحتاج إلى الرمز فقط.
admin-enrol-button = تسجيل
admin-enrol-working = يجري التسجيل. قد يستغرق ذلك بضع ثوانٍ.
admin-enrol-done = تم تسجيل الكشك باسم { $kiosk } في موقع { $site } ({ $neighbourhood }). يجري الآن إرسال السجلات المحفوظة على هذا الكشك.
admin-enrol-empty = يُرجى أولًا كتابة تذكرة التسجيل أو الرمز، أو مسحها.
admin-enrol-bad-ticket = هذه التذكرة غير مكتملة. امسحها مرة أخرى، أو اكتبها تمامًا كما تظهر في صفحة «الأكشاك».
admin-enrol-bad-code = هذا ليس رمز تسجيل. تتكوّن الرموز من أحرف وأرقام، مثل K7PQ-M3XZ-R9AB.
admin-enrol-need-ticket = هذا الكشك لا يعرف خادمه بعد. امسح التذكرة كاملة أو اكتبها، لا الرمز وحده.
admin-enrol-refused = رفض الخادم هذا الرمز: فهو خاطئ أو مستخدَم من قبل أو منتهي الصلاحية. أنشئ رمزًا جديدًا في صفحة «الأكشاك».
admin-enrol-unreachable = تعذّر الوصول إلى الخادم. تحقّق من الشبكة وحاول مرة أخرى.
admin-enrol-wrong-server = شهادة الخادم لا تطابق التذكرة. تأكّد من أن التذكرة مخصّصة لخادم هذه المدينة.
admin-enrol-failed = فشل التسجيل: { $detail }
notice-battery-critical = البطارية على وشك النفاد، وقد ينطفئ هذا الكشك قريبًا. يُرجى سؤال أحد الموظفين.
