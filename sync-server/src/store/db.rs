//! Where the store meets its database: SQL in the dialect SQLite and PostgreSQL share, run on
//! either, with parameters and rows of one type ([`Value`]).
//!
//! Statements are written with SQLite's `?1` placeholders (PostgreSQL gets `$1`) and in the
//! subset both speak: `ON CONFLICT … DO NOTHING/UPDATE` (never `INSERT OR IGNORE`),
//! `string_agg`, `CAST`, window functions. A parameter whose type the statement does not fix
//! (`?1 IS NULL`, a bare `SELECT ?1`) is cast (`CAST(?1 AS BIGINT)`), since PostgreSQL
//! types every parameter when it prepares a statement. Integers are 64-bit on both sides.

use std::sync::MutexGuard;

use tokio_postgres::types::{FromSql, IsNull, Kind, ToSql, Type, to_sql_checked};

use super::StoreError;

/// One value going into or coming out of a statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// Any integer (booleans are 0 and 1).
    Int(i64),
    /// A floating-point number.
    Real(f64),
    /// Text.
    Text(String),
    /// Bytes.
    Blob(Vec<u8>),
}

/// Something that can be a statement's parameter.
pub trait ToValue {
    /// The value as the database receives it.
    fn to_value(&self) -> Value;
}

/// Something a column can be read as.
pub trait FromValue: Sized {
    /// The column's value as `Self`, or why it cannot be.
    fn from_value(value: &Value) -> Result<Self, String>;
}

/// A statement's parameters: `params![a, b]` is `&[&a, &b]` as [`ToValue`]s.
macro_rules! params {
    ($($param:expr),* $(,)?) => {
        &[$(&$param as &dyn $crate::store::db::ToValue),*] as &[&dyn $crate::store::db::ToValue]
    };
}
pub(crate) use params;

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}
impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_owned())
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}

/// Parameters built at run time (a list of forms, say) as a statement's parameters.
pub fn dynamic(values: &[Value]) -> Vec<&dyn ToValue> {
    values.iter().map(|value| value as &dyn ToValue).collect()
}

impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}
impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}
impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}
macro_rules! int_to_value {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value {
                Value::Int(i64::from(*self))
            }
        }
    )*};
}
int_to_value!(i64, i32, i16, i8, u32, u16, u8, bool);
impl ToValue for u64 {
    /// Numbers past `i64::MAX` do not occur in the store (sequence numbers are checked
    /// before they get here); they are stored as `i64::MAX` rather than wrapping negative.
    fn to_value(&self) -> Value {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}
impl ToValue for usize {
    fn to_value(&self) -> Value {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}
impl ToValue for f64 {
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
}
impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_owned())
    }
}
impl ToValue for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}
impl ToValue for [u8] {
    fn to_value(&self) -> Value {
        Value::Blob(self.to_vec())
    }
}
impl ToValue for Vec<u8> {
    fn to_value(&self) -> Value {
        Value::Blob(self.clone())
    }
}
impl<const N: usize> ToValue for [u8; N] {
    fn to_value(&self) -> Value {
        Value::Blob(self.to_vec())
    }
}

impl FromValue for Value {
    fn from_value(value: &Value) -> Result<Self, String> {
        Ok(value.clone())
    }
}
impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Null => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}
impl FromValue for i64 {
    fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Int(i) => Ok(*i),
            // SUM over no rows of a REAL column, or PostgreSQL's NUMERIC sums, when whole.
            Value::Real(f) if f.fract() == 0.0 && f.abs() < 9.0e18 => Ok(*f as i64),
            other => Err(format!("expected an integer, found {other:?}")),
        }
    }
}
macro_rules! int_from_value {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(value: &Value) -> Result<Self, String> {
                let wide = i64::from_value(value)?;
                <$t>::try_from(wide).map_err(|_| format!("{wide} does not fit {}", stringify!($t)))
            }
        }
    )*};
}
int_from_value!(i32, i16, u64, u32, u16, u8, usize);
impl FromValue for bool {
    fn from_value(value: &Value) -> Result<Self, String> {
        i64::from_value(value).map(|i| i != 0)
    }
}
impl FromValue for f64 {
    fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Real(f) => Ok(*f),
            Value::Int(i) => Ok(*i as f64),
            other => Err(format!("expected a number, found {other:?}")),
        }
    }
}
impl FromValue for String {
    fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Text(text) => Ok(text.clone()),
            other => Err(format!("expected text, found {other:?}")),
        }
    }
}
impl FromValue for Vec<u8> {
    fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Blob(bytes) => Ok(bytes.clone()),
            Value::Text(text) => Ok(text.clone().into_bytes()),
            other => Err(format!("expected bytes, found {other:?}")),
        }
    }
}

