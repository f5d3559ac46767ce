-- Business Console initial schema (SQL Server). Times are UTC datetimeoffset, usage buckets are
-- Unix seconds, money is whole cents, turnover and balance sheet whole euros.

CREATE TABLE dbo.Users (
    Id BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT PK_Users PRIMARY KEY,
    Email NVARCHAR(320) NOT NULL,
    DisplayName NVARCHAR(200) NOT NULL,
    PasswordHash NVARCHAR(400) NULL,
    ExternalSubject NVARCHAR(400) NULL,
    IsDisabled BIT NOT NULL CONSTRAINT DF_Users_IsDisabled DEFAULT 0,
    AccessFailedCount INT NOT NULL CONSTRAINT DF_Users_AccessFailedCount DEFAULT 0,
    LockoutEnd DATETIMEOFFSET NULL,
    Theme NVARCHAR(16) NOT NULL CONSTRAINT DF_Users_Theme DEFAULT N'System',
    Culture NVARCHAR(16) NULL,
    SecurityStamp NVARCHAR(64) NOT NULL,
    CreatedAt DATETIMEOFFSET NOT NULL,
    LastSignInAt DATETIMEOFFSET NULL,
    Version INT NOT NULL CONSTRAINT DF_Users_Version DEFAULT 1
);
CREATE UNIQUE INDEX UX_Users_Email ON dbo.Users (Email);
CREATE UNIQUE INDEX UX_Users_ExternalSubject ON dbo.Users (ExternalSubject) WHERE ExternalSubject IS NOT NULL;

CREATE TABLE dbo.UserRoles (
    UserId BIGINT NOT NULL CONSTRAINT FK_UserRoles_Users REFERENCES dbo.Users (Id) ON DELETE CASCADE,
    Role NVARCHAR(32) NOT NULL,
    CONSTRAINT PK_UserRoles PRIMARY KEY (UserId, Role)
);

CREATE TABLE dbo.ApiKeys (
    Id BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT PK_ApiKeys PRIMARY KEY,
    Name NVARCHAR(100) NOT NULL,
    Prefix NVARCHAR(16) NOT NULL,
    KeyHash NVARCHAR(128) NOT NULL,
    Scopes NVARCHAR(400) NOT NULL,
    CreatedAt DATETIMEOFFSET NOT NULL,
    CreatedBy NVARCHAR(320) NOT NULL,
    RevokedAt DATETIMEOFFSET NULL,
    RevokedBy NVARCHAR(320) NULL,
    LastUsedAt DATETIMEOFFSET NULL
);
CREATE UNIQUE INDEX UX_ApiKeys_Name ON dbo.ApiKeys (Name);
CREATE UNIQUE INDEX UX_ApiKeys_KeyHash ON dbo.ApiKeys (KeyHash);

CREATE TABLE dbo.Businesses (
    Id BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT PK_Businesses PRIMARY KEY,
    ExternalId NVARCHAR(100) NULL,
    DisplayName NVARCHAR(200) NOT NULL,
    LegalName NVARCHAR(300) NOT NULL,
    Category NVARCHAR(40) NOT NULL,
    Country CHAR(2) NOT NULL,
    PhoneE164 VARCHAR(16) NOT NULL,
    Website NVARCHAR(300) NULL,
    EmailDomain NVARCHAR(255) NULL,
    RegistrationNumber NVARCHAR(64) NULL,
    Employees INT NULL,
    AnnualTurnoverEur BIGINT NULL,
    BalanceSheetEur BIGINT NULL,
    IsVerified BIT NOT NULL CONSTRAINT DF_Businesses_IsVerified DEFAULT 0,
    VerifiedAt DATETIMEOFFSET NULL,
    SmeStatus NVARCHAR(16) NOT NULL CONSTRAINT DF_Businesses_SmeStatus DEFAULT N'Unknown',
    CreatedAt DATETIMEOFFSET NOT NULL,
    UpdatedAt DATETIMEOFFSET NOT NULL,
    Version INT NOT NULL CONSTRAINT DF_Businesses_Version DEFAULT 1
);
CREATE UNIQUE INDEX UX_Businesses_ExternalId ON dbo.Businesses (ExternalId) WHERE ExternalId IS NOT NULL;
CREATE INDEX IX_Businesses_DisplayName ON dbo.Businesses (DisplayName);
CREATE INDEX IX_Businesses_PhoneE164 ON dbo.Businesses (PhoneE164);
CREATE INDEX IX_Businesses_RegistrationNumber ON dbo.Businesses (RegistrationNumber);
CREATE INDEX IX_Businesses_Website ON dbo.Businesses (Website);
CREATE INDEX IX_Businesses_Country_Category ON dbo.Businesses (Country, Category);
CREATE INDEX IX_Businesses_IsVerified ON dbo.Businesses (IsVerified);

