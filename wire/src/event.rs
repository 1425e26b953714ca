//! Anonymous usage events: what a kiosk records about a visit, and nothing about the visitor.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One anonymous event as it travels from kiosk to server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Event {
    /// The kiosk's own sequence number for this event: unique per kiosk, never reused.
    /// The server stores each (kiosk, seq) once.
    pub seq: u64,
    /// Random id of the visit (32 lowercase hex digits), never linked across visits.
    pub session: String,
    /// When it happened, as Unix seconds rounded down to the hour.
    pub hour: i64,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// What happened during a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// A resident touched the attract screen.
    SessionStarted,
    /// The resident chose a language (a BCP 47 tag such as `ar` or `zh-Hans`).
    LanguageChosen {
        /// The chosen locale.
        locale: String,
    },
    /// The resident opened one of the home screen's tiles.
    TileOpened {
        /// Which tile.
        tile: Tile,
    },
    /// The visit ended.
    SessionEnded {
        /// Why it ended.
        reason: EndReason,
    },
    /// The resident turned on an accessibility feature (or used "Listen").
    AccessibilityUsed {
        /// Which feature.
        feature: AccessibilityFeature,
    },
    /// The resident opened a service category.
    CategoryOpened {
        /// The category's content id, e.g. `housing`.
        category: String,
    },
    /// The resident searched the catalogue. The words typed are never recorded.
    Searched {
        /// How many services matched (0: the search found nothing).
        results: u32,
        /// Topic code of the best match, if any.
        topic: Option<String>,
    },
    /// The resident opened a service page.
    ServiceViewed {
        /// The service's topic code, e.g. `housing.repairs`.
        topic: String,
    },
    /// The resident printed a service's details.
    ServicePrinted {
        /// The service's topic code.
        topic: String,
    },
    /// The resident showed a service's QR code to take it to their phone.
    ServiceSentToPhone {
        /// The service's topic code.
        topic: String,
    },
    /// The resident opened a request form.
    RequestStarted {
        /// The form's topic code.
        topic: String,
    },
    /// The resident submitted a request form.
    RequestSubmitted {
        /// The form's topic code.
        topic: String,
    },
    /// The resident started a skills module.
    ModuleStarted {
        /// The module's content id.
        module: String,
    },
    /// The resident finished a module's check.
    ModuleFinished {
        /// The module's content id.
        module: String,
        /// Whether they reached the pass mark.
        passed: bool,
    },
    /// The resident rated a service.
    FeedbackGiven {
        /// The service's topic code.
        topic: String,
        /// From 1 (very poor) to 5 (very good).
        rating: u8,
    },
    /// The resident answered the community survey.
    SurveyAnswered {
        /// The survey's content id.
        survey: String,
    },
    /// A member of staff marked this visit as assisted.
    StaffAssisted,
}

impl EventKind {
    /// A short stable name for the kind, as stored and shown to staff.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::SessionStarted => "session_started",
            EventKind::LanguageChosen { .. } => "language_chosen",
            EventKind::TileOpened { .. } => "tile_opened",
            EventKind::SessionEnded { .. } => "session_ended",
            EventKind::AccessibilityUsed { .. } => "accessibility_used",
            EventKind::CategoryOpened { .. } => "category_opened",
            EventKind::Searched { .. } => "searched",
            EventKind::ServiceViewed { .. } => "service_viewed",
            EventKind::ServicePrinted { .. } => "service_printed",
            EventKind::ServiceSentToPhone { .. } => "service_sent_to_phone",
            EventKind::RequestStarted { .. } => "request_started",
            EventKind::RequestSubmitted { .. } => "request_submitted",
            EventKind::ModuleStarted { .. } => "module_started",
            EventKind::ModuleFinished { .. } => "module_finished",
            EventKind::FeedbackGiven { .. } => "feedback_given",
            EventKind::SurveyAnswered { .. } => "survey_answered",
            EventKind::StaffAssisted => "staff_assisted",
        }
    }
}

/// The three large tiles of the home screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tile {
    /// Find and use city services.
    Services,
    /// Learn digital skills.
    Learn,
    /// Have a say: feedback and surveys.
    HaveASay,
}

impl Tile {
    /// Every tile, in the order the home screen shows them (before right-to-left mirroring).
    pub const ALL: [Tile; 3] = [Tile::Services, Tile::Learn, Tile::HaveASay];

    /// The stable identifier used on the wire and in the UI model.
    pub fn id(self) -> &'static str {
        match self {
            Tile::Services => "services",
            Tile::Learn => "learn",
            Tile::HaveASay => "have_a_say",
        }
    }

    /// The tile with this identifier, if there is one.
    pub fn from_id(id: &str) -> Option<Tile> {
        Tile::ALL.into_iter().find(|tile| tile.id() == id)
    }
}

/// Accessibility features a resident can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccessibilityFeature {
    /// Bigger text.
    LargeText,
    /// The high-contrast theme.
    HighContrast,
    /// Screens read aloud (automatically or with "Listen").
    ReadAloud,
    /// Easy-read texts.
    EasyRead,
    /// Keyboard or switch navigation.
    Keyboard,
}

/// Why a visit ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    /// The resident pressed "Finish".
    Finished,
    /// Nobody touched the screen for too long.
    IdleTimeout,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_have_a_flat_json_shape() -> Result<(), serde_json::Error> {
        let event = Event {
            seq: 7,
            session: "0123456789abcdef0123456789abcdef".into(),
            hour: 1_790_000_000 - 1_790_000_000 % 3600,
            kind: EventKind::TileOpened {
                tile: Tile::HaveASay,
            },
        };
        let json = serde_json::to_value(&event)?;
        assert_eq!(json["kind"], "tile_opened");
        assert_eq!(json["tile"], "have_a_say");
        assert_eq!(json["seq"], 7);
        let back: Event = serde_json::from_value(json)?;
        assert_eq!(back, event);
        Ok(())
    }

    #[test]
    fn tile_ids_round_trip() {
        for tile in Tile::ALL {
            assert_eq!(Tile::from_id(tile.id()), Some(tile));
        }
        assert_eq!(Tile::from_id("nope"), None);
    }

    #[test]
    fn unknown_kinds_are_rejected() {
        let json = r#"{"seq":1,"session":"00","hour":0,"kind":"name_entered","name":"Ana"}"#;
        assert!(serde_json::from_str::<Event>(json).is_err());
    }
}
