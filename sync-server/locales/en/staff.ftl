# Staff web pages (sync server). English is the reference: every other language has exactly
# these message ids and variables.

site-name = Inclusion kiosks — staff
skip-to-content = Skip to content
nav-label = Main
language-label = Language
nav-dashboard = Dashboard
nav-exports = Exports
nav-definitions = Definitions
nav-fleet = Kiosks
nav-places = Places and baselines
nav-content = Content
nav-users = Users and audit
nav-privacy = Privacy
logout = Log out
footer-privacy = Figures about residents are anonymous counts. Counts from 1 to 9 are never shown outside the analyst role.
role-librarian = Librarian
role-city_staff = City staff
role-analyst = Analyst
role-admin = Administrator
refused-title = Not allowed
back-home = Back to the start page
error-csrf = This form has expired or did not come from this site. Go back, reload the page and try again.
error-role = Your role does not give access to this page.
error-bad-form = The form was not filled in as expected. Reload the page and try again.
yes = Yes
no = No
show = Show
upload = Upload

# Login
login-title = Log in
login-name = Login name
login-password = Password
login-submit = Log in
login-hint = Ask an administrator for a login. After five wrong passwords you must wait before trying again.
login-wrong = The login name or the password is wrong.
login-wait = Too many wrong passwords. Wait { $seconds } seconds, then try again.
login-busy = Many people are logging in right now. Wait a few seconds, then try again.

# Figures
month-label = Month
neighbourhood = Neighbourhood
metric = Metric
value = Value
numerator = Numerator
denominator = Denominator
unit = Unit
formula = Formula
about = What it tells
breakdown = Broken down by
suppressed-short = hidden
suppressed-explained = Hidden to protect privacy: the count is from 1 to 9, or would let someone work out such a count.
suppressed-for-others = Hidden from everyone but analysts.
suppression-notice = Small counts are hidden, together with any figure that would reveal them.
privacy-rules-link = How figures are protected
analyst-notice = You see figures without suppression. Do not share them outside the analyst role. This view is logged.
no-baselines = There are no neighbourhood baselines yet, so there are no figures. Upload them under
all-figures-link = Every figure of this month, with downloads

# Dashboard
dashboard-title = Access-gap dashboard
gap-heading = Access gap by neighbourhood, { $month }
gap-chart-label = Bar chart of the access-gap index by neighbourhood, widest gap first. The table below gives the same figures.
gap-table-caption = Access-gap index, its parts and how long residents' requests waited, by neighbourhood (widest gap first)
map-caption = Map of the access-gap index
map-label = Map of the neighbourhoods coloured by access-gap index. The table gives the same figures.
legend-label = Legend: access-gap index
legend-no-figure = no figure, or hidden
disparity-heading = City-wide disparity
trend-heading = Trends
trend-caption = Access-gap index by month
trend-column = Trend
trend-sparkline-label = Access-gap index of { $place } over the months shown
unmet-heading = Top unmet needs
unmet-caption = Requests started and not sent, by topic, city-wide
unmet-none = No unmet requests this month.
unmet-requests = Requests not sent
topic = Topic
mix-heading = Language and accessibility mix
mix-note = Shown beside the index, not inside it. A visit may use several features.
language-caption = Visits by language other than the default, city-wide
accessibility-caption = Visits using each accessibility feature, city-wide
share-of-visits = Share of visits
bar = Bar

