# صفحات الموظفين على الويب (خادم المزامنة). الإنجليزية هي المرجع: لكل لغة أخرى
# معرّفات الرسائل والمتغيرات نفسها تمامًا.

site-name = أكشاك الشمول — الموظفون
skip-to-content = الانتقال إلى المحتوى
nav-label = القائمة الرئيسية
language-label = اللغة
nav-dashboard = لوحة المعلومات
nav-exports = التصدير
nav-definitions = التعريفات
nav-fleet = الأكشاك
nav-places = الأماكن وخطوط الأساس
nav-content = المحتوى
nav-users = المستخدمون والتدقيق
nav-privacy = الخصوصية
logout = تسجيل الخروج
footer-privacy = الأرقام المتعلقة بالسكان أعداد مجهولة الهوية. لا تُعرض الأعداد من 1 إلى 9 أبدًا خارج دور المحلل.
role-librarian = أمين مكتبة
role-city_staff = موظفو البلدية
role-analyst = محلل
role-admin = مسؤول
refused-title = غير مسموح
back-home = العودة إلى صفحة البداية
error-csrf = انتهت صلاحية هذا النموذج أو أنه لم يصدر عن هذا الموقع. ارجع، وأعد تحميل الصفحة، ثم حاول مجددًا.
error-role = لا يمنحك دورك صلاحية الوصول إلى هذه الصفحة.
error-bad-form = لم يُملأ النموذج على النحو المتوقع. أعد تحميل الصفحة وحاول مجددًا.
yes = نعم
no = لا
show = عرض
upload = رفع

# تسجيل الدخول
login-title = تسجيل الدخول
login-name = اسم الدخول
login-password = كلمة المرور
login-submit = تسجيل الدخول
login-hint = اطلب من أحد المسؤولين اسم دخول. بعد خمس كلمات مرور خاطئة يجب أن تنتظر قبل المحاولة مجددًا.
login-wrong = اسم الدخول أو كلمة المرور غير صحيح.
login-wait = كلمات مرور خاطئة كثيرة جدًا. انتظر { $seconds } ثانية، ثم حاول مجددًا.
login-busy = يسجّل كثيرون الدخول الآن. انتظر بضع ثوانٍ، ثم حاول مجددًا.

# الأرقام
month-label = الشهر
neighbourhood = الحي
metric = المقياس
value = القيمة
numerator = البسط
denominator = المقام
unit = الوحدة
formula = الصيغة
about = ما الذي يبيّنه
breakdown = مفصّل حسب
suppressed-short = مخفي
suppressed-explained = مخفي لحماية الخصوصية: العدد بين 1 و9، أو قد يتيح لأحد استنتاج عدد كهذا.
suppressed-for-others = مخفي عن الجميع باستثناء المحللين.
suppression-notice = تُخفى الأعداد الصغيرة، ومعها أي رقم قد يكشف عنها.
privacy-rules-link = كيف تُحمى الأرقام
analyst-notice = أنت ترى الأرقام دون إخفاء. لا تشاركها خارج دور المحلل. يُسجَّل هذا العرض.
no-baselines = لا توجد خطوط أساس للأحياء بعد، لذلك لا توجد أرقام. ارفعها ضمن
all-figures-link = جميع أرقام هذا الشهر، مع ملفات التنزيل

# لوحة المعلومات
dashboard-title = لوحة معلومات فجوة الوصول
gap-heading = فجوة الوصول حسب الحي، { $month }
gap-chart-label = مخطط شريطي لمؤشر فجوة الوصول حسب الحي، بدءًا بالفجوة الأوسع. يعرض الجدول أدناه الأرقام نفسها.
gap-table-caption = مؤشر فجوة الوصول ومكوّناته ومدة انتظار الطلبات، حسب الحي (بدءًا بالفجوة الأوسع)
map-caption = خريطة مؤشر فجوة الوصول
map-label = خريطة للأحياء ملوّنة حسب مؤشر فجوة الوصول. يعرض الجدول الأرقام نفسها.
legend-label = مفتاح الخريطة: مؤشر فجوة الوصول
legend-no-figure = لا يوجد رقم، أو مخفي
disparity-heading = التفاوت على مستوى المدينة
trend-heading = الاتجاهات
trend-caption = مؤشر فجوة الوصول حسب الشهر
trend-column = الاتجاه
trend-sparkline-label = مؤشر فجوة الوصول في { $place } خلال الأشهر المعروضة
unmet-heading = أبرز الاحتياجات غير الملبّاة
unmet-caption = الطلبات التي بدأت ولم تُرسل، حسب الموضوع، على مستوى المدينة
unmet-none = لا توجد طلبات غير ملبّاة هذا الشهر.
unmet-requests = الطلبات غير المُرسلة
topic = الموضوع
mix-heading = توزيع اللغات وميزات الإتاحة
mix-note = يُعرض بجانب المؤشر، لا ضمنه. قد تستخدم الزيارة الواحدة عدة ميزات.
language-caption = الزيارات بلغة غير اللغة الافتراضية، حسب اللغة، على مستوى المدينة
accessibility-caption = الزيارات التي استخدمت كل ميزة من ميزات الإتاحة، على مستوى المدينة
share-of-visits = نسبة الزيارات
bar = شريط

