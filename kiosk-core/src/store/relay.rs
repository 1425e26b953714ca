//! What a kiosk carries for other kiosks: their sealed bundles until the server has them
//! (`relay_bundles`), and the server's signed acknowledgements until they are handed back
//! (`relay_acks`). A kiosk can read neither the bundles nor change the acknowledgements; it
//! only keeps them, within [`wire::MAX_CARRIED_BYTES`] and [`wire::MAX_CARRIED_ACKS`].

use rusqlite::{OptionalExtension as _, params};
use wire::{SeqRange, SignedRelayAck};

use super::{LocalStore, StoreError};

/// Acknowledgements are kept this long for their kiosk to come by, then dropped (the
/// originator's next direct sync tells it the same).
pub const KEEP_ACKS_DAYS: i64 = 90;

/// What became of a bundle offered to carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carried {
    /// Taken, to go to the server at the next pass.
    Taken,
    /// Already waiting here.
    AlreadyCarried,
    /// Already handed to the server (its acknowledgement is here).
    AlreadyDelivered,
    /// The server refused it for good before.
    Refused,
    /// No room: [`wire::MAX_CARRIED_BYTES`] of bundles are waiting.
    Full,
}

/// An acknowledgement waiting to go back to its kiosk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedAck {
    /// The bundle it answers.
    pub bundle: String,
    /// The kiosk it is for.
    pub kiosk: String,
    /// The signed acknowledgement, as the server gave it.
    pub signed: SignedRelayAck,
}

impl LocalStore {
    /// Takes a bundle to carry (its shape already checked by [`wire::RelayBundle::decode`]).
    pub fn carry_bundle(
        &mut self,
        id: &str,
        kiosk: &str,
        bytes: &[u8],
        now: i64,
    ) -> Result<Carried, StoreError> {
        let transaction = self.connection.transaction()?;
        let delivered: bool = transaction.query_row(
            "SELECT EXISTS (SELECT 1 FROM relay_acks WHERE bundle = ?1)",
            params![id],
            |row| row.get(0),
        )?;
        if delivered {
            return Ok(Carried::AlreadyDelivered);
        }
        let refused: bool = transaction.query_row(
            "SELECT EXISTS (SELECT 1 FROM relay_refused WHERE id = ?1)",
            params![id],
            |row| row.get(0),
        )?;
        if refused {
            return Ok(Carried::Refused);
        }
        let held: i64 = transaction.query_row(
            "SELECT COALESCE(SUM(length(bundle)), 0) FROM relay_bundles",
            [],
            |row| row.get(0),
        )?;
        let already: bool = transaction.query_row(
            "SELECT EXISTS (SELECT 1 FROM relay_bundles WHERE id = ?1)",
            params![id],
            |row| row.get(0),
        )?;
        if already {
            return Ok(Carried::AlreadyCarried);
        }
        if held.max(0) as u64 + bytes.len() as u64 > wire::MAX_CARRIED_BYTES {
            return Ok(Carried::Full);
        }
        transaction.execute(
            "INSERT INTO relay_bundles (id, kiosk, bundle, received_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, kiosk, bytes, now],
        )?;
        transaction.commit()?;
        Ok(Carried::Taken)
    }