CREATE TABLE dbo.BusinessLinks (
    BusinessId BIGINT NOT NULL CONSTRAINT FK_BusinessLinks_Business REFERENCES dbo.Businesses (Id),
    LinkedBusinessId BIGINT NOT NULL CONSTRAINT FK_BusinessLinks_Linked REFERENCES dbo.Businesses (Id),
    OwnershipPercent INT NOT NULL,
    CONSTRAINT PK_BusinessLinks PRIMARY KEY (BusinessId, LinkedBusinessId)
);

CREATE TABLE dbo.BusinessFinancials (
    BusinessId BIGINT NOT NULL CONSTRAINT FK_BusinessFinancials_Businesses REFERENCES dbo.Businesses (Id) ON DELETE CASCADE,
    FiscalYear INT NOT NULL,
    Employees INT NOT NULL,
    AnnualTurnoverEur BIGINT NOT NULL,
    BalanceSheetEur BIGINT NOT NULL,
    CONSTRAINT PK_BusinessFinancials PRIMARY KEY (BusinessId, FiscalYear)
);

CREATE TABLE dbo.VerificationRequests (
    Id BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT PK_VerificationRequests PRIMARY KEY,
    BusinessId BIGINT NOT NULL CONSTRAINT FK_VerificationRequests_Businesses REFERENCES dbo.Businesses (Id),
    Status NVARCHAR(32) NOT NULL,
    Attempt INT NOT NULL CONSTRAINT DF_VerificationRequests_Attempt DEFAULT 1,
    RiskScore INT NOT NULL CONSTRAINT DF_VerificationRequests_RiskScore DEFAULT 0,
    RiskBand NVARCHAR(16) NOT NULL CONSTRAINT DF_VerificationRequests_RiskBand DEFAULT N'Low',
    SubmittedAt DATETIMEOFFSET NOT NULL,
    DueAt DATETIMEOFFSET NOT NULL,
    AssignedToUserId BIGINT NULL CONSTRAINT FK_VerificationRequests_Assigned REFERENCES dbo.Users (Id),
    ClaimExpiresAt DATETIMEOFFSET NULL,
    FirstApproverUserId BIGINT NULL CONSTRAINT FK_VerificationRequests_FirstApprover REFERENCES dbo.Users (Id),
    DecidedByUserId BIGINT NULL CONSTRAINT FK_VerificationRequests_DecidedBy REFERENCES dbo.Users (Id),
    DecidedAt DATETIMEOFFSET NULL,
    ReasonCode NVARCHAR(40) NULL,
    DecisionNote NVARCHAR(2000) NULL,
    UpdatedAt DATETIMEOFFSET NOT NULL,
    Version INT NOT NULL CONSTRAINT DF_VerificationRequests_Version DEFAULT 1
);
CREATE INDEX IX_VerificationRequests_Status_SubmittedAt ON dbo.VerificationRequests (Status, SubmittedAt);
CREATE INDEX IX_VerificationRequests_BusinessId ON dbo.VerificationRequests (BusinessId);
CREATE INDEX IX_VerificationRequests_AssignedToUserId ON dbo.VerificationRequests (AssignedToUserId);

