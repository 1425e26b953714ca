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
}

impl EventKind {
    /// A short stable name for the kind, as stored and shown to staff.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::SessionStarted => "session_started",
            EventKind::LanguageChosen { .. } => "language_chosen",
            EventKind::TileOpened { .. } => "tile_opened",
            EventKind::SessionEnded { .. } => "session_ended",
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

/// Why a visit ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    /// The resident pressed "Finish".
    Finished,
    /// Nobody touched the screen for too long.
    IdleTimeout,
}

/// `POST /api/v1/events`: a batch of events from one kiosk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EventBatch {
    /// At most [`crate::MAX_EVENTS_PER_BATCH`] events, in any order.
    pub events: Vec<Event>,
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
