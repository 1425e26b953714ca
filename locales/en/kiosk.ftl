# Kiosk UI strings: the reference locale. Every other locale has exactly these ids.

## Language picker: each language is listed by its own name.
language-name = English

## Attract screen
attract-welcome = Welcome
attract-touch-to-start = Touch the screen to start

## Language picker
language-title = Choose your language
language-back = Back

## Home screen
home-title = What would you like to do?
home-tile-services = City services
home-tile-services-hint = Find a service, make a request or book an appointment
home-tile-learn = Learn digital skills
home-tile-learn-hint = Short lessons on email, passwords, scams and more
home-tile-say = Have a say
home-tile-say-hint = Rate a service or answer a community survey
home-language = Language
home-finish = Finish
home-finish-hint = Ends your visit and forgets everything you did here

## A part of the kiosk that is not ready yet
not-ready-message = This part of the kiosk is still being prepared. Please ask a member of staff if you need help today.
not-ready-back = Back to the home screen

## Kiosk status (shown to staff)
status-records-waiting =
    { $count ->
        [one] { $count } record waiting to be sent
       *[other] { $count } records waiting to be sent
    }