# Definitions
definitions-title = Definitions
definitions-intro = Every figure has a stable id, a formula, a unit and the privacy rules that apply. Figures on the dashboard and in exports link here.
definitions-caption = Metrics, the index and disparity measures
definitions-back = All definitions
definitions-downloads = The definitions file:
definition-unknown = There is no metric with this id.
rules-that-apply = Privacy rules that apply
privacy-heading = How figures are protected
privacy-k = Small-cell suppression, k = { $k }: any count from 1 to 9 is hidden; a rate whose numerator or denominator is below 10 is not shown.
privacy-minimal = Kiosks collect no names, no accounts and no search text (topic codes only), time to the hour. Raw events are kept at most 90 days; only aggregates after that.
privacy-monthly = Neighbourhood tables are monthly. No table crosses kiosk, rare language and accessibility feature.
privacy-closed-months = A month is published once it has closed, { $days } days after its last day (so that kiosks that were offline have caught up), and never changes after that: everyone but analysts sees the same figures at every view. Visits that reach the server after their month closed count there for analysts only, and are published as "late visits" (M12) in the month they arrived, with the same small-count rules. The city's months and opening hours follow its time zone, daylight saving included; a kiosk's clock is corrected by the offset measured when it syncs (up to 48 hours; a clock further off keeps its times and is flagged).
privacy-roles = Librarians see device health for their sites; city staff see suppressed figures; only analysts see unsuppressed figures, and every such view is logged.
rule-small-cells = Counts from 1 to 9 are shown as hidden, the same mark as the figures hidden to protect them (a separate "<10" would tell the others are 0 or at least 10); a rate whose numerator or denominator is below 10 is not shown (k = 10). A count of 0 is shown and is not protected: a hidden figure whose count is 0 can follow from zeros shown elsewhere (a city total of 0 means 0 in every neighbourhood).
rule-secondary = Further figures are hidden where needed so that no hidden count can be worked out from a total, a breakdown or another published table.
rule-from-shown = Computed only from figures that are shown; hidden when one of its inputs is hidden.
rule-not-personal = Counts kiosks or kiosk minutes, not residents: shown as they are.
rule-noise = When the city turns privacy noise on, a month is shown once it is over and released, and the counts behind it carry two-sided geometric noise: ε per table (1.0 unless the city sets it), each visit counting at most once in each visit count and with at most 5 events of each kind in the event counts. Negative counts become 0 and the small-count rules still apply. Every release is entered in a yearly ε ledger. A month once released stays as released for everyone but analysts, also after noise is turned off.
rule-hidden-under-noise = Not shown while privacy noise is on: it would need noise of its own.
rule-closed-months = Published once its month has closed, { $days } days after the month's last day, and never changed after that; visits that arrive later are published as late visits in the month they arrive.
rule-bounded-by-hidden = Computed from exact values over every neighbourhood, those whose figures are hidden too; published to two decimal places only when it would read the same whatever each hidden count were, anywhere within 9 of its true value; otherwise hidden.
unit-per-1000 = per 1,000 residents aged 15+
unit-per-1000-offline = per 1,000 offline residents
unit-percent = %
unit-rating = mean rating, 1 to 5
unit-hours = hours (median)
unit-kiosks = kiosks
unit-requests = requests
unit-visits = visits
unit-0-1 = 0 to 1
unit-0-100 = 0 to 100
unit-ratio = ratio

