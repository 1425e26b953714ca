language-name = العربية
attract-welcome = أهلًا وسهلًا
attract-touch-to-start = المس الشاشة للبدء
language-title = اختر لغتك
language-back = رجوع
home-title = ماذا تريد أن تفعل؟
home-tile-services = خدمات المدينة
home-tile-services-hint = ابحث عن خدمة أو قدّم طلبًا أو احجز موعدًا
home-tile-learn = تعلّم المهارات الرقمية
home-tile-learn-hint = دروس قصيرة عن البريد الإلكتروني وكلمات المرور والاحتيال وغير ذلك
home-tile-say = شارك برأيك
home-tile-say-hint = قيّم خدمة أو أجب عن استبيان الحي
home-language = اللغة
home-finish = إنهاء
home-finish-hint = ينهي زيارتك ويمحو كل ما فعلته هنا
not-ready-message = هذا الجزء من الكشك قيد الإعداد. إذا كنت بحاجة إلى مساعدة اليوم فاسأل أحد الموظفين.
not-ready-back = العودة إلى الشاشة الرئيسية
status-records-waiting =
    { $count ->
        [zero] لا توجد سجلات بانتظار الإرسال
        [one] سجل واحد بانتظار الإرسال
        [two] سجلان بانتظار الإرسال
        [few] { $count } سجلات بانتظار الإرسال
        [many] { $count } سجلًا بانتظار الإرسال
       *[other] { $count } سجل بانتظار الإرسال
    }