CREATE TABLE dbo.VerificationDocuments (
    Id BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT PK_VerificationDocuments PRIMARY KEY,
    RequestId BIGINT NOT NULL CONSTRAINT FK_VerificationDocuments_Requests REFERENCES dbo.VerificationRequests (Id) ON DELETE CASCADE,
    Kind NVARCHAR(40) NOT NULL,
    FileName NVARCHAR(260) NOT NULL,
    Sha256 CHAR(64) NOT NULL,
    SizeBytes BIGINT NOT NULL,
    UploadedAt DATETIMEOFFSET NOT NULL
);
CREATE INDEX IX_VerificationDocuments_RequestId ON dbo.VerificationDocuments (RequestId);

CREATE TABLE dbo.VerificationEvents (
    Id BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT PK_VerificationEvents PRIMARY KEY,
    RequestId BIGINT NOT NULL CONSTRAINT FK_VerificationEvents_Requests REFERENCES dbo.VerificationRequests (Id) ON DELETE CASCADE,
    At DATETIMEOFFSET NOT NULL,
    ActorUserId BIGINT NULL CONSTRAINT FK_VerificationEvents_Users REFERENCES dbo.Users (Id),
    Kind NVARCHAR(32) NOT NULL,
    FromStatus NVARCHAR(32) NULL,
    ToStatus NVARCHAR(32) NULL,
    ReasonCode NVARCHAR(40) NULL,
    Note NVARCHAR(2000) NULL
);
CREATE INDEX IX_VerificationEvents_RequestId_At ON dbo.VerificationEvents (RequestId, At);

CREATE TABLE dbo.Tiers (
    Id BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT PK_Tiers PRIMARY KEY,
    Code NVARCHAR(32) NOT NULL,
    Name NVARCHAR(100) NOT NULL,
    SortOrder INT NOT NULL,
    SmeOnly BIT NOT NULL CONSTRAINT DF_Tiers_SmeOnly DEFAULT 0
);
CREATE UNIQUE INDEX UX_Tiers_Code ON dbo.Tiers (Code);

CREATE TABLE dbo.TierVersions (
    Id BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT PK_TierVersions PRIMARY KEY,
    TierId BIGINT NOT NULL CONSTRAINT FK_TierVersions_Tiers REFERENCES dbo.Tiers (Id),
    VersionNumber INT NOT NULL,
    EffectiveFrom DATETIMEOFFSET NOT NULL,
    MonthlyPriceCents BIGINT NOT NULL,
    ConversationsPer24h INT NULL,
    AgentSeats INT NULL,
    PhoneNumbers INT NULL,
    VerifiedMarkerEligible BIT NOT NULL CONSTRAINT DF_TierVersions_Verified DEFAULT 0,
    ApiAccess BIT NOT NULL CONSTRAINT DF_TierVersions_ApiAccess DEFAULT 0,
    BroadcastCampaigns BIT NOT NULL CONSTRAINT DF_TierVersions_Broadcast DEFAULT 0,
    Analytics BIT NOT NULL CONSTRAINT DF_TierVersions_Analytics DEFAULT 0,
    SupportSla NVARCHAR(40) NOT NULL,
    CreatedAt DATETIMEOFFSET NOT NULL,
    CreatedBy NVARCHAR(320) NOT NULL
);
CREATE UNIQUE INDEX UX_TierVersions_TierId_VersionNumber ON dbo.TierVersions (TierId, VersionNumber);

CREATE TABLE dbo.Subscriptions (
    Id BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT PK_Subscriptions PRIMARY KEY,
    BusinessId BIGINT NOT NULL CONSTRAINT FK_Subscriptions_Businesses REFERENCES dbo.Businesses (Id),
    TierVersionId BIGINT NOT NULL CONSTRAINT FK_Subscriptions_TierVersions REFERENCES dbo.TierVersions (Id),
    EffectiveFrom DATETIMEOFFSET NOT NULL,
    EffectiveTo DATETIMEOFFSET NULL,
    Status NVARCHAR(16) NOT NULL,
    PriceOverrideCents BIGINT NULL,
    DiscountPercent INT NULL,
    DiscountEndsAt DATETIMEOFFSET NULL,
    ConversationsOverride INT NULL,
    AgentSeatsOverride INT NULL,
    ApprovalStatus NVARCHAR(16) NOT NULL CONSTRAINT DF_Subscriptions_ApprovalStatus DEFAULT N'NotRequired',
    ApprovedByUserId BIGINT NULL CONSTRAINT FK_Subscriptions_ApprovedBy REFERENCES dbo.Users (Id),
    Reason NVARCHAR(1000) NULL,
    EnteredAt DATETIMEOFFSET NOT NULL,
    EnteredByUserId BIGINT NULL CONSTRAINT FK_Subscriptions_EnteredBy REFERENCES dbo.Users (Id),
    Version INT NOT NULL CONSTRAINT DF_Subscriptions_Version DEFAULT 1
);
CREATE INDEX IX_Subscriptions_BusinessId_EffectiveFrom ON dbo.Subscriptions (BusinessId, EffectiveFrom);
CREATE INDEX IX_Subscriptions_Status ON dbo.Subscriptions (Status, EffectiveFrom);

