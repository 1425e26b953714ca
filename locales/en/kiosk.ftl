# Kiosk UI strings: the reference locale. Every other locale has exactly these ids and
# variables (checked by kiosk/tests/locales.rs). Short sentences: they are read aloud.

## Language picker: each language is listed by its own name.
language-name = English

## Attract screen
attract-welcome = Welcome
attract-touch-to-start = Touch the screen to start

## Language picker
language-title = Choose your language

## Header buttons, the same on every page
nav-back = Back
nav-home = Home
nav-finish = Finish
nav-listen = Listen
nav-help = Help

## Idle warning
idle-title = Are you still there?
idle-explanation = For your privacy, this screen will soon clear everything and start again.
idle-seconds = Seconds left
idle-more-time = Yes, I need more time

## Help
help-title = Help
help-body = Touch a big button to choose. Touch Back to go back, Home to start again. Touch Listen to hear this screen. If you are stuck, ask a member of staff. When you are done, touch Finish: the screen forgets everything.
help-close = Close help

## Accessibility quick settings
settings-title = Make it easier to use
settings-intro = Choose what helps you. You can change it any time.
settings-text-size = Text size
settings-smaller = Smaller
settings-bigger = Bigger
settings-high-contrast = High contrast
settings-read-aloud = Read each screen aloud
settings-easy-read = Easy read
settings-on = On
settings-off = Off
settings-continue = Continue

## Home screen
home-title = What would you like to do?
home-tile-services = City services
home-tile-services-hint = Find a service, make a request or book an appointment
home-tile-learn = Learn digital skills
home-tile-learn-hint = Short lessons on email, passwords, scams and more
home-tile-say = Have a say
home-tile-say-hint = Rate a service or answer a community survey
home-language = Change language

## City services
services-title = City services
services-search-label = Search for a service
services-search-hint = Type a word, for example: library, housing, bus.
services-search-button = Search
services-browse = Or choose a topic
services-results-title = Results for “{ $query }”
services-no-results = We found nothing for these words. Try other words, or choose a topic.
content-fallback = Shown in English
content-fallback-notice = This text is not yet available in your language. It is shown in English.

## A service page
service-who = Who can use it
service-bring = What to bring
service-where = Where
service-hours = Opening hours
service-how = How to use it
service-contact = Phone and website
service-request = Make a request
service-send-to-phone = Send to my phone
service-print = Print this
service-rate = Rate this service
channel-in-person = In person
channel-online = Online
channel-phone = By phone
day-mon = Monday
day-tue = Tuesday
day-wed = Wednesday
day-thu = Thursday
day-fri = Friday
day-sat = Saturday
day-sun = Sunday
day-range = { $first } to { $last }
hours-line = { $days }: { $opens } to { $closes }

## Send to my phone
qr-title = Send to my phone
qr-explanation = Open the camera on your phone and point it at this code. The link opens on your phone.
qr-close = Close

## Request forms
form-optional = (optional)
form-submit = Send my request
form-privacy-note = Your name and phone number are locked on this kiosk. Only the city can read them.
form-fix-errors = Please check the fields marked in red.
form-error-required = Please fill this in.
form-error-choose = Please choose one.
form-error-too-long = Please use at most { $max } characters.
form-error-phone = Please type a phone number: 7 to 15 digits.
form-unavailable = This kiosk cannot take requests with personal details yet. Please ask a member of staff.

## After a request
submitted-title = Your request is saved
submitted-reference = Your reference number
submitted-print = Print my ticket
submitted-offline = This kiosk is offline now. Your request will be sent as soon as it is back online.
submitted-online = Your request will be sent to the city in the next few minutes.

## Check a request
home-check-request = Check a request
home-check-request-hint = See where a request you made stands, with the reference on your ticket.
check-title = Check a request
check-intro = Type the reference printed on your ticket, or hold the ticket's QR code under the scanner.
check-reference-label = Reference
check-reference-hint = 12 letters and numbers, as on your ticket.
check-button = Check
check-asking = Asking the city…
check-invalid = This reference is not right. Check each letter and number.
check-unknown = No request with this reference has reached the city yet. If you made it today at another kiosk, try again later.
check-unknown-offline = This kiosk has no news of this request and cannot reach the city now. Please try again later.
check-status-received = Received: the city has your request.
check-status-in-progress = In progress: someone is working on it.
check-status-resolved = Resolved.
check-status-referred = Passed to another service.
check-status-cannot-be-done = The city cannot do this.
check-status-waiting = Saved on this kiosk. It will be sent to the city when the kiosk is online.
check-note-label = Message from the city
check-updated = Updated on { $date }
check-source-server = Checked with the city just now.
check-source-kiosk = As this kiosk last heard from the city. It cannot reach the city now.
check-source-here = This request was made on this kiosk.
check-print = Print this
check-another = Check another reference
check-printout-title = Where your request stands
request-phrase-we-will-call = An adviser will call you.
request-phrase-visit-office = Please visit the city office with your ticket.
request-phrase-bring-documents = Please bring the documents on your ticket to the city office.
request-phrase-work-scheduled = The work is planned.
request-phrase-fixed = It has been fixed. Thank you for telling us.
request-phrase-referred-elsewhere = We have passed your request to the service that can help.
request-phrase-not-city-matter = This is not something the city can do.

