# Kiosk UI strings: Kiswahili. Same ids and variables as en
# (checked by kiosk/tests/locales.rs). Short sentences: they are read aloud.

## Language picker: each language is listed by its own name.
language-name = Kiswahili

## Attract screen
attract-welcome = Karibu
attract-touch-to-start = Gusa skrini ili kuanza

## Language picker
language-title = Chagua lugha yako

## Header buttons, the same on every page
nav-back = Rudi
nav-home = Mwanzo
nav-finish = Maliza
nav-listen = Sikiliza
nav-help = Msaada

## Idle warning
idle-title = Bado uko hapa?
idle-explanation = Kwa ajili ya faragha yako, skrini hii itafuta kila kitu hivi karibuni na kuanza upya.
idle-seconds = Sekunde zilizobaki
idle-more-time = Ndiyo, nahitaji muda zaidi

## Help
help-title = Msaada
help-body = Gusa kitufe kikubwa ili kuchagua. Gusa Rudi ili kurudi nyuma, au Mwanzo ili kuanza upya. Gusa Sikiliza ili kusikia skrini hii. Ukikwama, muulize mhudumu. Ukimaliza, gusa Maliza: skrini itasahau kila kitu.
help-close = Funga msaada

## Accessibility quick settings
settings-title = Rahisisha matumizi
settings-intro = Chagua kinachokusaidia. Unaweza kubadilisha wakati wowote.
settings-text-size = Ukubwa wa maandishi
settings-smaller = Ndogo zaidi
settings-bigger = Kubwa zaidi
settings-high-contrast = Utofautishaji wa juu
settings-read-aloud = Soma kila skrini kwa sauti
settings-easy-read = Maandishi rahisi
settings-on = Ndiyo
settings-off = Hapana
settings-continue = Endelea

## Home screen
home-title = Ungependa kufanya nini?
home-tile-services = Huduma za jiji
home-tile-services-hint = Tafuta huduma, tuma ombi au weka miadi
home-tile-learn = Jifunze ujuzi wa kidijitali
home-tile-learn-hint = Masomo mafupi kuhusu barua pepe, nywila, ulaghai na mengineyo
home-tile-say = Toa maoni yako
home-tile-say-hint = Kadiria huduma au jibu dodoso la jamii
home-language = Badilisha lugha

## City services
services-title = Huduma za jiji
services-search-label = Tafuta huduma
services-search-hint = Andika neno, kwa mfano: maktaba, makazi, basi.
services-search-button = Tafuta
services-browse = Au chagua mada
services-results-title = Matokeo ya “{ $query }”
services-no-results = Hatukupata chochote kwa maneno haya. Jaribu maneno mengine, au chagua mada.
content-fallback = Imeonyeshwa kwa Kiingereza
content-fallback-notice = Maandishi haya bado hayapatikani kwa lugha yako. Yameonyeshwa kwa Kiingereza.

## A service page
service-who = Nani anaweza kuitumia
service-bring = Unachohitaji kuleta
service-where = Mahali
service-hours = Saa za huduma
service-how = Jinsi ya kuitumia
service-contact = Simu na tovuti
service-request = Tuma ombi
service-send-to-phone = Tuma kwenye simu yangu
service-print = Chapisha
service-rate = Kadiria huduma hii
channel-in-person = Ana kwa ana
channel-online = Mtandaoni
channel-phone = Kwa simu
day-mon = Jumatatu
day-tue = Jumanne
day-wed = Jumatano
day-thu = Alhamisi
day-fri = Ijumaa
day-sat = Jumamosi
day-sun = Jumapili
day-range = { $first } hadi { $last }
hours-line = { $days }: { $opens } hadi { $closes }

## Send to my phone
qr-title = Tuma kwenye simu yangu
qr-explanation = Fungua kamera ya simu yako na uielekeze kwenye msimbo huu. Kiungo kitafunguka kwenye simu yako.
qr-close = Funga

