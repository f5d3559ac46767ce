-- The usage journal: each acknowledged batch's per-minute counts, written in the same transaction as its
-- IngestedBatches row, so that an answered batch is durable. A background flush merges journal entries into
-- the minute, hour and day rollups and deletes them in one transaction; reads add what is still here.
-- Cells is a compact binary list of (minute, country, kind, tier, count); FirstBucket and LastBucket are the
-- Unix seconds of its first and last minute, so that a read skips entries outside its range.
CREATE TABLE UsageJournal (
    Id INTEGER PRIMARY KEY,
    BatchId TEXT NOT NULL,
    FirstBucket INTEGER NOT NULL,
    LastBucket INTEGER NOT NULL,
    Cells BLOB NOT NULL
);