## Learn digital skills
learn-title = Learn digital skills
learn-intro = Short lessons with practice. Choose one to start.
learn-status-new = Not started
learn-status-started = Started
learn-status-passed = Passed
learn-code-title = Have a learner code?
learn-code-label = Your learner code
learn-code-hint = 9 letters and numbers, as on your learner card.
learn-use-code = Continue with my code
learn-new-code = Get a learner code
learn-code-invalid = This code is not right. Check each letter and number.
learn-code-unknown = Welcome back. No progress is saved for this code on this kiosk yet.
learn-your-code = Your learner code
learn-print-card = Print my learner card
learn-step-counter = Step { $current } of { $total }
learn-practice-counter = Practice { $current } of { $total }
learn-question-counter = Question { $current } of { $total }
learn-previous = Previous
learn-next = Next
learn-right = That is right.
learn-not-quite = Not quite.
learn-passed-title = Well done! You passed.
learn-failed-title = Not yet. You can try again.
learn-result-message = You answered { $score } of { $total } questions right. You need { $pass } to pass.
learn-print-certificate = Print my certificate
learn-retry = Try the questions again
learn-other-modules = Other lessons

## Have a say
say-title = Have a say
say-intro = Tell the city what you think. Your answers are anonymous.
say-survey-detail = A few quick questions. No names.
say-rate-heading = Rate a service
rate-question = How good was this service for you?
rate-5 = Very good
rate-4 = Good
rate-3 = OK
rate-2 = Poor
rate-1 = Very poor
rate-comment = Anything to add?
rate-comment-hint = Please do not write names or phone numbers here.
rate-send = Send my rating
rate-choose = Please choose how good it was.
survey-next = Next
survey-counter = Question { $current } of { $total }
thanks-title = Thank you
thanks-rating = Thank you. Your rating helps the city improve this service.
thanks-survey = Thank you. Your answers help the city plan its services.

## Messages after an action
notice-printed = Printed. Please take your paper.
notice-printer-problem = The printer is not working right now. Use "Send to my phone", or ask a member of staff.
notice-speech-problem = Listening is not available on this kiosk right now.

## Printed documents
ticket-service-title = City service
ticket-request-title = Your request
ticket-reference = Reference
ticket-offline = This kiosk was offline. Your request will be sent when it is back online.
ticket-scan = Scan the code to see this on your phone.
card-title = Learner card
card-body = Use this code on any kiosk to continue your lessons.
certificate-title = Certificate
certificate-body = Well done! You completed the lesson “{ $module }” on { $date }.

## On-screen keyboard
keyboard-title = On-screen keyboard
keyboard-space = Space
keyboard-delete = Delete
keyboard-shift = Capitals
keyboard-done = Done

## Kiosk status (shown to staff)
status-records-waiting =
    { $count ->
        [one] { $count } record waiting to be sent
       *[other] { $count } records waiting to be sent
    }

## Staff mode: for librarians and community workers (PIN or staff card)
attract-staff = Staff
admin-pin-title = Staff sign-in
admin-pin-label = Staff PIN
admin-pin-hint = Ask the site coordinator if you do not know it.
admin-pin-enter = Sign in
admin-pin-wrong = That PIN is not right. Try again.
admin-pin-not-set = No staff PIN is set on this kiosk. Set one with the command: kiosk admin set-pin
admin-pin-locked = Too many wrong tries: staff sign-in is locked for a while. Minutes to wait: { $minutes }
admin-pin-short = This staff PIN is too short. Set a new one of at least 6 digits with the command: kiosk admin set-pin
admin-title = Staff mode
admin-connection = Connection to the server
admin-online = Online: records are being sent.
admin-offline = Offline: records wait on this kiosk and are sent later.
admin-devices = Devices
admin-no-device-news = No device has reported a problem.
admin-test-print = Print a test ticket
admin-force-sync = Sync now
admin-sync-asked = Syncing now, in the background.
admin-learner-card = Print a new learner card
admin-assisted = Mark this visit as assisted
admin-assisted-done = This visit is marked as assisted.
admin-exit = Leave staff mode
admin-waiting = Records waiting to be sent: { $count }
admin-last-success = Last successful sync: { $when }
admin-never = never
admin-sent-today = Sent today: { $bytes } bytes
admin-clock = The kiosk's clock is { $seconds } seconds off the server's.
admin-last-attempt = Last attempt: { $message }
admin-enrol-heading = Enrol this kiosk
admin-enrolled-as = Enrolled as { $kiosk } at { $site } ({ $neighbourhood }).
admin-not-enrolled = Not enrolled: records stay on this kiosk until it is enrolled.
admin-enrol-label = Enrolment ticket or code
admin-enrol-hint = Scan the QR code on the staff web's Kiosks page, or type its ticket line. A kiosk already enrolled with that server needs only the code.
admin-enrol-button = Enrol
admin-enrol-working = Enrolling. This can take a few seconds.
admin-enrol-done = Enrolled as { $kiosk } at { $site } ({ $neighbourhood }). Records waiting on this kiosk are being sent.
admin-enrol-empty = Type or scan the enrolment ticket or code first.
admin-enrol-bad-ticket = This ticket is not complete. Scan it again, or type it exactly as the Kiosks page shows it.
admin-enrol-bad-code = This is not an enrolment code. Codes have letters and digits, like K7PQ-M3XZ-R9AB.
admin-enrol-need-ticket = This kiosk does not know its server yet. Scan or type the whole ticket, not only the code.
admin-enrol-refused = The server refused this code: it is wrong, used or expired. Make a new one on the Kiosks page.
admin-enrol-unreachable = The server could not be reached. Check the network and try again.
admin-enrol-wrong-server = The server's certificate does not match the ticket. Check that the ticket is for this city's server.
admin-enrol-failed = Enrolment failed: { $detail }
notice-battery-critical = The battery is almost empty and this kiosk may switch off soon. Please ask a member of staff.