# التعريفات
definitions-title = التعريفات
definitions-intro = لكل رقم معرّف ثابت وصيغة ووحدة وقواعد الخصوصية التي تنطبق عليه. الأرقام في لوحة المعلومات وفي ملفات التصدير تحيل إلى هنا.
definitions-caption = المقاييس والمؤشر ومقاييس التفاوت
definitions-back = جميع التعريفات
definitions-downloads = ملف التعريفات:
definition-unknown = لا يوجد مقياس بهذا المعرّف.
rules-that-apply = قواعد الخصوصية التي تنطبق
privacy-heading = كيف تُحمى الأرقام
privacy-k = إخفاء الخلايا الصغيرة، k = { $k }: يُخفى أي عدد من 1 إلى 9؛ ولا يُعرض أي معدل يقل بسطه أو مقامه عن 10.
privacy-minimal = لا تجمع الأكشاك أسماءً ولا حسابات ولا نصوص بحث (رموز المواضيع فقط)، ويُسجَّل الوقت بدقة الساعة. تُحفظ الأحداث الخام 90 يومًا على الأكثر؛ وبعد ذلك تُحفظ المجاميع فقط.
privacy-monthly = جداول الأحياء شهرية. لا يجمع أي جدول بين الكشك واللغة النادرة وميزة الإتاحة.
privacy-roles = يرى أمناء المكتبات حالة الأجهزة في مواقعهم؛ ويرى موظفو البلدية الأرقام مع الإخفاء؛ ولا يرى الأرقام دون إخفاء إلا المحللون، ويُسجَّل كل عرض من هذا النوع.
rule-small-cells = تُعرض الأعداد من 1 إلى 9 على أنها مخفية، بالعلامة نفسها التي تُخفى بها الأرقام لحمايتها (علامة "<10" منفصلة ستكشف أن الباقي 0 أو 10 على الأقل)؛ ولا يُعرض أي معدل يقل بسطه أو مقامه عن 10 (k = 10).
rule-secondary = تُخفى أرقام إضافية عند الحاجة كي لا يمكن استنتاج أي عدد مخفي من مجموع أو تفصيل أو جدول منشور آخر.
rule-from-shown = يُحسب فقط من الأرقام المعروضة؛ ويكون مخفيًا إذا كان أحد مدخلاته مخفيًا.
rule-not-personal = يعدّ الأكشاك أو دقائق الأكشاك، لا السكان: يُعرض كما هو.
rule-noise = عندما تفعّل المدينة ضوضاء الخصوصية، لا يُعرض الشهر إلا بعد انتهائه ونشره، وتحمل الأعداد التي يقوم عليها ضوضاء هندسية ثنائية الجانب: ε لكل جدول (1.0 ما لم تحدد المدينة غير ذلك)، وتُحسب كل زيارة مرة واحدة على الأكثر في كل عدد للزيارات، وبخمسة أحداث على الأكثر من كل نوع في أعداد الأحداث. تصبح الأعداد السالبة صفرًا وتظل قواعد الأعداد الصغيرة سارية. يُقيَّد كل نشر في سجل سنوي لـ ε. يبقى الشهر الذي نُشر كما نُشر للجميع عدا المحللين، حتى بعد إيقاف الضجيج.
rule-hidden-under-noise = لا يُعرض ما دامت ضوضاء الخصوصية مفعّلة: فهو يحتاج إلى ضوضاء خاصة به.
unit-per-1000 = لكل 1000 من السكان بعمر 15 سنة فأكثر
unit-per-1000-offline = لكل 1000 من السكان غير المتصلين بالإنترنت
unit-percent = %
unit-rating = متوسط التقييم، من 1 إلى 5
unit-hours = ساعات (الوسيط)
unit-kiosks = أكشاك
unit-requests = طلبات
unit-0-1 = من 0 إلى 1
unit-0-100 = من 0 إلى 100
unit-ratio = نسبة