/// One row of a result.
#[derive(Debug, Clone)]
pub struct Row(Vec<Value>);

impl Row {
    /// Column `index` (from 0) as `T`.
    pub fn get<T: FromValue>(&self, index: usize) -> Result<T, StoreError> {
        let value = self
            .0
            .get(index)
            .ok_or_else(|| StoreError::Unreadable(format!("no column {index} in a row")))?;
        T::from_value(value).map_err(|why| StoreError::Unreadable(format!("column {index}: {why}")))
    }
}

/// Numbered placeholders `?first, ?first+1, …`, `count` of them (an `IN` list, a key).
pub fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("?{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `VALUES` lists of `rows` rows of `width` values each: `(?1, ?2), (?3, ?4)`.
pub fn value_lists(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|row| format!("({})", placeholders(row * width + 1, width)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Values per statement when rows go many to a statement: under both databases' limits
/// (SQLite 32,766, PostgreSQL 65,535).
pub const MAX_VALUES_PER_STATEMENT: usize = 30_000;

/// Inserts `rows` (all as wide as the column list in `table`, e.g. `rollup (month, n)`) many
/// to a statement, each statement ending with `conflict` (an `ON CONFLICT` clause, or
/// nothing).
pub fn insert_rows(
    transaction: &dyn Sql,
    table: &str,
    conflict: &str,
    rows: &[Vec<Value>],
) -> Result<(), StoreError> {
    let Some(width) = rows.first().map(Vec::len) else {
        return Ok(());
    };
    for chunk in rows.chunks((MAX_VALUES_PER_STATEMENT / width.max(1)).max(1)) {
        let values: Vec<Value> = chunk.iter().flatten().cloned().collect();
        transaction.execute(
            &format!(
                "INSERT INTO {table} VALUES {} {conflict}",
                value_lists(chunk.len(), width)
            ),
            &dynamic(&values),
        )?;
    }
    Ok(())
}

/// Which database a connection speaks to, for the few statements that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// The embedded default.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// What every connection and transaction can do.
pub trait Sql {
    /// Runs a statement; how many rows it changed.
    fn execute(&self, sql: &str, params: &[&dyn ToValue]) -> Result<usize, StoreError>;
    /// Runs a query; every row it returns.
    fn query(&self, sql: &str, params: &[&dyn ToValue]) -> Result<Vec<Row>, StoreError>;
    /// The database behind it.
    fn dialect(&self) -> Dialect;
}

/// Conveniences over [`Sql::query`].
pub trait SqlExt: Sql {
    /// The first row, read by `read`; an error when there is none.
    fn query_row<T>(
        &self,
        sql: &str,
        params: &[&dyn ToValue],
        read: impl FnOnce(&Row) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        match self.query_opt(sql, params, read)? {
            Some(value) => Ok(value),
            None => Err(StoreError::Unreadable(
                "a query expected a row and found none".into(),
            )),
        }
    }

    /// The first row, read by `read`, if there is one.
    fn query_opt<T>(
        &self,
        sql: &str,
        params: &[&dyn ToValue],
        read: impl FnOnce(&Row) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        self.query(sql, params)?.first().map(read).transpose()
    }

    /// Every row, each read by `read`.
    fn query_map<T>(
        &self,
        sql: &str,
        params: &[&dyn ToValue],
        read: impl FnMut(&Row) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        self.query(sql, params)?.iter().map(read).collect()
    }
}

impl<S: Sql + ?Sized> SqlExt for S {}

/// A connection taken for one piece of work: SQLite's one connection (held under its lock),
/// or one from the PostgreSQL pool.
pub enum Conn<'s> {
    /// The SQLite connection, locked.
    Sqlite(MutexGuard<'s, rusqlite::Connection>),
    /// A pooled PostgreSQL connection.
    Postgres(Box<deadpool_postgres::Object>),
}

/// A transaction: committed by [`Tx::commit`], rolled back when dropped without it.
pub enum Tx<'c> {
    /// On SQLite.
    Sqlite(rusqlite::Transaction<'c>),
    /// On PostgreSQL.
    Postgres(deadpool_postgres::Transaction<'c>),
}

impl Conn<'_> {
    /// Begins a transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`),
    /// so two writers never deadlock upgrading a read.
    pub fn transaction(&mut self) -> Result<Tx<'_>, StoreError> {
        match self {
            Conn::Sqlite(connection) => Ok(Tx::Sqlite(
                connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?,
            )),
            Conn::Postgres(client) => Ok(Tx::Postgres(block_on(client.transaction())?)),
        }
    }

    /// The SQLite connection, for what only SQLite has (backups, integrity checks).
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Conn::Sqlite(connection) => Some(connection),
            Conn::Postgres(_) => None,
        }
    }
}

