//! The queue's two tables in the store's PostgreSQL database: `queue_pending`, prepared
//! documents waiting for their batch (by content key: a document published twice is
//! prepared into the same row), and `queue_position`, the stream sequence of the last
//! manifest applied (one row).

use std::collections::HashMap;

use postgres::{Client, Transaction};

/// Advisory lock keys: creating the tables (per transaction), being the assigner (per
/// session, held by the assigner's store connection).
const LOCK_TABLES: i64 = 0x7472_6961_6e67_0101;
pub(crate) const LOCK_ASSIGN: i64 = 0x7472_6961_6e67_0102;

/// A pending document as a worker stored it.
pub(crate) struct PendingRow {
    pub document: String,
    pub features: String,
    pub lead: String,
}

/// Create the queue's tables if absent.
pub(crate) fn create_tables(c: &mut Client) -> Result<(), postgres::Error> {
    let mut tx = c.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_TABLES])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS queue_pending (
            content_key BIGINT PRIMARY KEY,
            document TEXT NOT NULL,
            features TEXT NOT NULL,
            lead TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS queue_position (
            one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
            stream_seq BIGINT NOT NULL
        );
        INSERT INTO queue_position (stream_seq) VALUES (0) ON CONFLICT (one) DO NOTHING;",
    )?;
    tx.commit()
}

/// Insert prepared documents (key, document, features, lead) in one transaction; a key
/// already pending is left as it is.
pub(crate) fn insert(
    c: &mut Client,
    rows: &[(u64, &str, &str, &str)],
) -> Result<(), postgres::Error> {
    let mut tx = c.transaction()?;
    let st = tx.prepare(
        "INSERT INTO queue_pending (content_key, document, features, lead) VALUES ($1, $2, $3, $4)
         ON CONFLICT (content_key) DO NOTHING",
    )?;
    for (k, d, f, l) in rows {
        tx.execute(&st, &[&(*k as i64), d, f, l])?;
    }
    tx.commit()
}

/// The stream sequence of the last manifest applied (0: none).
pub(crate) fn position(c: &mut Client) -> Result<u64, postgres::Error> {
    let v: i64 = c
        .query_one("SELECT stream_seq FROM queue_position", &[])?
        .get(0);
    Ok(v.max(0) as u64)
}

/// How many of these keys are neither pending nor stored.
pub(crate) fn missing(c: &mut Client, keys: &[u64]) -> Result<usize, postgres::Error> {
    let signed: Vec<i64> = keys.iter().map(|k| *k as i64).collect();
    let n: i64 = c
        .query_one(
            "SELECT COUNT(*) FROM unnest($1::BIGINT[]) AS k(key)
             WHERE NOT EXISTS (SELECT 1 FROM queue_pending p WHERE p.content_key = k.key)
               AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.content_key = k.key)",
            &[&signed],
        )?
        .get(0);
    Ok(n.max(0) as usize)
}

/// The pending rows of these keys.
pub(crate) fn load(
    c: &mut Client,
    keys: &[u64],
) -> Result<HashMap<u64, PendingRow>, postgres::Error> {
    let signed: Vec<i64> = keys.iter().map(|k| *k as i64).collect();
    let rows = c.query(
        "SELECT content_key, document, features, lead FROM queue_pending WHERE content_key = ANY($1)",
        &[&signed],
    )?;
    Ok(rows
        .iter()
        .map(|r| {
            (
                r.get::<_, i64>(0) as u64,
                PendingRow {
                    document: r.get(1),
                    features: r.get(2),
                    lead: r.get(3),
                },
            )
        })
        .collect())
}

/// Inside a batch's transaction: move the position from `from` to `to` (none moved it in
/// between, else the batch is given up) and delete the batch's pending rows.
pub(crate) fn advance(
    tx: &mut Transaction<'_>,
    from: u64,
    to: u64,
    keys: &[u64],
) -> Result<bool, postgres::Error> {
    let moved = tx.execute(
        "UPDATE queue_position SET stream_seq = $1 WHERE stream_seq = $2",
        &[&(to as i64), &(from as i64)],
    )?;
    if moved != 1 {
        return Ok(false);
    }
    let signed: Vec<i64> = keys.iter().map(|k| *k as i64).collect();
    tx.execute(
        "DELETE FROM queue_pending WHERE content_key = ANY($1)",
        &[&signed],
    )?;
    Ok(true)
}

/// Delete pending rows whose text is stored already (a message redelivered after its batch
/// was applied): a manifest that lists such a key finds it stored and needs no row.
pub(crate) fn sweep(c: &mut Client) -> Result<u64, postgres::Error> {
    c.execute(
        "DELETE FROM queue_pending p USING documents d WHERE p.content_key = d.content_key",
        &[],
    )
}