metric-M1-name = الانتشار
metric-M1-formula = 1000 × الجلسات / P
metric-M1-about = زيارات الأكشاك لكل 1000 من السكان بعمر 15 سنة فأكثر (P، من خطوط الأساس).
metric-M1b-name = الانتشار المعدّل حسب الحاجة
metric-M1b-formula = 1000 × الجلسات / (P × h)
metric-M1b-about = الزيارات لكل 1000 من سكان الأسر التي لا تملك إنترنت منزليًا (h، من خطوط الأساس). على مستوى المدينة: الأحياء ذات h المعروفة فقط.
metric-M2-name = التوافر
metric-M2-formula = الدقائق القابلة للاستخدام / دقائق الفتح المجدولة
metric-M2-about = الجزء من ساعات الفتح (من خطوط الأساس) الذي كانت فيه أكشاك الحي قابلة للاستخدام، كما تُبلغ الأكشاك كل ساعة.
metric-M3-name = إتمام الخدمات
metric-M3-formula = طلبات الخدمة المُرسلة / طلبات الخدمة المبدوءة
metric-M3-about = نسبة ما أُرسل من نماذج الطلبات التي فُتحت. يُحتسب كل شيء في الشهر الذي حدث فيه: النموذج المفتوح في آخر الشهر والمرسل في الشهر التالي يُحتسب مرسلًا هناك، لذا تُحدّ النسبة عند 100 %.
metric-M4-name = الخدمات المستخدمة
metric-M4-formula = 1000 × (مشاهدات الخدمات + الطلبات المُرسلة) / P
metric-M4-about = صفحات الخدمات المقروءة والطلبات المُرسلة لكل 1000 من السكان.
metric-M5-name = الطلب غير الملبّى
metric-M5-formula = (عمليات البحث بلا نتيجة + الطلبات المتروكة) / (عمليات البحث + الطلبات المبدوءة)
metric-M5-about = عدد المرات التي بحث فيها السكان عن شيء ولم يحصلوا عليه. على مستوى المدينة، تُدرج مواضيع الطلبات المتروكة (بعدد الطلبات): لكل موضوع بدأ أو أُرسل فيه طلب خلال الشهر صفّ، صفرًا كان أم لا، فلا يدل غياب صف على صفر مخفي أبدًا. تُرتَّب الجداول بحسب الأرقام المعروضة، والمخفية في الآخر بحسب الاسم.
metric-M6-name = الاستخدام المساعد
metric-M6-formula = الجلسات التي استخدمت ميزة إتاحة واحدة على الأقل / الجلسات
metric-M6-about = الزيارات التي استخدمت النص الكبير أو التباين العالي أو القراءة بصوت عالٍ أو القراءة الميسّرة أو التنقل بلوحة المفاتيح، ولكل ميزة أيضًا. يُعرض بجانب المؤشر، لا ضمنه.
metric-M7-name = الوصول اللغوي
metric-M7-formula = الجلسات بغير اللغة الافتراضية / الجلسات
metric-M7-about = الزيارات بلغة غير اللغة الافتراضية للحي (أول لغة اختيرت في الزيارة)، ولكل لغة أيضًا. يُعرض بجانب المؤشر، لا ضمنه.
metric-M8-name = إتمام الوحدات
metric-M8-formula = الوحدات المُجتازة / الوحدات المبدوءة
metric-M8-about = وحدات المهارات الرقمية التي اجتيز اختبارها، من بين الوحدات المبدوءة، ولكل وحدة أيضًا. الوحدة التي بدأت في شهر واجتيزت في الشهر التالي تُحتسب مجتازة هناك: تُحدّ النسبة عند 100 %.
metric-M9-name = اكتساب المهارات
metric-M9-formula = 1000 × الوحدات المُجتازة / P
metric-M9-about = اختبارات الوحدات المُجتازة لكل 1000 من السكان.
metric-M10-name = الجلسات المدعومة
metric-M10-formula = الجلسات بمساعدة الموظفين / الجلسات
metric-M10-about = الزيارات التي وسمها أمين مكتبة أو عامل مجتمعي بأنها مدعومة.
metric-M11-name = المشاركة
metric-M11-formula = 1000 × (التقييمات + إجابات الاستبيانات) / P؛ متوسط التقييم
metric-M11-about = التقييمات وإجابات الاستبيانات لكل 1000 من السكان، ومتوسط تقييمات الشهر (من 1 إلى 5).
metric-M12-name = حداثة البيانات
metric-M12-formula = وسيط عمر الأحداث عند وصولها إلى الخادم؛ الأكشاك التي لم تظهر خلال 24 ساعة
metric-M12-about = عمر الأحداث حين وصلت إلى الخادم (تُحتسب الأكشاك المتأخرة في الشهر الذي وقعت فيه الأحداث)، وعدد الأكشاك التي لم يرد منها أي اتصال منذ 24 ساعة، حاليًا.
metric-M13-name = الوقت حتى أول رد
metric-M13-formula = وسيط الساعات من وصول الطلب إلى الخادم حتى أول تغيير في حالته
metric-M13-about = طلبات السكان التي وصلت خلال الشهر، محسوبة حيث يقع الكشك: كم من الوقت مضى قبل أن يحرّكها موظف الحالات أو نظام المدينة لأول مرة. لا تُحتسب الطلبات التي ما زالت تنتظر. قارن بين الأحياء ومع مؤشر الفجوة: هل تنتظر الأحياء ذات الفجوة الأوسع وقتًا أطول؟ يُعرض حين يستند الوسيط إلى 10 طلبات على الأقل.
metric-M13b-name = الوقت حتى الحل
metric-M13b-formula = وسيط الساعات من وصول الطلب إلى الخادم حتى التغيير الذي أغلقه
metric-M13b-about = مثل الوقت حتى أول رد، ولكن حتى النهاية (تم الحل، أو أُحيل إلى جهة أخرى، أو لا يمكن تنفيذه). لا تُحتسب الطلبات التي لم تُغلق بعد.
metric-access-name = الوصول
metric-access-formula = المتوسط(z(M1), z(M2))، حيث z = min(x / B, 1)
metric-access-about = B هو هدف المدينة، وهو افتراضيًا المئين الثمانون المرجّح بعدد السكان عبر الأحياء (M2: 98%).
metric-use-name = الاستخدام
metric-use-formula = المتوسط(z(M3), 1 − M5)
metric-use-about = إتمام الخدمات والعثور على ما بُحث عنه.
metric-ability-name = القدرة
metric-ability-formula = z(M9)
metric-ability-about = المهارات الرقمية المكتسبة، مقارنة بالهدف. الهدف الذي يساوي 0 (لا يُظهر أي حي شيئًا) يمنح الحي الذي قيمته 0 صفرًا، لا الدرجة الكاملة.
metric-inclusion_score-name = درجة الشمول
metric-inclusion_score-formula = 100 × (الوصول × الاستخدام × القدرة)^(1/3)
metric-inclusion_score-about = متوسط هندسي، فلا يمكن لبُعد قوي أن يُخفي بُعدًا ضعيفًا.
metric-gap_index-name = مؤشر فجوة الوصول
metric-gap_index-formula = 100 − درجة الشمول
metric-gap_index-about = القيمة الأعلى تعني فجوة أوسع: حيث ينبغي التحرك أولًا.
metric-gini_m1-name = تفاوت الانتشار (جيني)
metric-gini_m1-formula = معامل جيني لـ M1 عبر الأحياء، مرجّحًا بعدد السكان
metric-gini_m1-about = 0: وصلت الأكشاك إلى جميع الأحياء بالتساوي؛ 1: كل الزيارات في حي واحد. لا تُدرج إلا الأحياء التي يُعرض انتشارها.
metric-quintile_ratio_m1-name = نسبة الانتشار بين الخُمس الأدنى والخُمس الأعلى
metric-quintile_ratio_m1-formula = متوسط M1 للخُمس الأدنى من السكان / متوسط M1 للخُمس الأعلى
metric-quintile_ratio_m1-about = تُرتَّب الأحياء حسب الانتشار؛ والحي الذي يقع على حدّ خُمسين يُحتسب بنسبة سكانه الواقعة ضمن كل خُمس.
breakdown-large_text = نص كبير
breakdown-high_contrast = تباين عالٍ
breakdown-read_aloud = القراءة بصوت عالٍ
breakdown-easy_read = قراءة ميسّرة
breakdown-keyboard = لوحة المفاتيح أو المفتاح البديل
breakdown-rating = متوسط التقييم
breakdown-unseen_kiosks = الأكشاك التي لم تظهر خلال 24 ساعة
breakdown-en = الإنجليزية
breakdown-es = الإسبانية
breakdown-fr = الفرنسية
breakdown-ar = العربية
breakdown-pl = البولندية
breakdown-uk = الأوكرانية
breakdown-zh-Hans = الصينية (المبسطة)