/// The advisory-lock number of a name: the first 8 bytes of its BLAKE3 hash.
pub fn lock_key(name: &str) -> i64 {
    let hash = blake3::hash(name.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    i64::from_be_bytes(first)
}

impl Tx<'_> {
    /// Waits for the lock named `what`, held until the transaction ends, so that transactions
    /// that read, decide and write the same thing (a code used once, a login's failures, a
    /// kiosk's visits) run one at a time in every server process. On PostgreSQL it is a
    /// transaction-level advisory lock; SQLite's transactions take the write lock when they
    /// begin, so there they are one at a time already.
    pub fn exclusive(&self, what: &str) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(_) => Ok(()),
            Tx::Postgres(_) => {
                self.query("SELECT pg_advisory_xact_lock(?1)", &[&lock_key(what)])?;
                Ok(())
            }
        }
    }

    /// Makes the transaction's changes permanent.
    pub fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(transaction) => Ok(transaction.commit()?),
            Tx::Postgres(transaction) => Ok(block_on(transaction.commit())?),
        }
    }
}

impl Sql for Conn<'_> {
    fn execute(&self, sql: &str, params: &[&dyn ToValue]) -> Result<usize, StoreError> {
        match self {
            Conn::Sqlite(connection) => sqlite_execute(connection, sql, params),
            Conn::Postgres(client) => pg_execute(&**client, sql, params),
        }
    }
    fn query(&self, sql: &str, params: &[&dyn ToValue]) -> Result<Vec<Row>, StoreError> {
        match self {
            Conn::Sqlite(connection) => sqlite_query(connection, sql, params),
            Conn::Postgres(client) => pg_query(&**client, sql, params),
        }
    }
    fn dialect(&self) -> Dialect {
        match self {
            Conn::Sqlite(_) => Dialect::Sqlite,
            Conn::Postgres(_) => Dialect::Postgres,
        }
    }
}

impl Sql for Tx<'_> {
    fn execute(&self, sql: &str, params: &[&dyn ToValue]) -> Result<usize, StoreError> {
        match self {
            Tx::Sqlite(transaction) => sqlite_execute(transaction, sql, params),
            Tx::Postgres(transaction) => pg_execute(transaction, sql, params),
        }
    }
    fn query(&self, sql: &str, params: &[&dyn ToValue]) -> Result<Vec<Row>, StoreError> {
        match self {
            Tx::Sqlite(transaction) => sqlite_query(transaction, sql, params),
            Tx::Postgres(transaction) => pg_query(transaction, sql, params),
        }
    }
    fn dialect(&self) -> Dialect {
        match self {
            Tx::Sqlite(_) => Dialect::Sqlite,
            Tx::Postgres(_) => Dialect::Postgres,
        }
    }
}

// ---- SQLite ----

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(text) => ValueRef::Text(text.as_bytes()),
            Value::Blob(bytes) => ValueRef::Blob(bytes),
        }))
    }
}

fn values(params: &[&dyn ToValue]) -> Vec<Value> {
    params.iter().map(|param| param.to_value()).collect()
}

fn sqlite_execute(
    connection: &rusqlite::Connection,
    sql: &str,
    params: &[&dyn ToValue],
) -> Result<usize, StoreError> {
    let values = values(params);
    Ok(connection
        .prepare_cached(sql)?
        .execute(rusqlite::params_from_iter(values.iter()))?)
}

