-- The usage journal: each acknowledged batch's per-minute counts, written in the same transaction as its
-- IngestedBatches row, so that an answered batch is durable. A background flush (on any node) merges journal
-- entries into the minute, hour and day rollups and deletes them in one transaction; reads add what is still here.
-- Cells is a compact binary list of (minute, country, kind, tier, count); FirstBucket and LastBucket are the
-- Unix seconds of its first and last minute, so that a read skips entries outside its range.
CREATE TABLE dbo.UsageJournal (
    Id BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT PK_UsageJournal PRIMARY KEY,
    BatchId UNIQUEIDENTIFIER NOT NULL,
    FirstBucket BIGINT NOT NULL,
    LastBucket BIGINT NOT NULL,
    Cells VARBINARY(MAX) NOT NULL
);

-- Rollup cells passed to the MERGE of a flush as one table-valued parameter.
CREATE TYPE dbo.UsageCellList AS TABLE (
    BucketStart BIGINT NOT NULL,
    Country CHAR(2) NOT NULL,
    Kind VARCHAR(16) NOT NULL,
    Tier VARCHAR(32) NOT NULL,
    MessageCount BIGINT NOT NULL,
    PRIMARY KEY (BucketStart, Country, Kind, Tier)
);