## Request forms
form-optional = (si lazima)
form-submit = Tuma ombi langu
form-privacy-note = Jina lako na nambari yako ya simu zimefungwa kwa usalama kwenye kioski hiki. Ni jiji pekee linaloweza kuzisoma.
form-fix-errors = Tafadhali angalia sehemu zilizowekwa alama nyekundu.
form-error-required = Tafadhali jaza sehemu hii.
form-error-choose = Tafadhali chagua moja.
form-error-too-long = Tafadhali tumia herufi zisizozidi { $max }.
form-error-phone = Tafadhali andika nambari ya simu: tarakimu 7 hadi 15.
form-unavailable = Kioski hiki bado hakiwezi kupokea maombi yenye taarifa binafsi. Tafadhali muulize mhudumu.

## After a request
submitted-title = Ombi lako limehifadhiwa
submitted-reference = Nambari yako ya kumbukumbu
submitted-print = Chapisha tiketi yangu
submitted-offline = Kioski hiki hakiko mtandaoni sasa. Ombi lako litatumwa mara tu kitakaporudi mtandaoni.
submitted-online = Ombi lako litatumwa kwa jiji ndani ya dakika chache zijazo.

## Check a request
home-check-request = Fuatilia ombi
home-check-request-hint = Angalia ombi ulilotuma limefikia wapi, kwa nambari ya kumbukumbu iliyo kwenye tiketi yako.
check-title = Fuatilia ombi
check-intro = Andika nambari ya kumbukumbu iliyochapishwa kwenye tiketi yako, au weka msimbo wa QR wa tiketi chini ya kichanganuzi.
check-reference-label = Nambari ya kumbukumbu
check-reference-hint = Herufi na nambari 12, kama kwenye tiketi yako.
check-button = Angalia
check-asking = Tunawasiliana na jiji…
check-invalid = Nambari hii ya kumbukumbu si sahihi. Angalia kila herufi na kila nambari.
check-unknown = Bado hakuna ombi lenye nambari hii ya kumbukumbu lililofika kwa jiji. Kama ulilituma leo kwenye kioski kingine, jaribu tena baadaye.
check-unknown-offline = Kioski hiki hakina habari za ombi hili na hakiwezi kuwasiliana na jiji sasa. Tafadhali jaribu tena baadaye.
check-status-received = Limepokelewa: jiji limepata ombi lako.
check-status-in-progress = Linashughulikiwa: kuna mtu anayelifanyia kazi.
check-status-resolved = Limetatuliwa.
check-status-referred = Limepelekwa kwa huduma nyingine.
check-status-cannot-be-done = Jiji haliwezi kufanya hili.
check-status-waiting = Limehifadhiwa kwenye kioski hiki. Litatumwa kwa jiji kioski kitakapokuwa mtandaoni.
check-note-label = Ujumbe kutoka kwa jiji
check-updated = Imesasishwa tarehe { $date }
check-source-server = Imethibitishwa na jiji sasa hivi.
check-source-kiosk = Kulingana na habari za mwisho ambazo kioski hiki kilipata kutoka kwa jiji. Hakiwezi kuwasiliana na jiji sasa.
check-source-here = Ombi hili lilifanywa kwenye kioski hiki.
check-print = Chapisha
check-another = Angalia nambari nyingine ya kumbukumbu
check-printout-title = Hali ya ombi lako
request-phrase-we-will-call = Mshauri atakupigia simu.
request-phrase-visit-office = Tafadhali fika ofisi ya jiji ukiwa na tiketi yako.
request-phrase-bring-documents = Tafadhali leta kwenye ofisi ya jiji hati zilizoandikwa kwenye tiketi yako.
request-phrase-work-scheduled = Kazi imepangwa.
request-phrase-fixed = Imeshatengenezwa. Asante kwa kutuarifu.
request-phrase-referred-elsewhere = Tumepeleka ombi lako kwa huduma inayoweza kukusaidia.
request-phrase-not-city-matter = Hili si jambo ambalo jiji linaweza kufanya.