metric-M1-name = Reach
metric-M1-formula = 1000 × sessions / P
metric-M1-about = Kiosk visits per 1,000 residents aged 15 and over (P, from the baselines).
metric-M1b-name = Need-adjusted reach
metric-M1b-formula = 1000 × sessions / (P × h)
metric-M1b-about = Visits per 1,000 residents of households without home internet (h, from the baselines). City-wide: neighbourhoods with a known h only.
metric-M2-name = Availability
metric-M2-formula = usable minutes / scheduled opening minutes
metric-M2-about = How much of the opening hours (from the baselines) the neighbourhood's kiosks were usable, as the kiosks report each hour.
metric-M3-name = Service completion
metric-M3-formula = submitted / started service requests
metric-M3-about = Of the request forms opened, the share sent. Each counts in the month it happened, so a form opened at the end of one month and sent in the next counts as sent there: the share is capped at 100 %.
metric-M4-name = Services used
metric-M4-formula = 1000 × (service views + submitted requests) / P
metric-M4-about = Service pages read and requests sent per 1,000 residents.
metric-M5-name = Unmet demand
metric-M5-formula = (searches with no result + abandoned requests) / (searches + started requests)
metric-M5-about = How often residents looked for something and did not get it. City-wide, the topics of abandoned requests are listed (as numbers of requests): every topic of the content's request forms (and any other with a request) has a row, zero or not, so whether a row is there says nothing about what residents did. Tables are ordered by the figures shown, hidden ones last by name.
metric-M6-name = Assistive use
metric-M6-formula = sessions using at least one accessibility feature / sessions
metric-M6-about = Visits that used large text, high contrast, read-aloud, easy-read or keyboard navigation, also for each feature. Shown beside the index, not in it. Every feature has a row in every neighbourhood, used or not.
metric-M7-name = Language access
metric-M7-formula = sessions not in the default locale / sessions
metric-M7-about = Visits in a language other than the neighbourhood's default (the first language chosen in the visit), also for each language. Shown beside the index, not in it. Every language kiosks offer has a row in every neighbourhood, chosen or not.
metric-M8-name = Module completion
metric-M8-formula = modules passed / modules started
metric-M8-about = Digital-skills modules whose check was passed, of those started, also for each module (every module of the content has its row, used or not). A module started in one month and passed in the next counts as passed there: the share is capped at 100 %.
metric-M9-name = Skills attainment
metric-M9-formula = 1000 × modules passed / P
metric-M9-about = Module checks passed per 1,000 residents.
metric-M10-name = Assisted sessions
metric-M10-formula = staff-assisted sessions / sessions
metric-M10-about = Visits a librarian or community worker marked as assisted.
metric-M11-name = Participation
metric-M11-formula = 1000 × (feedback + survey responses) / P; mean rating
metric-M11-about = Ratings and survey answers per 1,000 residents, and the mean rating (1 to 5) of the month's ratings.
metric-M12-name = Data freshness
metric-M12-formula = median age of events at arrival on the server; kiosks not seen in 24 h
metric-M12-about = How old events were when they reached the server (late kiosks count in the month the events happened); the visits that arrived this month for a month already published; and the number of kiosks not heard from for 24 hours, now.
metric-M13-name = Time to first response
metric-M13-formula = median hours from a request's arrival on the server to its first status change
metric-M13-about = Residents' requests received in the month, counted where the kiosk stands: how long until a case worker or the city's case system first moved them. Requests still waiting are left out. Compare across neighbourhoods and with the gap index: do the widest-gap neighbourhoods wait longer? Shown when at least 10 requests stand behind the median.
metric-M13b-name = Time to resolution
metric-M13b-formula = median hours from a request's arrival on the server to the change that closed it
metric-M13b-about = As time to first response, to the end (resolved, referred elsewhere or cannot be done). Requests not closed yet are left out.
metric-access-name = Access
metric-access-formula = mean(z(M1), z(M2)), z = min(x / B, 1)
metric-access-about = B is the city's target, by default the population-weighted 80th percentile across neighbourhoods (M2: 98%).
metric-use-name = Use
metric-use-formula = mean(z(M3), 1 − M5)
metric-use-about = Completing services and finding what was looked for.
metric-ability-name = Ability
metric-ability-formula = z(M9)
metric-ability-about = Digital skills gained, against the target. A target that works out to 0 (no neighbourhood shows any) gives 0, not full marks, to a neighbourhood at 0.
metric-inclusion_score-name = Inclusion score
metric-inclusion_score-formula = 100 × (Access × Use × Ability)^(1/3)
metric-inclusion_score-about = A geometric mean, so one weak dimension cannot be hidden by a strong one.
metric-gap_index-name = Access-gap index
metric-gap_index-formula = 100 − inclusion score
metric-gap_index-about = Higher means a wider gap: where to act first.
metric-gini_m1-name = Disparity of reach (Gini)
metric-gini_m1-formula = population-weighted Gini of M1 across neighbourhoods
metric-gini_m1-about = 0: every neighbourhood reached equally; 1: all visits in one. Every neighbourhood with residents is included, those whose reach is hidden too, from exact counts. Published to two decimal places, and only when it would read the same whatever each hidden count were, anywhere within 9 of its true value; otherwise it is hidden.
metric-quintile_ratio_m1-name = Bottom-to-top fifth ratio of reach
metric-quintile_ratio_m1-formula = mean M1 of the lowest fifth of the population / mean M1 of the highest fifth
metric-quintile_ratio_m1-about = Neighbourhoods are ranked by reach; one straddling a fifth counts with the share of its population inside it. Every neighbourhood is included, and the ratio is published by the same rule as the Gini.
breakdown-large_text = large text
breakdown-high_contrast = high contrast
breakdown-read_aloud = read aloud
breakdown-easy_read = easy read
breakdown-keyboard = keyboard or switch
breakdown-rating = mean rating
breakdown-unseen_kiosks = kiosks not seen in 24 h
breakdown-en = English
breakdown-es = Spanish
breakdown-fr = French
breakdown-ar = Arabic
breakdown-pl = Polish
breakdown-uk = Ukrainian
breakdown-zh-Hans = Chinese (simplified)