# التصدير
exports-title = التصدير
exports-intro = كل رقم في شكل منظَّم واحد: الحي، الشهر، المقياس، القيمة، البسط، المقام، الوحدة، مخفي. الصفوف المخفية لا تحمل قيمة ولا بسطًا ولا مقامًا.
export-month-csv = أرقام { $month } (CSV)
export-month-json = أرقام { $month } (JSON)
export-month-excel = أرقام { $month } (CSV لبرنامج Excel)
export-all-csv = أرقام جميع الأشهر (CSV)
export-all-json = أرقام جميع الأشهر (JSON)
export-definitions-csv = التعريفات (CSV)
export-definitions-json = التعريفات (JSON)
figures-caption = جميع أرقام { $month }

# الأكشاك
fleet-title = الأكشاك
fleet-your-sites = مواقعك: { $sites }
alerts-heading = { $n ->
    [0] لا يحتاج أي كشك إلى زيارة
    [zero] لا يحتاج أي كشك إلى زيارة
    [one] يحتاج كشك واحد إلى زيارة
    [two] يحتاج كشكان إلى زيارة
    [few] تحتاج { $n } أكشاك إلى زيارة
    [many] يحتاج { $n } كشكًا إلى زيارة
   *[other] يحتاج { $n } كشك إلى زيارة
}
alerts-none = جميع الأكشاك بحالة جيدة.
kiosks-heading = { $n ->
    [zero] لا توجد أكشاك
    [one] كشك واحد
    [two] كشكان
    [few] { $n } أكشاك
    [many] { $n } كشكًا
   *[other] { $n } كشك
}
kiosks-caption = الأكشاك حسب الحي والموقع
kiosk = الكشك
kiosks = الأكشاك
site = الموقع
sites = المواقع
last-seen = آخر ظهور
backlog = بانتظار الإرسال
records-received = السجلات المستلمة
devices = الأجهزة
content-version = إصدار المحتوى
printer = الطابعة
power = الطاقة
free-disk = المساحة الحرة على القرص
alerts = التنبيهات
actions = الإجراءات
never = أبدًا
age-now = الآن
age-minutes = منذ { $n } دقيقة
age-hours = منذ { $n } ساعة
age-days = منذ { $n } يوم
alert-none = جيد
alert-offline = غير متصل منذ أكثر من 24 ساعة
alert-printer_out_of_paper = نفد ورق الطابعة
alert-printer_fault = الطابعة تحتاج إلى متابعة
alert-disk_nearly_full = القرص ممتلئ تقريبًا
alert-battery_low = البطارية منخفضة
alert-re_enrol = يلزم التسجيل من جديد (بلا مفتاح جهاز)
state-quarantined = معزول
state-revoked = مُلغى
printer-ok = جاهزة
printer-paper_low = الورق منخفض
printer-paper_out = نفد الورق
printer-cover_open = الغطاء مفتوح
printer-offline = غير متصلة
printer-fault = عطل
printer-unknown = غير معروفة
power-mains = الشبكة الكهربائية
power-battery = البطارية { $percent } %
action-quarantine = عزل
action-release = إلغاء العزل
action-revoke = إلغاء
device-unknown = لا يوجد كشك بهذا الوصف.
enrol-heading = تسجيل كشك
enrol-intro = أنشئ رمزًا لمرة واحدة، ثم اكتبه في شاشة الموظفين على الكشك (أو شغّل الأمر المعروض). يعمل الرمز مرة واحدة.
enrol-valid-hours = صالح لمدة (بالساعات)
enrol-submit = إنشاء رمز
enrol-no-sites = لا توجد مواقع بعد: يضيف المسؤول موقعًا أدناه، ثم يمكن إنشاء رموز له.
site-add-heading = إضافة موقع
site-add-intro = الموقع مكان توجد فيه أكشاك، في حيّ من أحياء البيانات المرجعية. تُنشأ رموز التسجيل للمواقع.
site-add-submit = أضف الموقع
site-need-baselines = ارفع أولًا البيانات المرجعية للأحياء (صفحة الأماكن): كل موقع يتبع أحد أحيائها.
site-unknown = لا يوجد موقع باسم «{ $site }». يضيف المسؤول المواقع أولًا.
enrol-bad = اكتب اسم الموقع (حتى 120 حرفًا) ومدة صلاحية من 1 إلى 720 ساعة.
code-made = رمز التسجيل لـ { $site }
code-expires = يعمل مرة واحدة، حتى { $when }.
code-how = على الكشك، افتح وضع الموظفين وامسح رمز QR هذا ضمن «تسجيل هذا الكشك».
code-qr-label = رمز QR لتذكرة التسجيل
code-ticket = أو اكتب سطر التذكرة هذا هناك. الكشك المسجَّل من قبل لدى هذا الخادم يحتاج إلى الرمز فقط.
code-cli = أو شغّل هذا في سطر أوامر الكشك:
code-how-no-ticket = على الكشك، افتح وضع الموظفين واكتب هذا الرمز مع عنوان الخادم وبصمته، أو شغّل `kiosk enrol`.