## Learn digital skills
learn-title = Jifunze ujuzi wa kidijitali
learn-intro = Masomo mafupi yenye mazoezi. Chagua moja ili kuanza.
learn-status-new = Hujaanza
learn-status-started = Umeanza
learn-status-passed = Umefaulu
learn-code-title = Una msimbo wa mwanafunzi?
learn-code-label = Msimbo wako wa mwanafunzi
learn-code-hint = Herufi na nambari 9, kama kwenye kadi yako ya mwanafunzi.
learn-use-code = Endelea na msimbo wangu
learn-new-code = Pata msimbo wa mwanafunzi
learn-code-invalid = Msimbo huu si sahihi. Angalia kila herufi na kila nambari.
learn-code-unknown = Karibu tena. Bado hakuna maendeleo yaliyohifadhiwa kwa msimbo huu kwenye kioski hiki.
learn-your-code = Msimbo wako wa mwanafunzi
learn-print-card = Chapisha kadi yangu ya mwanafunzi
learn-step-counter = Hatua { $current } kati ya { $total }
learn-practice-counter = Zoezi { $current } kati ya { $total }
learn-question-counter = Swali { $current } kati ya { $total }
learn-previous = Iliyotangulia
learn-next = Ifuatayo
learn-right = Ni sahihi.
learn-not-quite = Si sahihi kabisa.
learn-passed-title = Hongera! Umefaulu.
learn-failed-title = Bado. Unaweza kujaribu tena.
learn-result-message = Majibu sahihi: { $score } kati ya { $total }. Unahitaji { $pass } ili kufaulu.
learn-print-certificate = Chapisha cheti changu
learn-retry = Jaribu maswali tena
learn-other-modules = Masomo mengine

## Have a say
say-title = Toa maoni yako
say-intro = Liambie jiji unachofikiri. Majibu yako hayana jina lako.
say-survey-detail = Maswali machache ya haraka. Bila majina.
say-rate-heading = Kadiria huduma
rate-question = Huduma hii ilikuwa nzuri kiasi gani kwako?
rate-5 = Nzuri sana
rate-4 = Nzuri
rate-3 = Wastani
rate-2 = Mbaya
rate-1 = Mbaya sana
rate-comment = Una jambo la kuongeza?
rate-comment-hint = Tafadhali usiandike majina au nambari za simu hapa.
rate-send = Tuma ukadiriaji wangu
rate-choose = Tafadhali chagua jinsi huduma ilivyokuwa.
survey-next = Ifuatayo
survey-counter = Swali { $current } kati ya { $total }
thanks-title = Asante
thanks-rating = Asante. Ukadiriaji wako unasaidia jiji kuboresha huduma hii.
thanks-survey = Asante. Majibu yako yanasaidia jiji kupanga huduma zake.

## Messages after an action
notice-printed = Imechapishwa. Tafadhali chukua karatasi yako.
notice-printer-problem = Printa haifanyi kazi sasa hivi. Tumia “Tuma kwenye simu yangu”, au muulize mhudumu.
notice-speech-problem = Kusoma kwa sauti hakupatikani kwenye kioski hiki kwa sasa.

## Printed documents
ticket-service-title = Huduma ya jiji
ticket-request-title = Ombi lako
ticket-reference = Nambari ya kumbukumbu
ticket-offline = Kioski hiki hakikuwa mtandaoni. Ombi lako litatumwa kitakaporudi mtandaoni.
ticket-scan = Changanua msimbo ili uone taarifa hii kwenye simu yako.
card-title = Kadi ya mwanafunzi
card-body = Tumia msimbo huu kwenye kioski chochote ili kuendelea na masomo yako.
certificate-title = Cheti
certificate-body = Hongera! Umemaliza somo la “{ $module }” tarehe { $date }.

## On-screen keyboard
keyboard-title = Kibodi ya skrini
keyboard-space = Nafasi
keyboard-delete = Futa
keyboard-shift = Herufi kubwa
keyboard-done = Imekamilika

## Kiosk status (shown to staff)
status-records-waiting =
    { $count ->
        [one] Rekodi { $count } inasubiri kutumwa
       *[other] Rekodi { $count } zinasubiri kutumwa
    }

