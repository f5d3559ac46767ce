-- Business Console initial schema (SQLite). Times are UTC text 'yyyy-MM-ddTHH:mm:ss.fffffffZ',
-- usage buckets are Unix seconds, money is whole cents, turnover and balance sheet whole euros.

CREATE TABLE Users (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Email TEXT NOT NULL COLLATE NOCASE,
    DisplayName TEXT NOT NULL,
    PasswordHash TEXT NULL,
    ExternalSubject TEXT NULL,
    IsDisabled INTEGER NOT NULL DEFAULT 0,
    AccessFailedCount INTEGER NOT NULL DEFAULT 0,
    LockoutEnd TEXT NULL,
    Theme TEXT NOT NULL DEFAULT 'System',
    Culture TEXT NULL,
    SecurityStamp TEXT NOT NULL,
    CreatedAt TEXT NOT NULL,
    LastSignInAt TEXT NULL,
    Version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX UX_Users_Email ON Users (Email);
CREATE UNIQUE INDEX UX_Users_ExternalSubject ON Users (ExternalSubject) WHERE ExternalSubject IS NOT NULL;

CREATE TABLE UserRoles (
    UserId INTEGER NOT NULL REFERENCES Users (Id) ON DELETE CASCADE,
    Role TEXT NOT NULL,
    PRIMARY KEY (UserId, Role)
);

CREATE TABLE ApiKeys (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Name TEXT NOT NULL COLLATE NOCASE,
    Prefix TEXT NOT NULL,
    KeyHash TEXT NOT NULL,
    Scopes TEXT NOT NULL,
    CreatedAt TEXT NOT NULL,
    CreatedBy TEXT NOT NULL,
    RevokedAt TEXT NULL,
    RevokedBy TEXT NULL,
    LastUsedAt TEXT NULL
);
CREATE UNIQUE INDEX UX_ApiKeys_Name ON ApiKeys (Name);
CREATE UNIQUE INDEX UX_ApiKeys_KeyHash ON ApiKeys (KeyHash);

CREATE TABLE Businesses (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    ExternalId TEXT NULL,
    DisplayName TEXT NOT NULL,
    LegalName TEXT NOT NULL,
    Category TEXT NOT NULL,
    Country TEXT NOT NULL,
    PhoneE164 TEXT NOT NULL,
    Website TEXT NULL,
    EmailDomain TEXT NULL,
    RegistrationNumber TEXT NULL,
    Employees INTEGER NULL,
    AnnualTurnoverEur INTEGER NULL,
    BalanceSheetEur INTEGER NULL,
    IsVerified INTEGER NOT NULL DEFAULT 0,
    VerifiedAt TEXT NULL,
    SmeStatus TEXT NOT NULL DEFAULT 'Unknown',
    CreatedAt TEXT NOT NULL,
    UpdatedAt TEXT NOT NULL,
    Version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX UX_Businesses_ExternalId ON Businesses (ExternalId) WHERE ExternalId IS NOT NULL;
CREATE INDEX IX_Businesses_DisplayName ON Businesses (DisplayName COLLATE NOCASE);
CREATE INDEX IX_Businesses_PhoneE164 ON Businesses (PhoneE164);
CREATE INDEX IX_Businesses_RegistrationNumber ON Businesses (RegistrationNumber);
CREATE INDEX IX_Businesses_Website ON Businesses (Website);
CREATE INDEX IX_Businesses_Country_Category ON Businesses (Country, Category);
CREATE INDEX IX_Businesses_IsVerified ON Businesses (IsVerified);

-- Ownership links between businesses, for the SME rule that adds linked and partner enterprises.
CREATE TABLE BusinessLinks (
    BusinessId INTEGER NOT NULL REFERENCES Businesses (Id) ON DELETE CASCADE,
    LinkedBusinessId INTEGER NOT NULL REFERENCES Businesses (Id) ON DELETE CASCADE,
    OwnershipPercent INTEGER NOT NULL,
    PRIMARY KEY (BusinessId, LinkedBusinessId)
);

-- Size figures per financial year, so the SME status changes only after two consecutive periods.
CREATE TABLE BusinessFinancials (
    BusinessId INTEGER NOT NULL REFERENCES Businesses (Id) ON DELETE CASCADE,
    FiscalYear INTEGER NOT NULL,
    Employees INTEGER NOT NULL,
    AnnualTurnoverEur INTEGER NOT NULL,
    BalanceSheetEur INTEGER NOT NULL,
    PRIMARY KEY (BusinessId, FiscalYear)
);

CREATE TABLE VerificationRequests (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    BusinessId INTEGER NOT NULL REFERENCES Businesses (Id),
    Status TEXT NOT NULL,
    Attempt INTEGER NOT NULL DEFAULT 1,
    RiskScore INTEGER NOT NULL DEFAULT 0,
    RiskBand TEXT NOT NULL DEFAULT 'Low',
    SubmittedAt TEXT NOT NULL,
    DueAt TEXT NOT NULL,
    AssignedToUserId INTEGER NULL REFERENCES Users (Id),
    ClaimExpiresAt TEXT NULL,
    FirstApproverUserId INTEGER NULL REFERENCES Users (Id),
    DecidedByUserId INTEGER NULL REFERENCES Users (Id),
    DecidedAt TEXT NULL,
    ReasonCode TEXT NULL,
    DecisionNote TEXT NULL,
    UpdatedAt TEXT NOT NULL,
    Version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_VerificationRequests_Status_SubmittedAt ON VerificationRequests (Status, SubmittedAt);
CREATE INDEX IX_VerificationRequests_BusinessId ON VerificationRequests (BusinessId);
CREATE INDEX IX_VerificationRequests_AssignedToUserId ON VerificationRequests (AssignedToUserId);

CREATE TABLE VerificationDocuments (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    RequestId INTEGER NOT NULL REFERENCES VerificationRequests (Id) ON DELETE CASCADE,
    Kind TEXT NOT NULL,
    FileName TEXT NOT NULL,
    Sha256 TEXT NOT NULL,
    SizeBytes INTEGER NOT NULL,
    UploadedAt TEXT NOT NULL
);
CREATE INDEX IX_VerificationDocuments_RequestId ON VerificationDocuments (RequestId);

CREATE TABLE VerificationEvents (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    RequestId INTEGER NOT NULL REFERENCES VerificationRequests (Id) ON DELETE CASCADE,
    At TEXT NOT NULL,
    ActorUserId INTEGER NULL REFERENCES Users (Id),
    Kind TEXT NOT NULL,
    FromStatus TEXT NULL,
    ToStatus TEXT NULL,
    ReasonCode TEXT NULL,
    Note TEXT NULL
);
CREATE INDEX IX_VerificationEvents_RequestId_At ON VerificationEvents (RequestId, At);

CREATE TABLE Tiers (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Code TEXT NOT NULL,
    Name TEXT NOT NULL,
    SortOrder INTEGER NOT NULL,
    SmeOnly INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX UX_Tiers_Code ON Tiers (Code);

-- Limits: NULL means unlimited. Each edit of a tier is a new version with an effective date.
CREATE TABLE TierVersions (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    TierId INTEGER NOT NULL REFERENCES Tiers (Id),
    VersionNumber INTEGER NOT NULL,
    EffectiveFrom TEXT NOT NULL,
    MonthlyPriceCents INTEGER NOT NULL,
    ConversationsPer24h INTEGER NULL,
    AgentSeats INTEGER NULL,
    PhoneNumbers INTEGER NULL,
    VerifiedMarkerEligible INTEGER NOT NULL DEFAULT 0,
    ApiAccess INTEGER NOT NULL DEFAULT 0,
    BroadcastCampaigns INTEGER NOT NULL DEFAULT 0,
    Analytics INTEGER NOT NULL DEFAULT 0,
    SupportSla TEXT NOT NULL,
    CreatedAt TEXT NOT NULL,
    CreatedBy TEXT NOT NULL
);
CREATE UNIQUE INDEX UX_TierVersions_TierId_VersionNumber ON TierVersions (TierId, VersionNumber);

-- A business's tier over time: each row holds from EffectiveFrom until EffectiveTo (exclusive, NULL = open).
CREATE TABLE Subscriptions (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    BusinessId INTEGER NOT NULL REFERENCES Businesses (Id),
    TierVersionId INTEGER NOT NULL REFERENCES TierVersions (Id),
    EffectiveFrom TEXT NOT NULL,
    EffectiveTo TEXT NULL,
    Status TEXT NOT NULL,
    PriceOverrideCents INTEGER NULL,
    DiscountPercent INTEGER NULL,
    DiscountEndsAt TEXT NULL,
    ConversationsOverride INTEGER NULL,
    AgentSeatsOverride INTEGER NULL,
    ApprovalStatus TEXT NOT NULL DEFAULT 'NotRequired',
    ApprovedByUserId INTEGER NULL REFERENCES Users (Id),
    Reason TEXT NULL,
    EnteredAt TEXT NOT NULL,
    EnteredByUserId INTEGER NULL REFERENCES Users (Id),
    Version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_Subscriptions_BusinessId_EffectiveFrom ON Subscriptions (BusinessId, EffectiveFrom);
CREATE INDEX IX_Subscriptions_Status ON Subscriptions (Status, EffectiveFrom);

CREATE TABLE UsageMinute (
    BucketStart INTEGER NOT NULL,
    Country TEXT NOT NULL,
    Kind TEXT NOT NULL,
    Tier TEXT NOT NULL,
    MessageCount INTEGER NOT NULL,
    PRIMARY KEY (BucketStart, Country, Kind, Tier)
) WITHOUT ROWID;

CREATE TABLE UsageHour (
    BucketStart INTEGER NOT NULL,
    Country TEXT NOT NULL,
    Kind TEXT NOT NULL,
    Tier TEXT NOT NULL,
    MessageCount INTEGER NOT NULL,
    PRIMARY KEY (BucketStart, Country, Kind, Tier)
) WITHOUT ROWID;

CREATE TABLE UsageDay (
    BucketStart INTEGER NOT NULL,
    Country TEXT NOT NULL,
    Kind TEXT NOT NULL,
    Tier TEXT NOT NULL,
    MessageCount INTEGER NOT NULL,
    PRIMARY KEY (BucketStart, Country, Kind, Tier)
) WITHOUT ROWID;

-- Usage per business per day, for usage against limits and active-business counts.
CREATE TABLE BusinessUsageDay (
    BusinessId INTEGER NOT NULL REFERENCES Businesses (Id) ON DELETE CASCADE,
    Day INTEGER NOT NULL,
    Conversations INTEGER NOT NULL,
    Messages INTEGER NOT NULL,
    PRIMARY KEY (BusinessId, Day)
) WITHOUT ROWID;

CREATE TABLE IngestedBatches (
    BatchId TEXT NOT NULL PRIMARY KEY,
    ReceivedAt TEXT NOT NULL,
    SampleCount INTEGER NOT NULL,
    ApiKeyName TEXT NULL
);
CREATE INDEX IX_IngestedBatches_ReceivedAt ON IngestedBatches (ReceivedAt);

-- Append-only: nothing in the console updates or deletes a row here.
CREATE TABLE AuditLog (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    At TEXT NOT NULL,
    ActorKind TEXT NOT NULL,
    ActorId TEXT NULL,
    ActorName TEXT NOT NULL,
    Action TEXT NOT NULL,
    EntityType TEXT NOT NULL,
    EntityId TEXT NULL,
    Summary TEXT NULL,
    BeforeJson TEXT NULL,
    AfterJson TEXT NULL,
    RemoteIp TEXT NULL
);
CREATE INDEX IX_AuditLog_At ON AuditLog (At);
CREATE INDEX IX_AuditLog_Entity ON AuditLog (EntityType, EntityId);
CREATE INDEX IX_AuditLog_ActorName ON AuditLog (ActorName);

CREATE TRIGGER AuditLog_NoUpdate BEFORE UPDATE ON AuditLog
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only');
END;

CREATE TRIGGER AuditLog_NoDelete BEFORE DELETE ON AuditLog
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only');
END;