# الأماكن
places-title = الأماكن وخطوط الأساس
baselines-heading = خطوط الأساس للأحياء
baselines-none = لا توجد خطوط أساس بعد.
baselines-caption = خطوط الأساس التي تُقسم عليها المقاييس
population = السكان بعمر 15 سنة فأكثر
offline-share = الأسر غير المتصلة بالإنترنت
opening-hours = ساعات الفتح
default-locale = اللغة الافتراضية
outline = مخطط الحدود
baselines-upload = ملف خطوط الأساس (CSV)
baselines-hint = سطر ترويسة، ثم سطر واحد لكل حي. يُفحص الملف بأكمله أولًا؛ وإذا كان فيه أي خطأ فلا يُستورد شيء. الأعمدة:
baselines-imported = استُوردت خطوط الأساس لعدد { $n } من الأحياء.
outlines-heading = مخططات حدود الأحياء
outlines-count = { $n ->
    [zero] لا يوجد مخطط حدود لأي حي.
    [one] يوجد مخطط حدود لحي واحد.
    [two] يوجد مخطط حدود لحيّين.
    [few] يوجد مخطط حدود لـ { $n } أحياء.
    [many] يوجد مخطط حدود لـ { $n } حيًّا.
   *[other] يوجد مخطط حدود لـ { $n } حي.
}
outlines-upload = ملف مخططات الحدود (GeoJSON)
outlines-hint = FeatureCollection يحتوي على Polygon أو MultiPolygon واحد لكل حي، مسمًّى بخاصية "neighbourhood" الخاصة به، مع خط الطول قبل خط العرض.
outlines-imported = استُوردت مخططات الحدود لعدد { $n } من الأحياء.
import-refused = لم يُستورد { $file }: { $n ->
    [zero] لا توجد مشكلات
    [one] توجد مشكلة واحدة
    [two] توجد مشكلتان
    [few] توجد { $n } مشكلات
    [many] توجد { $n } مشكلةً
   *[other] توجد { $n } مشكلة
}. لم يُغيَّر أي شيء.

