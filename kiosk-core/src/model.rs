//! What a visit leaves besides anonymous events, as the kiosk keeps it: service requests
//! (personal fields sealed), ratings and survey answers, and learning progress under a learner
//! code. Plain data; the store (`store/records.rs`) writes and reads it.

use std::collections::{BTreeMap, BTreeSet};

use wire::ProgressRecord;

/// A submitted service request, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRequest {
    /// The reference number the resident was given, e.g. `K7PQ-M3XZ-R9`.
    pub reference: String,
    /// The form's content id.
    pub form: String,
    /// The form's topic code.
    pub topic: String,
    /// Answers to the fields that are not personal (field id → value).
    pub answers: BTreeMap<String, String>,
    /// The personal fields, sealed to the server's key (absent if the form had none filled).
    pub sealed: Option<Vec<u8>>,
    /// Unix seconds rounded down to the hour.
    pub hour: i64,
}

/// Which kind of feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackKind {
    /// A 1–5 rating of a service.
    Rating,
    /// Answers to a survey.
    Survey,
}

impl FeedbackKind {
    /// The stored name (`rating`, `survey`).
    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackKind::Rating => "rating",
            FeedbackKind::Survey => "survey",
        }
    }
}

/// A rating or a set of survey answers, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFeedback {
    /// Rating or survey.
    pub kind: FeedbackKind,
    /// The service's topic code, or the survey's id.
    pub subject: String,
    /// Question id → chosen option ids (for a rating: `rating` → the number).
    pub answers: BTreeMap<String, Vec<String>>,
    /// An optional free-text comment, sealed.
    pub sealed_comment: Option<Vec<u8>>,
    /// Unix seconds rounded down to the hour.
    pub hour: i64,
}

/// A learner's progress in one module.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModuleProgress {
    /// Lesson steps and practice items completed.
    pub steps_done: BTreeSet<String>,
    /// The best check score so far.
    pub best_score: Option<u32>,
    /// Whether the check was ever passed.
    pub passed: bool,
}

impl ModuleProgress {
    /// Combines two records of the same learner and module: the union of steps, the best
    /// score, passed if either passed. The same whatever the order: it is `wire`'s
    /// property-tested [`ProgressRecord::merge`], the one the server uses.
    pub fn merge(&self, other: &ModuleProgress) -> ModuleProgress {
        let record = |progress: &ModuleProgress| ProgressRecord {
            learner_code: String::new(),
            module: String::new(),
            steps_done: progress.steps_done.clone(),
            best_score: progress.best_score,
            passed: progress.passed,
        };
        let merged = record(self).merge(&record(other));
        ModuleProgress {
            steps_done: merged.steps_done,
            best_score: merged.best_score,
            passed: merged.passed,
        }
    }
}

/// Anything a visit keeps besides events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalRecord {
    /// A service request.
    Request(StoredRequest),
    /// A rating or survey answers.
    Feedback(StoredFeedback),
    /// Learning progress to merge into what is stored.
    Progress {
        /// The learner code (without dashes).
        learner_code: String,
        /// The module's content id.
        module: String,
        /// What was achieved in this visit.
        progress: ModuleProgress,
    },
}