fn sqlite_query(
    connection: &rusqlite::Connection,
    sql: &str,
    params: &[&dyn ToValue],
) -> Result<Vec<Row>, StoreError> {
    use rusqlite::types::ValueRef;
    let values = values(params);
    let mut statement = connection.prepare_cached(sql)?;
    let columns = statement.column_count();
    let mut rows = statement.query(rusqlite::params_from_iter(values.iter()))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut row_values = Vec::with_capacity(columns);
        for index in 0..columns {
            row_values.push(match row.get_ref(index)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(i) => Value::Int(i),
                ValueRef::Real(f) => Value::Real(f),
                ValueRef::Text(text) => Value::Text(String::from_utf8_lossy(text).into_owned()),
                ValueRef::Blob(bytes) => Value::Blob(bytes.to_vec()),
            });
        }
        out.push(Row(row_values));
    }
    Ok(out)
}

// ---- PostgreSQL ----

/// Waits for a query's future on this thread. The connection's I/O runs on the store's own
/// runtime, so the future needs only to be polled: this works on a blocking-pool thread, a
/// CLI command with no runtime, or (blocking it, as SQLite would) an async worker.
pub(crate) fn block_on<F: std::future::Future>(future: F) -> F::Output {
    futures_executor::block_on(future)
}

/// `?1` → `$1` (and a bare `?` → one more than the highest number so far, as SQLite numbers
/// it), outside quoted text.
pub fn to_postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    let mut highest = 0u32;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '?' => {
                let mut digits = String::new();
                while let Some(digit) = chars.next_if(char::is_ascii_digit) {
                    digits.push(digit);
                }
                let number = digits.parse().unwrap_or(highest + 1);
                highest = highest.max(number);
                out.push('$');
                out.push_str(&number.to_string());
            }
            None => out.push(c),
        }
    }
    out
}

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut tokio_postgres::types::private::BytesMut,
    ) -> Result<IsNull, BoxError> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::FLOAT4 => (*i as f32).to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => i.to_string().to_sql(ty, out),
                _ => Err(format!("an integer cannot be passed as {ty}").into()),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT8 => f.to_sql(ty, out),
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                Type::INT8 if f.fract() == 0.0 => (*f as i64).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => f.to_string().to_sql(ty, out),
                _ => Err(format!("a number cannot be passed as {ty}").into()),
            },
            Value::Text(text) => match *ty {
                Type::INT8 => text.parse::<i64>()?.to_sql(ty, out),
                _ => text.as_str().to_sql(ty, out),
            },
            Value::Blob(bytes) => bytes.as_slice().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