# المحتوى
content-title = المحتوى
content-published = إصدار المحتوى المنشور: { $version }.
content-versions-caption = أي الأكشاك يشغّل أي إصدار (حسب آخر نبضة اتصال منها)
content-builtin = عيّنة مدمجة
content-unknown = لم يُبلَغ عنه بعد
which = أيّ الأكشاك
publish-heading = نشر إصدار جديد
publish-file = حزمة المحتوى (.tar.gz)
publish-submit = فحص ونشر
publish-hint = ملف .tar.gz لمجلد محتوى (bundle.toml، categories.toml، services/، forms/، modules/، surveys/)، مع مجلد locales/ اختياري لترجمات الواجهة. يُفحص بالكامل قبل توقيعه ونشره؛ وتجلبه الأكشاك عند مزامنتها التالية.
publish-refused = لم تُنشر الحزمة:
publish-done = نُشر إصدار المحتوى { $version } (عدد الملفات: { $files }). تجلبه الأكشاك عند مزامنتها التالية.
release-heading = برنامج الأكشاك
release-latest = تنتقل الأكشاك إلى الإصدار { $version } ({ $count } إصدارات منشورة). ينزّله كل كشك في الخلفية ويثبّته في ساعة هادئة، ويعود إلى السابق تلقائيًا إذا لم يعمل الإصدار الجديد جيدًا.
release-none = لم يُنشر أي برنامج بعد: تعمل الأكشاك بالإصدار الذي ثُبّتت به.
release-caption = الأكشاك حسب إصدار البرنامج
software-version = البرنامج
software-update = التحديث
release-file = حزمة الكشك (.deb)
release-submit = تحقّق وانشر
release-hint = حزمة inclusion-kiosk التي يبنيها scripts/package. يُتحقّق منها (الاسم والإصدار والمعمارية) وتُوقَّع بمفتاح الخادم الذي تثق به الأكشاك. يُنشر كل إصدار مرة واحدة.
release-done = نُشر البرنامج { $version }. تجلبه الأكشاك في المزامنة التالية.
update-downloading = ينزّل { $version } ({ $detail } ٪)
update-ready = { $version } جاهز، بانتظار ساعة هادئة
update-installing = يثبّت { $version }
update-installed = ثُبّت { $version }
update-rolled-back = أُعيد { $version } إلى السابق: { $detail }
update-blocked = { $version } معلّق: { $detail }

# المستخدمون
users-title = المستخدمون وسجل التدقيق
users-caption = حسابات دخول الموظفين
role = الدور
user-site = الموقع (لأمناء المكتبات)
user-add-heading = إضافة حساب دخول
user-add-submit = إضافة
user-added = أُضيف { $name }.
user-password-once = كلمة المرور الخاصة به، وتُعرض الآن فقط:
user-status = الحالة
user-sessions = جلسات مفتوحة
user-active = يمكنه تسجيل الدخول
user-disabled = معطّل
user-do-disable = تعطيل
user-do-enable = تفعيل
user-do-reset_password = كلمة مرور جديدة
user-do-end_sessions = إنهاء كل الجلسات
user-do-delete = حذف
user-changed = { $name }: تم ({ $change }).
user-new-password = كلمة المرور الجديدة لـ { $name }، تُعرض الآن فقط:
user-actions = إجراءات لـ { $name }
audit-heading = سجل التدقيق
audit-caption = أحدث الإجراءات وعمليات عرض المحللين، الأحدث أولًا
when = الوقت
who = المستخدم
action = الإجراء
detail = التفاصيل