# Exports
exports-title = Exports
exports-intro = Every figure in one tidy shape: neighbourhood, month, metric, value, numerator, denominator, unit, suppressed. Suppressed rows carry no value, numerator or denominator.
export-month-csv = Figures of { $month } (CSV)
export-month-json = Figures of { $month } (JSON)
export-month-excel = Figures of { $month } (CSV for Excel)
export-all-csv = Figures of every month (CSV)
export-all-json = Figures of every month (JSON)
export-definitions-csv = Definitions (CSV)
export-definitions-json = Definitions (JSON)
figures-caption = Every figure of { $month }

# Fleet
fleet-title = Kiosks
fleet-your-sites = Your sites: { $sites }
alerts-heading = { $n ->
    [0] No kiosk needs a visit
    [one] One kiosk needs a visit
   *[other] { $n } kiosks need a visit
}
alerts-none = Every kiosk is fine.
kiosks-heading = { $n ->
    [one] One kiosk
   *[other] { $n } kiosks
}
kiosks-caption = Kiosks by neighbourhood and site
kiosk = Kiosk
kiosks = Kiosks
site = Site
sites = Sites
last-seen = Last seen
backlog = Waiting to send
records-received = Records received
devices = Devices
content-version = Content version
printer = Printer
power = Power
free-disk = Free disk
alerts = Alerts
actions = Actions
never = never
age-now = just now
age-minutes = { $n } min ago
age-hours = { $n } h ago
age-days = { $n } days ago
alert-none = fine
alert-offline = offline over 24 h
alert-printer_out_of_paper = printer out of paper
alert-printer_fault = printer needs attention
alert-disk_nearly_full = disk nearly full
alert-battery_low = battery low
alert-re_enrol = enrol again (no device key)
state-quarantined = quarantined
state-revoked = revoked
printer-ok = ready
printer-paper_low = paper low
printer-paper_out = out of paper
printer-cover_open = cover open
printer-offline = offline
printer-fault = fault
printer-unknown = unknown
power-mains = mains
power-battery = battery { $percent } %
action-quarantine = Quarantine
action-release = Release
action-revoke = Revoke
device-unknown = There is no such kiosk.
enrol-heading = Enrol a kiosk
enrol-intro = Make a one-time code, then type it on the kiosk's staff screen (or run the command shown). The code works once.
enrol-valid-hours = Valid for (hours)
enrol-submit = Make a code
enrol-no-sites = There are no sites yet: an admin adds one below, then codes can be made for it.
site-add-heading = Add a site
site-add-intro = A site is a place kiosks stand, in one neighbourhood of the baselines. Enrolment codes are made for sites.
site-add-submit = Add the site
site-need-baselines = Upload the neighbourhood baselines first (Places page): every site belongs to one of their neighbourhoods.
site-unknown = There is no site called “{ $site }”. An admin adds sites first.
enrol-bad = Name the site (up to 120 characters) and a validity of 1 to 720 hours.
code-made = Enrolment code for { $site }
code-expires = It works once, until { $when }.
code-how = On the kiosk, open staff mode and scan this QR code under “Enrol this kiosk”.
code-qr-label = QR code of the enrolment ticket
code-ticket = Or type this ticket line there. A kiosk already enrolled with this server needs only the code.
code-cli = Or run this on the kiosk’s command line:
code-how-no-ticket = On the kiosk, open staff mode and type this code with the server’s address and fingerprint, or run `kiosk enrol`.

# Places
places-title = Places and baselines
baselines-heading = Neighbourhood baselines
baselines-none = No baselines yet.
baselines-caption = Baselines the metrics divide by
population = Residents aged 15+
offline-share = Households offline
opening-hours = Opening hours
default-locale = Default language
outline = Outline
baselines-upload = Baselines file (CSV)
baselines-hint = A header line, then one line per neighbourhood. The whole file is checked first; if anything is wrong nothing is imported. Columns:
baselines-imported = Imported baselines for { $n } neighbourhoods.
outlines-heading = Neighbourhood outlines
outlines-count = { $n ->
    [one] One neighbourhood has an outline.
   *[other] { $n } neighbourhoods have an outline.
}
outlines-upload = Outlines file (GeoJSON)
outlines-hint = A FeatureCollection with one Polygon or MultiPolygon per neighbourhood, named by its "neighbourhood" property, longitude before latitude.
outlines-imported = Imported outlines for { $n } neighbourhoods.
import-refused = { $file } was not imported: { $n ->
    [one] one problem
   *[other] { $n } problems
}. Nothing was changed.

