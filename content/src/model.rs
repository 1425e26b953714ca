//! The shape of content, as content authors write it in TOML (see `content/README.md`).
//! Language-neutral facts sit at the top of each entry; every text sits under
//! `[text.<locale>]`, so a translation is complete when its table is.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::Localised;

/// `bundle.toml`: which bundle this is.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleInfo {
    /// Stable id of the bundle, e.g. `sample-city`.
    pub id: String,
    /// Increases with every publication; kiosks refuse older versions.
    pub version: u32,
    /// The locale every text falls back to.
    pub default_locale: String,
    /// The locales this bundle promises complete.
    pub complete_locales: Vec<String>,
    /// The city or organisation, per locale.
    pub publisher: Localised<String>,
}

/// `categories.toml`: how services are grouped for browsing.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Categories {
    /// Every category, in display order.
    pub category: Vec<Category>,
}

/// A group of services (health, housing, jobs, …).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Stable id, e.g. `housing`.
    pub id: String,
    /// Icon name from the kiosk's icon set (see `content/README.md`).
    pub icon: String,
    /// Name per locale.
    pub name: Localised<String>,
}

/// How a resident can use a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// At an office or desk.
    InPerson,
    /// On a website.
    Online,
    /// By telephone.
    Phone,
}

/// Opening hours on some days: `days = ["mon", "tue"]`, `opens = "09:00"`, `closes = "17:00"`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    /// Three-letter lower-case day names: mon tue wed thu fri sat sun.
    pub days: Vec<String>,
    /// Opening time, 24-hour `HH:MM`.
    pub opens: String,
    /// Closing time, 24-hour `HH:MM`.
    pub closes: String,
}

/// `services/<id>.toml`: one city service.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Stable id, e.g. `library-card`; the file name without `.toml`.
    pub id: String,
    /// The category id.
    pub category: String,
    /// Topic code for anonymous usage figures, e.g. `housing.repairs` (never free text).
    pub topic: String,
    /// How it can be used.
    pub channels: Vec<Channel>,
    /// Public phone number, if any.
    #[serde(default)]
    pub phone: Option<String>,
    /// Public web address, if any (shown as a QR code for "send to my phone").
    #[serde(default)]
    pub website: Option<String>,
    /// Opening hours of the place in `text.*.where`.
    #[serde(default)]
    pub hours: Vec<Hours>,
    /// The request form residents can fill in for it at the kiosk, if any.
    #[serde(default)]
    pub form: Option<String>,
    /// Texts per locale.
    pub text: Localised<ServiceText>,
}

/// What a service page says, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceText {
    /// Short name, e.g. "Get a library card".
    pub name: String,
    /// One or two sentences: what it is.
    pub summary: String,
    /// The easy-read version shown when the resident turns easy-read on: a few short
    /// sentences (at most 15 words each), one idea each. Optional; the summary stands in.
    #[serde(default)]
    pub easy: Vec<String>,
    /// Who can use it.
    pub who: String,
    /// What to bring, one item per entry.
    pub bring: Vec<String>,
    /// Where: place name and address.
    #[serde(rename = "where")]
    pub place: String,
    /// How to use it: online, in person, by phone.
    pub how: String,
    /// Extra words residents may search with (synonyms, common misspellings are not needed).
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// What kind of request a form makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormKind {
    /// Report a problem in the street (a broken light, rubbish, a pothole).
    ReportProblem,
    /// Ask to be called back.
    Callback,
    /// Book one of the offered appointment slots.
    Appointment,
}

/// `forms/<id>.toml`: a request form.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestForm {
    /// Stable id; the file name without `.toml`.
    pub id: String,
    /// What kind of request.
    pub kind: FormKind,
    /// Topic code for anonymous usage figures.
    pub topic: String,
    /// The fields, in order.
    pub field: Vec<Field>,
    /// Appointment slots offered (for `appointment` forms).
    #[serde(default)]
    pub slot: Vec<Slot>,
    /// Texts per locale.
    pub text: Localised<FormText>,
}

/// One form field.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Stable id within the form.
    pub id: String,
    /// What it holds.
    pub kind: FieldKind,
    /// Must be filled in.
    #[serde(default)]
    pub required: bool,
    /// Identifies a person (name, phone): encrypted before it touches the disk, never logged,
    /// never in usage figures.
    #[serde(default)]
    pub personal: bool,
    /// Longest accepted text, in characters (text fields).
    #[serde(default)]
    pub max_length: Option<u32>,
    /// Option ids (choice fields); their labels are in the texts.
    #[serde(default)]
    pub options: Vec<String>,
}