# ضوضاء الخصوصية (الخصوصية التفاضلية)
privacy-title = ضوضاء الخصوصية
privacy-intro = خصوصية تفاضلية اختيارية. ما دامت الضوضاء مفعّلة، لا يرى أحد خارج دور المحلل أرقام شهر ما إلا بعد أن ينشره مسؤول عقب انتهاء الشهر. تحمل الأعداد حينئذ ضوضاء عشوائية (هندسية ثنائية الجانب)، وتصبح الأعداد السالبة صفرًا، وتبقى الأعداد الصغيرة مخفية. يستهلك كل نشر قدرًا من ε من الميزانية السنوية للسنة التي يخصها؛ وإعادة نشر شهر تكلّف ε مرة أخرى.
privacy-off = الضوضاء غير مفعّلة: الأرقام دقيقة مع إخفاء الأعداد الصغيرة.
privacy-on = الضوضاء مفعّلة: ε = { $epsilon } لكل جدول، و{ $tables } جدولًا، فيكلّف النشر الواحد ε = { $cost }. الميزانية السنوية: ε = { $budget }.
privacy-ledger-heading = السجل
privacy-ledger-caption = كل نشر مع الضوضاء وما استهلكه من ε
privacy-ledger-empty = لم يُنشر أي شهر مع الضوضاء بعد.
privacy-released = منشور
privacy-spent = ε المستهلك
privacy-year-spent = { $year }: استُهلك ε = { $spent } من ميزانية سنوية قدرها { $budget }.
privacy-settings-heading = الإعدادات
privacy-epsilon-label = ε لكل جدول (كلما صغر زادت الضوضاء وزادت الخصوصية)
privacy-epsilon-hint = قد تظهر الزيارة في الجداول الـ { $tables } كلها، لذا يكلّف كل نشر لشهر كل زائر حتى { $tables } × ε، لا ε.
privacy-budget-label = الميزانية السنوية (فارغة: نشر واحد كل شهر)
privacy-turn-on = تفعيل الضوضاء أو الحفظ
privacy-turn-off = إيقاف الضوضاء
privacy-release-heading = نشر شهر
privacy-release-label = الشهر (الأشهر المنتهية)
privacy-release-submit = النشر مع الضوضاء
privacy-release-done = نُشر { $month } مع الضوضاء: استُهلك ε = { $cost }.
privacy-none-to-release = لا يمكن نشر أي شهر بعد: يمكن نشر الشهر بعد انتهائه.
privacy-saved = تم الحفظ.
privacy-bad-number = يجب أن تكون ε والميزانية السنوية أعدادًا موجبة، مثل 1.0.
privacy-over-budget = لم يُنشر: تبقّى في ميزانية السنة ε = { $left }، ويكلّف النشر ε = { $cost }.
noise-on = تحمل هذه الأرقام ضوضاء عشوائية لحماية الخصوصية (ε = { $epsilon } لكل جدول)، ونُشرت في { $when }. وتبقى الأعداد الصغيرة مخفية.
noise-not-released = لم يُنشر بعد: { $months }. ما دامت ضوضاء الخصوصية مفعّلة، يُعرض الشهر عندما ينشره مسؤول بعد انتهائه.
noise-more = عن ضوضاء الخصوصية
noise-now-on = الضوضاء مفعّلة الآن، ε = { $epsilon } لكل جدول.
noise-now-off = الضوضاء غير مفعّلة الآن.