## Staff mode: for librarians and community workers (PIN or staff card)
attract-staff = Wahudumu
admin-pin-title = Kuingia kwa wahudumu
admin-pin-label = PIN ya wahudumu
admin-pin-hint = Kama huijui, tafadhali muulize mratibu wa kituo.
admin-pin-enter = Ingia
admin-pin-wrong = PIN hiyo si sahihi. Jaribu tena.
admin-pin-not-set = Hakuna PIN ya wahudumu iliyowekwa kwenye kioski hiki. Iweke kwa amri hii: kiosk admin set-pin
admin-pin-locked = Majaribio mengi mno yasiyo sahihi: kuingia kwa wahudumu kumefungwa kwa muda. Dakika za kusubiri: { $minutes }
admin-pin-short = PIN hii ya wahudumu ni fupi mno. Weka mpya yenye angalau tarakimu 6 kwa amri hii: kiosk admin set-pin
admin-title = Hali ya wahudumu
admin-connection = Muunganisho na seva
admin-online = Mtandaoni: rekodi zinatumwa.
admin-offline = Nje ya mtandao: rekodi zinasubiri kwenye kioski hiki na zitatumwa baadaye.
admin-devices = Vifaa
admin-no-device-news = Hakuna kifaa kilichoripoti tatizo.
admin-test-print = Chapisha tiketi ya majaribio
admin-force-sync = Sawazisha sasa
admin-sync-asked = Inasawazisha sasa, chinichini.
admin-learner-card = Chapisha kadi mpya ya mwanafunzi
admin-assisted = Weka alama kwamba ziara hii imesaidiwa
admin-assisted-done = Ziara hii imewekwa alama kwamba imesaidiwa.
admin-exit = Toka kwenye hali ya wahudumu
admin-waiting = Rekodi zinazosubiri kutumwa: { $count }
admin-last-success = Usawazishaji wa mwisho uliofanikiwa: { $when }
admin-never = haujawahi kufanyika
admin-sent-today = Data iliyotumwa leo: baiti { $bytes }
admin-clock = Saa ya kioski inatofautiana na ya seva kwa sekunde { $seconds }.
admin-last-attempt = Jaribio la mwisho: { $message }
admin-enrol-heading = Sajili kioski hiki
admin-enrolled-as = Kimesajiliwa kama { $kiosk } katika { $site } ({ $neighbourhood }).
admin-not-enrolled = Hakijasajiliwa: rekodi zinabaki kwenye kioski hiki hadi kitakaposajiliwa.
admin-enrol-label = Tiketi au msimbo wa usajili
admin-enrol-hint = Changanua msimbo wa QR kwenye ukurasa wa “Vioski” wa tovuti ya wahudumu, au andika mstari wa tiketi ulio hapo. Kioski ambacho tayari kimesajiliwa kwenye seva hiyo kinahitaji msimbo tu.
admin-enrol-button = Sajili
admin-enrol-working = Inasajili. Hii inaweza kuchukua sekunde chache.
admin-enrol-done = Kimesajiliwa kama { $kiosk } katika { $site } ({ $neighbourhood }). Rekodi zinazosubiri kwenye kioski hiki zinatumwa.
admin-enrol-empty = Kwanza andika au changanua tiketi au msimbo wa usajili.
admin-enrol-bad-ticket = Tiketi hii haijakamilika. Ichanganue tena, au iandike sawasawa kama inavyoonyeshwa kwenye ukurasa wa “Vioski”.
admin-enrol-bad-code = Huu si msimbo wa usajili. Misimbo ina herufi na tarakimu, kama K7PQ-M3XZ-R9AB.
admin-enrol-need-ticket = Kioski hiki bado hakiijui seva yake. Changanua au andika tiketi nzima, si msimbo peke yake.
admin-enrol-refused = Seva imekataa msimbo huu: si sahihi, umeshatumika au muda wake umeisha. Tengeneza mpya kwenye ukurasa wa “Vioski”.
admin-enrol-unreachable = Seva haikupatikana. Angalia mtandao kisha ujaribu tena.
admin-enrol-wrong-server = Cheti cha seva hakilingani na tiketi. Hakikisha kwamba tiketi ni ya seva ya jiji hili.
admin-enrol-failed = Usajili haukufanikiwa: { $detail }
notice-battery-critical = Betri inakaribia kuisha na kioski hiki kinaweza kuzimika hivi karibuni. Tafadhali muulize mhudumu.