/// Kinds of form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A phone number.
    Phone,
    /// One of `options`.
    Choice,
    /// One of the form's appointment slots.
    Slot,
}

/// An appointment slot.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    /// Stable id within the form.
    pub id: String,
    /// Local start time, `YYYY-MM-DDTHH:MM`.
    pub start: String,
    /// Length in minutes.
    pub minutes: u32,
}

/// A form's texts in one language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormText {
    /// Title, e.g. "Report a problem in the street".
    pub title: String,
    /// One or two sentences before the fields.
    pub intro: String,
    /// Per field id: its label, hint and option labels.
    pub fields: BTreeMap<String, FieldText>,
    /// Printed on the ticket and shown after submitting: what happens next.
    pub next_steps: String,
}

/// A field's texts in one language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldText {
    /// The label.
    pub label: String,
    /// A hint under the label, if useful.
    #[serde(default)]
    pub hint: Option<String>,
    /// Per option id: its label (choice fields).
    #[serde(default)]
    pub options: BTreeMap<String, String>,
}

/// `modules/<id>.toml`: a digital-skills module.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    /// Stable id; the file name without `.toml`.
    pub id: String,
    /// Its number in `skills-modules.md` (1–11), for ordering.
    pub number: u32,
    /// DigComp 2.2 competence(s), e.g. "4.1, 4.2".
    pub digcomp: String,
    /// Northstar Digital Literacy area.
    pub northstar: String,
    /// Typical minutes to complete the lesson.
    pub minutes: u32,
    /// Correct answers needed out of the questions to pass (4 of 5).
    pub pass_mark: u32,
    /// Lesson steps, in order.
    pub step: Vec<Step>,
    /// Guided practice items, in order.
    pub practice: Vec<Choice>,
    /// The check: exactly five questions.
    pub question: Vec<Choice>,
    /// Texts per locale.
    pub text: Localised<ModuleText>,
}

/// A lesson step: text, a picture, read aloud.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Stable id within the module.
    pub id: String,
    /// Picture name from the kiosk's picture set (see `content/README.md`).
    pub picture: String,
}

/// A multiple-choice item (practice or question): which options are right.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Stable id within the module.
    pub id: String,
    /// How many options it has (every locale must have exactly this many).
    pub options: u32,
    /// Zero-based indexes of the right options (one or more).
    pub correct: Vec<u32>,
}

/// A module's texts in one language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleText {
    /// Title, e.g. "Strong passwords".
    pub title: String,
    /// One sentence: what the learner will be able to do.
    pub summary: String,
    /// Per step id.
    pub steps: BTreeMap<String, StepText>,
    /// Per practice item id.
    pub practice: BTreeMap<String, ChoiceText>,
    /// Per question id.
    pub questions: BTreeMap<String, ChoiceText>,
}

/// A lesson step's texts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepText {
    /// Step title.
    pub title: String,
    /// The lesson text: short sentences, read aloud as written.
    pub body: String,
}

/// A multiple-choice item's texts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceText {
    /// The question or scenario.
    pub prompt: String,
    /// The options, in order.
    pub options: Vec<String>,
    /// Shown after answering: why the right answer is right.
    pub explanation: String,
}

/// `surveys/<id>.toml`: a community survey.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Survey {
    /// Stable id; the file name without `.toml`.
    pub id: String,
    /// Shown from this date (`YYYY-MM-DD`) …
    pub opens: String,
    /// … until this date, inclusive.
    pub closes: String,
    /// The questions, in order.
    pub question: Vec<SurveyQuestion>,
    /// Texts per locale.
    pub text: Localised<SurveyText>,
}

/// A survey question.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyQuestion {
    /// Stable id within the survey.
    pub id: String,
    /// What kind of answer.
    pub kind: SurveyAnswer,
    /// Option ids (single and multiple choice).
    #[serde(default)]
    pub options: Vec<String>,
}

/// Kinds of survey answer. No free text: answers must stay anonymous.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyAnswer {
    /// One option.
    Single,
    /// Any number of options.
    Multiple,
    /// 1 to 5.
    Scale,
}

/// A survey's texts in one language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyText {
    /// Title.
    pub title: String,
    /// Why we ask, and that answers are anonymous.
    pub intro: String,
    /// Per question id.
    pub questions: BTreeMap<String, SurveyQuestionText>,
}

/// A survey question's texts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyQuestionText {
    /// The question.
    pub prompt: String,
    /// Per option id: its label (choice questions).
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    /// Labels of the scale's ends, e.g. ["Very poor", "Very good"] (scale questions).
    #[serde(default)]
    pub scale_ends: Vec<String>,
}