# Content
content-title = Content
content-published = Published content version: { $version }.
content-versions-caption = Which kiosks run which version (from their last heartbeat)
content-builtin = built-in sample
content-unknown = not reported yet
which = Which
publish-heading = Publish a new version
publish-file = Content bundle (.tar.gz)
publish-submit = Check and publish
publish-hint = A .tar.gz of a content folder (bundle.toml, categories.toml, services/, forms/, modules/, surveys/), optionally with a locales/ folder of UI translations. It is checked in full before it is signed and published; kiosks fetch it at their next sync.
publish-refused = The bundle was not published:
publish-done = Published content version { $version } ({ $files } files). Kiosks fetch it at their next sync.
release-heading = Kiosk software
release-latest = Kiosks move to version { $version } ({ $count } versions published). Each kiosk downloads it in the background and installs it at a quiet hour; it rolls back by itself if the new version does not come up healthy.
release-none = No kiosk software published yet: kiosks run the version they were installed with.
release-caption = Kiosks by software version
software-version = Software
software-update = Update
release-file = Kiosk package (.deb)
release-submit = Check and publish
release-hint = The inclusion-kiosk package built by scripts/package. It is checked (package name, version, architecture) and signed with the server key kiosks trust. A version can be published once.
release-done = Published kiosk software { $version }. Kiosks fetch it at their next sync.
update-downloading = downloading { $version } ({ $detail } %)
update-ready = { $version } ready, waiting for a quiet hour
update-installing = installing { $version }
update-installed = { $version } installed
update-rolled-back = { $version } rolled back: { $detail }
update-blocked = { $version } on hold: { $detail }

# Users
users-title = Users and audit log
users-caption = Staff logins
role = Role
user-site = Site (librarians)
user-add-heading = Add a login
user-add-submit = Add
user-added = Added { $name }.
user-password-once = Their password, shown only now:
user-status = Status
user-sessions = Signed in
user-active = can log in
user-disabled = disabled
user-do-disable = Disable
user-do-enable = Enable
user-do-reset_password = New password
user-do-end_sessions = Sign out everywhere
user-do-delete = Delete
user-changed = { $name }: done ({ $change }).
user-new-password = The new password of { $name }, shown only now:
user-actions = Actions for { $name }
audit-heading = Audit log
audit-caption = Latest actions and analyst views, newest first
when = When
who = Who
action = Action
detail = Detail

# Privacy noise (differential privacy)
privacy-title = Privacy noise
privacy-intro = Optional differential privacy. While noise is on, everyone outside the analyst role sees a month's figures only after an administrator releases it, once the month is over. The counts then carry random noise (two-sided geometric), negative counts become 0, and small counts are still hidden. Each release spends ε from the yearly budget of the year it is about; releasing a month again costs ε again.
privacy-off = Noise is off: figures are exact, with small counts hidden.
privacy-on = Noise is on: ε = { $epsilon } per table, { $tables } tables, so one release costs ε = { $cost }. Yearly budget: ε = { $budget }.
privacy-ledger-heading = Ledger
privacy-ledger-caption = Every release with noise and the ε it spent
privacy-ledger-empty = No month has been released with noise yet.
privacy-released = released
privacy-spent = ε spent
privacy-year-spent = { $year }: ε = { $spent } spent of a yearly budget of { $budget }.
privacy-settings-heading = Settings
privacy-epsilon-label = ε per table (smaller: more noise, more privacy)
privacy-epsilon-hint = A visit can be in all { $tables } tables, so each release of a month costs each visitor up to { $tables } × ε, not ε.
privacy-budget-label = Yearly budget (empty: one release a month)
privacy-turn-on = Turn noise on, or save
privacy-turn-off = Turn noise off
privacy-release-heading = Release a month
privacy-release-label = Month (months that are over)
privacy-release-submit = Release with noise
privacy-release-done = { $month } is released with noise: ε = { $cost } spent.
privacy-none-to-release = No month can be released yet: a month can be released once it is over.
privacy-saved = Saved.
privacy-bad-number = ε and the yearly budget must be positive numbers, such as 1.0.
privacy-over-budget = Not released: the year's budget has ε = { $left } left, and a release costs ε = { $cost }.
noise-on = These figures carry random noise to protect privacy (ε = { $epsilon } per table), released { $when }. Small counts are still hidden.
noise-not-released = Not released yet: { $months }. While privacy noise is on, a month is shown once an administrator releases it after it ends.
not-published-yet = Not published yet: { $months }. A month is published { $days } days after it ends, once kiosks that were offline have caught up, and never changes after that.
noise-more = About privacy noise
noise-now-on = Noise is on now, ε = { $epsilon } per table.
noise-now-off = Noise is off now.