# طلبات السكان (موظفو متابعة الحالات؛ يرى المشرفون الحالة فقط)
nav-requests = الطلبات
role-case_worker = موظف متابعة الحالات
requests-title = طلبات السكان
requests-intro = طلبات النماذج التي تتابعها، الأقدم أولاً. افتح طلباً لقراءته والاطلاع على بيانات صاحبه وإخباره بما وصل إليه.
requests-intro-admin = كل الطلبات وحالة كل منها. لا يرى ما كتبه السكان إلا موظفو متابعة الحالات.
requests-any = الكل
requests-form = النموذج
requests-status = الحالة
requests-age = مدة الانتظار
requests-older-than = { $n ->
    [zero] { $n } يوم على الأقل
    [one] يوم واحد على الأقل
    [two] يومان على الأقل
    [few] { $n } أيام على الأقل
   *[other] { $n } يوماً على الأقل
}
requests-filter = عرض
requests-none = لا يوجد طلب مطابق.
requests-count = { $n ->
    [zero] لا توجد طلبات
    [one] طلب واحد
    [two] طلبان، الأقدم أولاً
    [few] { $n } طلبات، الأقدم أولاً
   *[other] { $n } طلباً، الأقدم أولاً
}
requests-reference = الرقم المرجعي
requests-received = تاريخ الاستلام
requests-back = كل الطلبات
requests-not-found = لا يوجد هذا الطلب بين الطلبات التي يمكنك الاطلاع عليها.
request-title = الطلب { $reference }
request-answers = الإجابات
request-personal = بيانات صاحب الطلب
request-no-personal = لم يترك صاحب الطلب أي بيانات شخصية.
request-personal-audited = سُجّل فتح هذه البيانات في سجل التدقيق.
request-personal-unreadable = لا يمكن فتح بيانات صاحب الطلب بمفتاح هذا الخادم.
request-change = تغيير الحالة
request-phrase = رسالة إلى صاحب الطلب
request-phrase-none = بدون رسالة
request-message = كلماتك الخاصة (اختياري)
request-message-hint = { $n } حرف على الأكثر. يقرؤها صاحب الطلب في الكشك.
request-save = حفظ وإبلاغ صاحب الطلب
request-city-system = نظام حالات المدينة { $target }
request-city-waiting = لم يُستلم بعد ({ $attempts } محاولات حتى الآن)
request-history = السجل
request-when = متى
request-who = من
request-status-received = مستلَم
request-status-in-progress = قيد المعالجة
request-status-resolved = تمت معالجته
request-status-referred = أُحيل إلى جهة أخرى
request-status-cannot-be-done = لا يمكن تنفيذه
request-phrase-we-will-call = سيتصل بك أحد المستشارين.
request-phrase-visit-office = يرجى زيارة مكتب البلدية ومعك التذكرة.
request-phrase-bring-documents = يرجى إحضار المستندات المذكورة في تذكرتك إلى مكتب البلدية.
request-phrase-work-scheduled = تمت جدولة العمل.
request-phrase-fixed = تم الإصلاح. شكراً لإبلاغنا.
request-phrase-referred-elsewhere = أحلنا طلبك إلى الجهة التي يمكنها مساعدتك.
request-phrase-not-city-matter = هذا ليس من اختصاص البلدية.
user-forms = نماذج الطلبات (لموظفي متابعة الحالات)
user-forms-hint = معرّفات النماذج مفصولة بفواصل، مثل callback, street-light.
request-personal-erased = حُذفت بيانات صاحب الطلب في { $date }، إذ لا تحتفظ البلدية بها إلا لفترة بعد إغلاق الطلب.
requests-export = تنزيل هذه الطلبات بصيغة CSV (مع بيانات السكان؛ ويُسجَّل كل فتح لها)

# City case systems (Open311)
nav-open311 = أنظمة حالات المدينة
open311-title = أنظمة حالات المدينة (Open311)
open311-intro = تقرأ أنظمة حالات المدينة طلبات السكان عبر Open311 GeoReport v2 على /open311/v2/ بمفتاح يُنشأ هنا، لبعض النماذج ولموقع واحد إن شئت. المفتاح المسموح له بالبيانات الشخصية يقرأ بيانات السكان أيضًا، وتُسجَّل كل قراءة في سجل التدقيق.
open311-made = تم إنشاء المفتاح { $name }.
open311-key-once = سلّمه الآن إلى نظام المدينة، فهو لا يُعرض إلا مرة واحدة:
open311-deleted = تم حذف المفتاح { $name }: لم يعد يقرأ شيئًا.
open311-no-such-key = لا يوجد مفتاح باسم { $name }.
open311-keys-heading = المفاتيح
open311-no-keys = لا توجد مفاتيح بعد.
open311-keys-caption = المفاتيح التي تقرأ الطلبات عبر Open311
open311-personal = البيانات الشخصية
open311-made-by = أنشأه
open311-every-site = كل المواقع
open311-delete-label = حذف المفتاح { $name }
open311-add-heading = إنشاء مفتاح
open311-site = الموقع (اختياري)
open311-personal-allow = يمكنه قراءة البيانات الشخصية للسكان (الاسم والهاتف والموقع والتفاصيل)
open311-add-submit = إنشاء المفتاح
open311-push-heading = الطلبات المرسلة إلى المدينة
open311-no-push = لم تُضبط أي وجهة: لا تُرسل الطلبات الجديدة. أضف [[open311_push]] إلى server.toml.
open311-push-caption = الطلبات المرسلة إلى كل وجهة Open311 مضبوطة
open311-endpoint = الوجهة
open311-sent = مستلمة
open311-waiting = في الانتظار
open311-failing = متعثرة
noise-not-released-places = غير مشمولة في نشر هذا الشهر (أُضيفت بعده)، لذا لا أرقام لها: { $places }.