    /// The bundles waiting to go to the server, oldest first: their ids and originators.
    pub fn carried_bundles(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut query = self
            .connection
            .prepare("SELECT id, kiosk FROM relay_bundles ORDER BY received_at, id")?;
        let rows = query.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The bytes of a bundle waiting here, if it still is.
    pub fn carried_bundle(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT bundle FROM relay_bundles WHERE id = ?1",
                params![id],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Keeps an acknowledgement for another kiosk, to hand back (from the server, or come
    /// from elsewhere), and lets the bundle it answers go: it is delivered.
    pub fn carry_ack(
        &mut self,
        bundle: &str,
        kiosk: &str,
        ack: &SignedRelayAck,
        now: i64,
    ) -> Result<(), StoreError> {
        let transaction = self.connection.transaction()?;
        transaction.execute("DELETE FROM relay_bundles WHERE id = ?1", params![bundle])?;
        keep_ack(&transaction, bundle, kiosk, ack, now)?;
        transaction.commit()?;
        Ok(())
    }

    /// Lets a bundle go that the server refused for good, and remembers it (for
    /// [`KEEP_ACKS_DAYS`]) so it is not taken again.
    pub fn drop_bundle(&mut self, id: &str, now: i64) -> Result<(), StoreError> {
        let transaction = self.connection.transaction()?;
        transaction.execute("DELETE FROM relay_bundles WHERE id = ?1", params![id])?;
        transaction.execute(
            "INSERT INTO relay_refused (id, refused_at) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING",
            params![id, now],
        )?;
        transaction.execute(
            "DELETE FROM relay_refused WHERE refused_at < ?1",
            params![now - KEEP_ACKS_DAYS * 86_400],
        )?;
        transaction.commit()?;
        Ok(())
    }

    /// The acknowledgements waiting to be handed back, newest first.
    pub fn carried_acks(&self) -> Result<Vec<CarriedAck>, StoreError> {
        let mut query = self.connection.prepare(
            "SELECT bundle, kiosk, ack, signature FROM relay_acks ORDER BY received_at DESC, bundle",
        )?;
        let rows = query.query_map([], |row| {
            Ok(CarriedAck {
                bundle: row.get(0)?,
                kiosk: row.get(1)?,
                signed: SignedRelayAck {
                    ack: row.get(2)?,
                    signature: row.get(3)?,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Marks as acknowledged this kiosk's unacknowledged records whose numbers fall in
    /// `held` (what the server said it holds); returns how many.
    pub fn mark_acked_ranges(&mut self, held: &[SeqRange], now: i64) -> Result<u64, StoreError> {
        let mut seqs = Vec::new();
        {
            let mut query = self.connection.prepare_cached(
                "SELECT seq FROM outbox WHERE acked_at IS NULL AND refused = 0
                 AND seq BETWEEN ?1 AND ?2",
            )?;
            for range in held {
                let first = i64::try_from(range.first).unwrap_or(i64::MAX);
                let last = i64::try_from(range.last).unwrap_or(i64::MAX);
                for seq in query.query_map(params![first, last], |row| row.get::<_, i64>(0))? {
                    seqs.push(seq?.max(0) as u64);
                }
            }
        }
        self.mark_acked(&seqs, now)?;
        Ok(seqs.len() as u64)
    }

    /// This kiosk's unacknowledged records in sending order, up to `limit`: all of them, or
    /// (with `handed_before`) those never handed to a relay on the LAN or last handed before
    /// that time.
    pub fn unsent_records_for_relay(
        &self,
        limit: usize,
        handed_before: Option<i64>,
    ) -> Result<Vec<wire::WireRecord>, StoreError> {
        let mut query = self.connection.prepare_cached(
            "SELECT seq, body FROM outbox
             WHERE acked_at IS NULL AND refused = 0 AND body IS NOT NULL
               AND (?2 IS NULL OR relay_handed_at IS NULL OR relay_handed_at < ?2)
             ORDER BY priority, seq LIMIT ?1",
        )?;
        let rows = query.query_map(params![limit as i64, handed_before], |row| {
            Ok(wire::WireRecord {
                seq: row.get::<_, i64>(0)?.max(0) as u64,
                body: row.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Notes that these records were handed to a relay on the LAN at `now`.
    pub fn mark_relay_handed(&self, seqs: &[u64], now: i64) -> Result<(), StoreError> {
        let mut update = self
            .connection
            .prepare_cached("UPDATE outbox SET relay_handed_at = ?1 WHERE seq = ?2")?;
        for seq in seqs {
            update.execute(params![now, i64::try_from(*seq).unwrap_or(i64::MAX)])?;
        }
        Ok(())
    }

    /// Notes the bundles this kiosk made of its own records (kept [`KEEP_ACKS_DAYS`]).
    pub fn note_own_bundles(&self, ids: &[String], now: i64) -> Result<(), StoreError> {
        let mut insert = self.connection.prepare_cached(
            "INSERT INTO relay_own_bundles (id, made_at) VALUES (?1, ?2)
             ON CONFLICT (id) DO NOTHING",
        )?;
        for id in ids {
            insert.execute(params![id, now])?;
        }
        self.connection.execute(
            "DELETE FROM relay_own_bundles WHERE made_at < ?1",
            params![now - KEEP_ACKS_DAYS * 86_400],
        )?;
        Ok(())
    }

    /// True if this kiosk made the bundle `id` of its own records.
    pub fn is_own_bundle(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT 1 FROM relay_own_bundles WHERE id = ?1",
                params![id],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }
}

/// Keeps one acknowledgement, dropping the oldest past [`wire::MAX_CARRIED_ACKS`] and those
/// older than [`KEEP_ACKS_DAYS`].
fn keep_ack(
    transaction: &rusqlite::Transaction<'_>,
    bundle: &str,
    kiosk: &str,
    ack: &SignedRelayAck,
    now: i64,
) -> Result<(), StoreError> {
    transaction.execute(
        "INSERT INTO relay_acks (bundle, kiosk, ack, signature, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (bundle) DO NOTHING",
        params![bundle, kiosk, ack.ack, ack.signature, now],
    )?;
    transaction.execute(
        "DELETE FROM relay_acks WHERE received_at < ?1 OR bundle IN (
             SELECT bundle FROM relay_acks ORDER BY received_at DESC, bundle LIMIT -1 OFFSET ?2)",
        params![now - KEEP_ACKS_DAYS * 86_400, wire::MAX_CARRIED_ACKS as i64],
    )?;
    Ok(())
}