impl<'a> FromSql<'a> for Value {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Value, BoxError> {
        Ok(match *ty {
            Type::INT8 => Value::Int(i64::from_sql(ty, raw)?),
            Type::INT4 => Value::Int(i32::from_sql(ty, raw)?.into()),
            Type::INT2 => Value::Int(i16::from_sql(ty, raw)?.into()),
            Type::OID => Value::Int(u32::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw)?.into()),
            Type::BOOL => Value::Int(bool::from_sql(ty, raw)?.into()),
            Type::BYTEA => Value::Blob(raw.to_vec()),
            Type::NUMERIC => numeric(raw)?,
            _ => match ty.kind() {
                Kind::Domain(inner) => Value::from_sql(inner, raw)?,
                _ => Value::Text(String::from_utf8(raw.to_vec())?),
            },
        })
    }

    fn from_sql_null(_: &Type) -> Result<Value, BoxError> {
        Ok(Value::Null)
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// PostgreSQL's binary NUMERIC (what `SUM` of integers and `AVG` give): a whole number as an
/// integer, anything else as a float.
fn numeric(raw: &[u8]) -> Result<Value, BoxError> {
    let word = |at: usize| -> Result<i16, BoxError> {
        let bytes = raw
            .get(at..at + 2)
            .ok_or_else(|| -> BoxError { "a NUMERIC value is cut short".into() })?;
        Ok(i16::from_be_bytes([bytes[0], bytes[1]]))
    };
    let (count, weight, sign, scale) = (word(0)?, word(2)?, word(4)? as u16, word(6)?);
    if sign == 0xC000 {
        return Ok(Value::Real(f64::NAN));
    }
    let negative = sign == 0x4000;
    let mut whole: i128 = 0;
    let mut real = 0f64;
    let mut exact = true;
    for index in 0..count.max(0) {
        let digit = i128::from(word(8 + 2 * index as usize)?);
        let power = i32::from(weight) - i32::from(index);
        real += digit as f64 * 10000f64.powi(power);
        if power >= 0 {
            whole = 10000i128
                .checked_pow(power.unsigned_abs())
                .and_then(|unit| digit.checked_mul(unit))
                .and_then(|part| whole.checked_add(part))
                .ok_or_else(|| -> BoxError { "a NUMERIC value is too large".into() })?;
        } else if digit != 0 {
            exact = false;
        }
    }
    if negative {
        whole = -whole;
        real = -real;
    }
    if scale == 0 || exact {
        Ok(Value::Int(i64::try_from(whole)?))
    } else {
        Ok(Value::Real(real))
    }
}

/// PostgreSQL's error with the statement it was about (parameters are never shown).
fn statement_error(sql: &str, source: tokio_postgres::Error) -> StoreError {
    let statement: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut shown: String = statement.chars().take(300).collect();
    if shown.len() < statement.len() {
        shown.push('…');
    }
    let detail = source
        .as_db_error()
        .map_or_else(|| source.to_string(), |db| db.message().to_owned());
    StoreError::Statement {
        statement: shown,
        detail,
        source,
    }
}

fn pg_execute<C: deadpool_postgres::GenericClient>(
    client: &C,
    sql: &str,
    params: &[&dyn ToValue],
) -> Result<usize, StoreError> {
    let values = values(params);
    let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
    let sql = to_postgres(sql);
    let changed = block_on(async {
        let statement = client.prepare_cached(&sql).await?;
        client.execute(&statement, &refs).await
    })
    .map_err(|source| statement_error(&sql, source))?;
    Ok(usize::try_from(changed).unwrap_or(usize::MAX))
}

fn pg_query<C: deadpool_postgres::GenericClient>(
    client: &C,
    sql: &str,
    params: &[&dyn ToValue],
) -> Result<Vec<Row>, StoreError> {
    let values = values(params);
    let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
    let sql = to_postgres(sql);
    let rows = block_on(async {
        let statement = client.prepare_cached(&sql).await?;
        client.query(&statement, &refs).await
    })
    .map_err(|source| statement_error(&sql, source))?;
    rows.iter()
        .map(|row| {
            (0..row.len())
                .map(|index| row.try_get::<_, Value>(index))
                .collect::<Result<Vec<_>, _>>()
                .map(Row)
                .map_err(StoreError::from)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_numbered_outside_quotes() {
        assert_eq!(
            to_postgres("SELECT a FROM t WHERE b = ?1 AND c = '?2' AND d IN (?, ?)"),
            "SELECT a FROM t WHERE b = $1 AND c = '?2' AND d IN ($2, $3)"
        );
        assert_eq!(to_postgres("x = ?12 || \"q?\""), "x = $12 || \"q?\"");
    }

    #[test]
    fn value_lists_number_every_value_once() {
        assert_eq!(placeholders(2, 3), "?2, ?3, ?4");
        assert_eq!(value_lists(2, 3), "(?1, ?2, ?3), (?4, ?5, ?6)");
    }

    #[test]
    fn numeric_values_decode_as_integers_when_whole() -> Result<(), BoxError> {
        // 123456789 = 1 2345 6789 in base 10000: weight 2, three digits, scale 0.
        let mut raw = Vec::new();
        for word in [3i16, 2, 0, 0, 1, 2345, 6789] {
            raw.extend_from_slice(&word.to_be_bytes());
        }
        assert_eq!(numeric(&raw)?, Value::Int(123_456_789));
        // -2.5: weight 0, digits 2 and 5000, negative, scale 1.
        let mut raw = Vec::new();
        for word in [2i16, 0, 0x4000, 1, 2, 5000] {
            raw.extend_from_slice(&word.to_be_bytes());
        }
        assert_eq!(numeric(&raw)?, Value::Real(-2.5));
        Ok(())
    }

    #[test]
    fn values_read_back_as_the_types_asked_for() {
        assert_eq!(u32::from_value(&Value::Int(7)), Ok(7));
        assert!(u32::from_value(&Value::Int(-1)).is_err());
        assert_eq!(bool::from_value(&Value::Int(1)), Ok(true));
        assert_eq!(Option::<String>::from_value(&Value::Null), Ok(None));
        assert!(String::from_value(&Value::Null).is_err());
        assert_eq!(i64::from_value(&Value::Real(3.0)), Ok(3));
    }
}