CREATE TABLE dbo.UsageMinute (
    BucketStart BIGINT NOT NULL,
    Country CHAR(2) NOT NULL,
    Kind VARCHAR(16) NOT NULL,
    Tier VARCHAR(32) NOT NULL,
    MessageCount BIGINT NOT NULL,
    CONSTRAINT PK_UsageMinute PRIMARY KEY (BucketStart, Country, Kind, Tier)
);

CREATE TABLE dbo.UsageHour (
    BucketStart BIGINT NOT NULL,
    Country CHAR(2) NOT NULL,
    Kind VARCHAR(16) NOT NULL,
    Tier VARCHAR(32) NOT NULL,
    MessageCount BIGINT NOT NULL,
    CONSTRAINT PK_UsageHour PRIMARY KEY (BucketStart, Country, Kind, Tier)
);

CREATE TABLE dbo.UsageDay (
    BucketStart BIGINT NOT NULL,
    Country CHAR(2) NOT NULL,
    Kind VARCHAR(16) NOT NULL,
    Tier VARCHAR(32) NOT NULL,
    MessageCount BIGINT NOT NULL,
    CONSTRAINT PK_UsageDay PRIMARY KEY (BucketStart, Country, Kind, Tier)
);

CREATE TABLE dbo.BusinessUsageDay (
    BusinessId BIGINT NOT NULL CONSTRAINT FK_BusinessUsageDay_Businesses REFERENCES dbo.Businesses (Id) ON DELETE CASCADE,
    Day BIGINT NOT NULL,
    Conversations BIGINT NOT NULL,
    Messages BIGINT NOT NULL,
    CONSTRAINT PK_BusinessUsageDay PRIMARY KEY (BusinessId, Day)
);

CREATE TABLE dbo.IngestedBatches (
    BatchId UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_IngestedBatches PRIMARY KEY,
    ReceivedAt DATETIMEOFFSET NOT NULL,
    SampleCount INT NOT NULL,
    ApiKeyName NVARCHAR(100) NULL
);
CREATE INDEX IX_IngestedBatches_ReceivedAt ON dbo.IngestedBatches (ReceivedAt);

CREATE TABLE dbo.AuditLog (
    Id BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT PK_AuditLog PRIMARY KEY,
    At DATETIMEOFFSET NOT NULL,
    ActorKind NVARCHAR(16) NOT NULL,
    ActorId NVARCHAR(100) NULL,
    ActorName NVARCHAR(320) NOT NULL,
    Action NVARCHAR(64) NOT NULL,
    EntityType NVARCHAR(64) NOT NULL,
    EntityId NVARCHAR(100) NULL,
    Summary NVARCHAR(1000) NULL,
    BeforeJson NVARCHAR(MAX) NULL,
    AfterJson NVARCHAR(MAX) NULL,
    RemoteIp NVARCHAR(64) NULL
);
CREATE INDEX IX_AuditLog_At ON dbo.AuditLog (At);
CREATE INDEX IX_AuditLog_Entity ON dbo.AuditLog (EntityType, EntityId);
CREATE INDEX IX_AuditLog_ActorName ON dbo.AuditLog (ActorName);
GO

CREATE TRIGGER dbo.AuditLog_AppendOnly ON dbo.AuditLog AFTER UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 50000, N'The audit log is append-only', 1;
END;
GO