# Residents' requests (case workers; admins see status only)
nav-requests = Requests
role-case_worker = Case worker
requests-title = Residents' requests
requests-intro = The requests of your forms, oldest first. Open one to read it, see the resident's details and tell them where it stands.
requests-intro-admin = Every request and where it stands. What residents wrote is shown only to case workers.
requests-any = Any
requests-form = Form
requests-status = Status
requests-age = Waiting
requests-older-than = { $n ->
    [one] At least { $n } day
   *[other] At least { $n } days
}
requests-filter = Show
requests-none = No request matches.
requests-count = { $n ->
    [one] { $n } request, oldest first
   *[other] { $n } requests, oldest first
}
requests-reference = Reference
requests-received = Received
requests-back = All requests
requests-not-found = There is no such request among the ones you can see.
request-title = Request { $reference }
request-answers = Answers
request-personal = The resident's details
request-no-personal = The resident left no personal details.
request-personal-audited = Opening these details has been written to the audit log.
request-personal-unreadable = The resident's details cannot be opened with this server's key.
request-change = Change the status
request-phrase = Message to the resident
request-phrase-none = No message
request-message = Your own words (optional)
request-message-hint = At most { $n } characters. The resident reads this at a kiosk.
request-save = Save and tell the resident
request-city-system = City case system { $target }
request-city-waiting = not taken yet ({ $attempts } tries so far)
request-history = History
request-when = When
request-who = Who
request-status-received = Received
request-status-in-progress = In progress
request-status-resolved = Resolved
request-status-referred = Referred elsewhere
request-status-cannot-be-done = Cannot be done
request-phrase-we-will-call = An adviser will call you.
request-phrase-visit-office = Please visit the city office with your ticket.
request-phrase-bring-documents = Please bring the documents on your ticket to the city office.
request-phrase-work-scheduled = The work is planned.
request-phrase-fixed = It has been fixed. Thank you for telling us.
request-phrase-referred-elsewhere = We have passed your request to the service that can help.
request-phrase-not-city-matter = This is not something the city can do.
user-forms = Request forms (case workers)
user-forms-hint = Form ids, separated by commas, e.g. callback, street-light.
request-personal-erased = The resident's details were erased on { $date }, as the city keeps them only for a while after a request is closed.
requests-export = Download these requests as CSV (with the residents' details; each opening is audited)

# City case systems (Open311)
nav-open311 = City case systems
open311-title = City case systems (Open311)
open311-intro = The city's case systems read residents' requests over Open311 GeoReport v2 at /open311/v2/ with a key made here, for some forms and optionally one site. A key allowed personal fields reads the residents' details too; each reading is in the audit log.
open311-made = Key { $name } made.
open311-key-once = Give it to the city's system now; it is shown only once:
open311-deleted = Key { $name } deleted: it reads nothing any more.
open311-no-such-key = There is no key called { $name }.
open311-keys-heading = Keys
open311-no-keys = No keys yet.
open311-keys-caption = Keys that read requests over Open311
open311-personal = Personal fields
open311-made-by = Made by
open311-every-site = Every site
open311-delete-label = Delete key { $name }
open311-add-heading = Make a key
open311-site = Site (optional)
open311-personal-allow = It may read residents' personal fields (name, phone, location, details)
open311-add-submit = Make the key
open311-push-heading = Requests pushed to the city
open311-no-push = No endpoint is configured: new requests are not pushed. Add [[open311_push]] to server.toml.
open311-push-caption = Requests sent to each configured Open311 endpoint
open311-endpoint = Endpoint
open311-sent = Taken
open311-waiting = Waiting
open311-failing = Failing
noise-not-released-places = Not in this month's release (added after it), so no figures: { $places }.
