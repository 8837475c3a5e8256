using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Supervision.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SignatoryId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EntityType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EntityId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Changes = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    PreviousHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditHeads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false),
                    LastHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditHeads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Carriers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ShortName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NumberRanges = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    HostCarriers = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Carriers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Xml = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DocumentSequences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    LastNumber = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentSequences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DrawRiskFactors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Unit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Points = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    Cap = table.Column<int>(type: "integer", nullable: false),
                    WindowMonths = table.Column<int>(type: "integer", nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrawRiskFactors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FailedSignIns",
                columns: table => new
                {
                    NameHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    LockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastFailureAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailedSignIns", x => x.NameHash);
                });

            migrationBuilder.CreateTable(
                name: "HolidayYears",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HolidayYears", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorValues",
                columns: table => new
                {
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: true),
                    Numerator = table.Column<double>(type: "double precision", nullable: false),
                    Denominator = table.Column<double>(type: "double precision", nullable: false),
                    Rollup = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorValues", x => new { x.ProvinceId, x.Period, x.BranchId, x.Code });
                });

            migrationBuilder.CreateTable(
                name: "InspectionPlans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    Scope = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ScopeCodes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ChecklistItemIds = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SamplingRatio = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    InspectorsPerInspection = table.Column<int>(type: "integer", nullable: false),
                    DrawMethod = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CancelReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InternalNotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    VisibleToParty = table.Column<bool>(type: "boolean", nullable: false),
                    OwnerType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OwnerId = table.Column<long>(type: "bigint", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    By = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InternalNotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LegalBases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Statute = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    DutyArticle = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    PenaltyArticle = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Duty = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AllowedSanctions = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FineMin = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    FineMax = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Source = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Verified = table.Column<bool>(type: "boolean", nullable: false),
                    VerifiedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    VerifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    MandatorySanctions = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FineOnlyIfNotCorrected = table.Column<bool>(type: "boolean", nullable: false),
                    Condition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Rank = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Supersedes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalBases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MessageKinds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    KeyPrefixes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    SmsTemplate = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Audience = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DefaultChannel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageKinds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NoPenaltyGrounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Article = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Discretionary = table.Column<bool>(type: "boolean", nullable: false),
                    ActEstablished = table.Column<bool>(type: "boolean", nullable: false),
                    Source = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoPenaltyGrounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NotificationPreferences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    KindCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationPreferences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    DedupKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Link = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProvinceIndicatorValues",
                columns: table => new
                {
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: true),
                    Numerator = table.Column<double>(type: "double precision", nullable: false),
                    Denominator = table.Column<double>(type: "double precision", nullable: false),
                    Reporting = table.Column<int>(type: "integer", nullable: false),
                    Expected = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvinceIndicatorValues", x => new { x.Period, x.ProvinceId, x.Code });
                });

            migrationBuilder.CreateTable(
                name: "PublicationCategories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MinMonths = table.Column<int>(type: "integer", nullable: false),
                    MaxMonths = table.Column<int>(type: "integer", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicationCategories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RankingIndicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Source = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    SourceText = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Direction = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Normalization = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Aggregate = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Scale = table.Column<double>(type: "double precision", nullable: false),
                    Target = table.Column<double>(type: "double precision", nullable: true),
                    Pass = table.Column<double>(type: "double precision", nullable: true),
                    Zero = table.Column<double>(type: "double precision", nullable: true),
                    Weight = table.Column<double>(type: "double precision", nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    Parameter = table.Column<double>(type: "double precision", nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RankingIndicators", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReturnTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Frequency = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DefinitionJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RolePolicies",
                columns: table => new
                {
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RequireTwoFactor = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RolePolicies", x => x.Role);
                });

            migrationBuilder.CreateTable(
                name: "StoredFiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FileName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    StoredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StoredBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SubmissionAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    TemplateCode = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Period = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Channel = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    FileName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    ErrorCount = table.Column<int>(type: "integer", nullable: false),
                    FirstErrors = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubmissionAttempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SubmissionComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    TemplateCode = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Period = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    SubmissionId = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    AuthorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromRegulator = table.Column<bool>(type: "boolean", nullable: false),
                    IsReturnReason = table.Column<bool>(type: "boolean", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubmissionComments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InspectorRecusals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    InspectorUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    InspectorUserName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CarrierId = table.Column<int>(type: "integer", nullable: false),
                    CarrierCode = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectorRecusals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectorRecusals_Carriers_CarrierId",
                        column: x => x.CarrierId,
                        principalTable: "Carriers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CalendarDays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarDays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CalendarDays_HolidayYears_Year",
                        column: x => x.Year,
                        principalTable: "HolidayYears",
                        principalColumn: "Year",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InspectionDraws",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    PlanId = table.Column<long>(type: "bigint", nullable: false),
                    AlgorithmVersion = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Seed = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SeedSource = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SamplingRatio = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    InspectorsPerInspection = table.Column<int>(type: "integer", nullable: false),
                    EntityRosterJson = table.Column<string>(type: "character varying(10000000)", maxLength: 10000000, nullable: false),
                    InspectorRosterJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    RecusalsJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    ResultJson = table.Column<string>(type: "character varying(10000000)", maxLength: 10000000, nullable: false),
                    RiskFormulaJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    InputDigest = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    RosterSize = table.Column<int>(type: "integer", nullable: false),
                    DrawnCount = table.Column<int>(type: "integer", nullable: false),
                    DrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DrawnBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Witnesses = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    VoidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VoidReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RedrawOfId = table.Column<long>(type: "bigint", nullable: true),
                    RedrawReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SupersededAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionDraws", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionDraws_InspectionPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "InspectionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Announcements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgentNoticeServedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AgentNoticeMethod = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AgentNoticeText = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: true),
                    AgentStatementDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    AgentStatementOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AgentStatement = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AgentStatementFounded = table.Column<bool>(type: "boolean", nullable: true),
                    AgentStatementReview = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AgentStatementReviewedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AgentStatementReviewedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SourceType = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    SourceId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Authority = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PartyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PartyType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    LegalRepresentative = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DocumentNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Facts = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PenaltyTypes = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    PenaltyContent = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DecisionDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DueBy = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PublicUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    PublicationOrdered = table.Column<bool>(type: "boolean", nullable: false),
                    CategoryName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PeriodMonths = table.Column<int>(type: "integer", nullable: true),
                    RepairableFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    LegalBasisId = table.Column<int>(type: "integer", nullable: true),
                    NotPublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    NotPublishedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    NotPublishedReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RepairedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RepairedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    RepairReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SourceChangedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SourceChangeReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    WithdrawalDueBy = table.Column<DateOnly>(type: "date", nullable: true),
                    WithdrawnOn = table.Column<DateOnly>(type: "date", nullable: true),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    WithdrawReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PublicTextVersion = table.Column<int>(type: "integer", nullable: false),
                    ConcurrencyToken = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Announcements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Announcements_LegalBases_LegalBasisId",
                        column: x => x.LegalBasisId,
                        principalTable: "LegalBases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChecklistItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Category = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    LegalBasisId = table.Column<int>(type: "integer", nullable: true),
                    Guidance = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChecklistItems_LegalBases_LegalBasisId",
                        column: x => x.LegalBasisId,
                        principalTable: "LegalBases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EnforcementSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApprovalSteps = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    DeputyApproverId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    HearingThreshold = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    HearingThresholdSource = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    HearingThresholdVerified = table.Column<bool>(type: "boolean", nullable: false),
                    LegalReviewThreshold = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    LegalReviewThresholdSource = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    LegalReviewThresholdVerified = table.Column<bool>(type: "boolean", nullable: false),
                    StatementWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    HearingRequestWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    HearingNoticeWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    DecisionDays = table.Column<int>(type: "integer", nullable: false),
                    MaxDecisionExtensionDays = table.Column<int>(type: "integer", nullable: false),
                    DecisionExtensionSource = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ServiceWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    PaymentDays = table.Column<int>(type: "integer", nullable: false),
                    SurchargeRatePerDay = table.Column<decimal>(type: "numeric(6,4)", precision: 6, scale: 4, nullable: false),
                    LimitationYears = table.Column<int>(type: "integer", nullable: false),
                    ExtendedLimitationYears = table.Column<int>(type: "integer", nullable: false),
                    WarnDaysBefore = table.Column<int>(type: "integer", nullable: false),
                    PublicationWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    WithdrawalWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    PublicationMonths = table.Column<int>(type: "integer", nullable: false),
                    AgentListEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AgentListLegalBasisId = table.Column<int>(type: "integer", nullable: true),
                    MaskIndividualNames = table.Column<bool>(type: "boolean", nullable: false),
                    PaymentInstructions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    PayeeBank = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PayeeAccountName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PayeeAccountNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Court = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CourtVerified = table.Column<bool>(type: "boolean", nullable: false),
                    ReviewBody = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    HandlingOffice = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ContactPerson = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ContactAddress = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnforcementSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EnforcementSettings_LegalBases_AgentListLegalBasisId",
                        column: x => x.AgentListLegalBasisId,
                        principalTable: "LegalBases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NotificationId = table.Column<long>(type: "bigint", nullable: true),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    KindCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClaimToken = table.Column<Guid>(type: "uuid", nullable: true),
                    ClaimedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ClaimedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ServiceConfirmationId = table.Column<long>(type: "bigint", nullable: true),
                    Subject = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Body = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Link = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxMessages_Notifications_NotificationId",
                        column: x => x.NotificationId,
                        principalTable: "Notifications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceFiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    VisibleToParty = table.Column<bool>(type: "boolean", nullable: false),
                    OwnerType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OwnerId = table.Column<long>(type: "bigint", nullable: false),
                    FileId = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceFiles_StoredFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FileContents",
                columns: table => new
                {
                    FileId = table.Column<long>(type: "bigint", nullable: false),
                    Bytes = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FileContents", x => x.FileId);
                    table.ForeignKey(
                        name: "FK_FileContents_StoredFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IssuedDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    NumberCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: true),
                    Title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    OwnerType = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    FileId = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    DataJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    IssueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Sealed = table.Column<bool>(type: "boolean", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    VisibleToParty = table.Column<bool>(type: "boolean", nullable: false),
                    VerificationCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IssuedDocuments_StoredFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Provinces",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ShortName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    AuthorityName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    DocPrefix = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    PostalAddress = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PostalCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    PublicSiteUrl = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PublicSiteIsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    SealFileId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Provinces", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Provinces_StoredFiles_SealFileId",
                        column: x => x.SealFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Cities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cities_Provinces_ProvinceId",
                        column: x => x.ProvinceId,
                        principalTable: "Provinces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProvinceFonts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FileId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvinceFonts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProvinceFonts_Provinces_ProvinceId",
                        column: x => x.ProvinceId,
                        principalTable: "Provinces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProvinceFonts_StoredFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Branches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ShortName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CarrierId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    CityId = table.Column<int>(type: "integer", nullable: true),
                    ParentBranchId = table.Column<int>(type: "integer", nullable: true),
                    Level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    Address = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    LegalRepresentative = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ComplianceContact = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ComplianceEmail = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ComplianceMobile = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Branches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Branches_Branches_ParentBranchId",
                        column: x => x.ParentBranchId,
                        principalTable: "Branches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Branches_Carriers_CarrierId",
                        column: x => x.CarrierId,
                        principalTable: "Carriers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Branches_Cities_CityId",
                        column: x => x.CityId,
                        principalTable: "Cities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Branches_Provinces_ProvinceId",
                        column: x => x.ProvinceId,
                        principalTable: "Provinces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    BranchId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LegalReviewer = table.Column<bool>(type: "boolean", nullable: false),
                    EnforcementCertificate = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ExternalId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CarrierAdmin = table.Column<bool>(type: "boolean", nullable: false),
                    Preparer = table.Column<bool>(type: "boolean", nullable: false),
                    Signatory = table.Column<bool>(type: "boolean", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    SecurityStamp = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PhoneNumber = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_Branches_BranchId",
                        column: x => x.BranchId,
                        principalTable: "Branches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_Provinces_ProvinceId",
                        column: x => x.ProvinceId,
                        principalTable: "Provinces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Inspections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    VisibleToParty = table.Column<bool>(type: "boolean", nullable: false),
                    PlanId = table.Column<long>(type: "bigint", nullable: false),
                    DrawId = table.Column<long>(type: "bigint", nullable: true),
                    EntityKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EntityName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    OutletCode = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    DrawOrder = table.Column<int>(type: "integer", nullable: false),
                    ScheduledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    InspectedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Place = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Representative = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    RepresentativeTitle = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    StartedAt = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    EndedAt = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    OutletsVisited = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    TransactionsSampled = table.Column<int>(type: "integer", nullable: true),
                    CredentialsShownAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CredentialsShownBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    RecordNumber = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ConcurrencyToken = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Inspections_Branches_BranchId",
                        column: x => x.BranchId,
                        principalTable: "Branches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Inspections_InspectionDraws_DrawId",
                        column: x => x.DrawId,
                        principalTable: "InspectionDraws",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Inspections_InspectionPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "InspectionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReturnDrafts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    TemplateCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ValuesJson = table.Column<string>(type: "character varying(2000000)", maxLength: 2000000, nullable: false),
                    SavedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    SavedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConcurrencyToken = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReturnDrafts_Branches_BranchId",
                        column: x => x.BranchId,
                        principalTable: "Branches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceAddressConfirmations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    PostalAddress = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    RecipientName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    RecipientPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ConsentsToElectronicService = table.Column<bool>(type: "boolean", nullable: false),
                    ResponsiblePerson = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AttestedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AttestedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    AttestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Form = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OriginalFileId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceAddressConfirmations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceAddressConfirmations_Branches_BranchId",
                        column: x => x.BranchId,
                        principalTable: "Branches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceAddressConfirmations_StoredFiles_OriginalFileId",
                        column: x => x.OriginalFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Submissions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    TemplateId = table.Column<int>(type: "integer", nullable: false),
                    TemplateCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Channel = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Late = table.Column<bool>(type: "boolean", nullable: false),
                    AttestedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    AttestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReceiptNo = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    FileId = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    AttachmentFileId = table.Column<long>(type: "bigint", nullable: true),
                    RowCount = table.Column<int>(type: "integer", nullable: false),
                    FlagCount = table.Column<int>(type: "integer", nullable: false),
                    ExplainedCount = table.Column<int>(type: "integer", nullable: false),
                    ReviewedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ConcurrencyToken = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Submissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Submissions_Branches_BranchId",
                        column: x => x.BranchId,
                        principalTable: "Branches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Submissions_ReturnTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "ReturnTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Submissions_StoredFiles_AttachmentFileId",
                        column: x => x.AttachmentFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Submissions_StoredFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ClaimType = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ClaimValue = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ProviderKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    UserId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    LoginProvider = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Value = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DrawReplacements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    DrawId = table.Column<long>(type: "bigint", nullable: false),
                    InspectionId = table.Column<long>(type: "bigint", nullable: false),
                    EntityKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReplacedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReplacedDisplayName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReplacementUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReplacementDisplayName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AlgorithmVersion = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Seed = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CandidatesJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    Digest = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    ReplacedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReplacedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrawReplacements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DrawReplacements_InspectionDraws_DrawId",
                        column: x => x.DrawId,
                        principalTable: "InspectionDraws",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DrawReplacements_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Findings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    VisibleToParty = table.Column<bool>(type: "boolean", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    InspectionId = table.Column<long>(type: "bigint", nullable: true),
                    ItemResultId = table.Column<long>(type: "bigint", nullable: true),
                    SubmissionId = table.Column<long>(type: "bigint", nullable: true),
                    SubmissionFlagId = table.Column<long>(type: "bigint", nullable: true),
                    ChecklistItemId = table.Column<int>(type: "integer", nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Facts = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    FoundOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Severity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LegalBasisId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Decision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    EnforcementRequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EnforcementCaseId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ConcurrencyToken = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Findings_Branches_BranchId",
                        column: x => x.BranchId,
                        principalTable: "Branches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Findings_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Findings_LegalBases_LegalBasisId",
                        column: x => x.LegalBasisId,
                        principalTable: "LegalBases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InspectionAmendments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    VisibleToParty = table.Column<bool>(type: "boolean", nullable: false),
                    InspectionId = table.Column<long>(type: "bigint", nullable: false),
                    ItemResultId = table.Column<long>(type: "bigint", nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    OutcomeBefore = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OutcomeAfter = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NotesBefore = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    NotesAfter = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    By = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionAmendments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionAmendments_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InspectionInspectors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InspectionId = table.Column<long>(type: "bigint", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    VisibleToParty = table.Column<bool>(type: "boolean", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionInspectors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionInspectors_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InspectionItemResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InspectionId = table.Column<long>(type: "bigint", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    VisibleToParty = table.Column<bool>(type: "boolean", nullable: false),
                    ChecklistItemId = table.Column<int>(type: "integer", nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ItemTitle = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ItemEvidenceHint = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LegalBasisId = table.Column<int>(type: "integer", nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionItemResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionItemResults_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LogSystemRows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SystemName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    LogType = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    RetentionDays = table.Column<long>(type: "bigint", nullable: false),
                    EarliestRecord = table.Column<DateOnly>(type: "date", nullable: false),
                    StorageLocation = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    SampleCheckPassed = table.Column<bool>(type: "boolean", nullable: false),
                    SubmissionId = table.Column<long>(type: "bigint", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    RowNumber = table.Column<int>(type: "integer", nullable: false),
                    ExtraValues = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LogSystemRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LogSystemRows_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutletRows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OutletCode = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    OutletName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CityCode = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Channel = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    NewActivations = table.Column<long>(type: "bigint", nullable: false),
                    ReaderVerified = table.Column<long>(type: "bigint", nullable: false),
                    ManualEntries = table.Column<long>(type: "bigint", nullable: false),
                    MysteryViolations = table.Column<long>(type: "bigint", nullable: false),
                    SubmissionId = table.Column<long>(type: "bigint", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    RowNumber = table.Column<int>(type: "integer", nullable: false),
                    ExtraValues = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutletRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutletRows_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlausibilityExplanations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubmissionId = table.Column<long>(type: "bigint", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    Sheet = table.Column<string>(type: "character varying(31)", maxLength: 31, nullable: false),
                    Cell = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Row = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Check = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Figure = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(20,4)", precision: 20, scale: 4, nullable: false),
                    ShownValue = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Expected = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    History = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Explanation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ExplainedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ExplainedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlausibilityExplanations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlausibilityExplanations_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RnSummaryRows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CityCode = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Channel = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Subscribers = table.Column<long>(type: "bigint", nullable: false),
                    Registered = table.Column<long>(type: "bigint", nullable: false),
                    UnregisteredLegacy = table.Column<long>(type: "bigint", nullable: false),
                    OneWayStops = table.Column<long>(type: "bigint", nullable: false),
                    TwoWayStops = table.Column<long>(type: "bigint", nullable: false),
                    NewActivations = table.Column<long>(type: "bigint", nullable: false),
                    ReaderVerified = table.Column<long>(type: "bigint", nullable: false),
                    ManualEntries = table.Column<long>(type: "bigint", nullable: false),
                    OverLimitIds = table.Column<long>(type: "bigint", nullable: false),
                    Reregistered = table.Column<long>(type: "bigint", nullable: false),
                    FraudShutdowns = table.Column<long>(type: "bigint", nullable: false),
                    SubmissionId = table.Column<long>(type: "bigint", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    RowNumber = table.Column<int>(type: "integer", nullable: false),
                    ExtraValues = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RnSummaryRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RnSummaryRows_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SelfCheckRows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemCode = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ItemTitle = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Result = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Narrative = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Remedy = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SubmissionId = table.Column<long>(type: "bigint", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    RowNumber = table.Column<int>(type: "integer", nullable: false),
                    ExtraValues = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelfCheckRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelfCheckRows_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubmissionFlags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubmissionId = table.Column<long>(type: "bigint", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Sheet = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Row = table.Column<int>(type: "integer", nullable: false),
                    Column = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubmissionFlags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubmissionFlags_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CorrectiveOrders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    VisibleToParty = table.Column<bool>(type: "boolean", nullable: false),
                    FindingId = table.Column<long>(type: "bigint", nullable: false),
                    Facts = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Requirement = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    LegalBasisId = table.Column<int>(type: "integer", nullable: true),
                    DeadlineMode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DeadlineWorkingDays = table.Column<int>(type: "integer", nullable: true),
                    DeadlineDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    OriginalDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IssuedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    NoticeNumber = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    RepliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RepliedLate = table.Column<bool>(type: "boolean", nullable: false),
                    ReinspectedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    VerificationOpinion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    VerifiedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    OpinionNumber = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    OverdueSince = table.Column<DateOnly>(type: "date", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalationReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ResponsibleUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ConcurrencyToken = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceMethod = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ServedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ServiceRecipientName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ServiceRecipientPost = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ServiceServers = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ServicePostedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ServiceTrackingNumber = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ServiceRecord = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ElectronicConsentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ElectronicSentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OpenedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CorrectiveOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CorrectiveOrders_Branches_BranchId",
                        column: x => x.BranchId,
                        principalTable: "Branches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CorrectiveOrders_Findings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "Findings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CorrectiveOrders_LegalBases_LegalBasisId",
                        column: x => x.LegalBasisId,
                        principalTable: "LegalBases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EnforcementCases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AppliedLawNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    HearingClosedGround = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    HearingChairUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    HearingChairName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    HearingMembers = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    HearingClerk = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CorrectiveOrderId = table.Column<long>(type: "bigint", nullable: true),
                    AggravatingFacts = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ServiceAddress = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ElectronicServiceChannel = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ServiceRecord = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ServiceAddressConfirmedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ServiceConsentId = table.Column<long>(type: "bigint", nullable: true),
                    ServiceConsentForm = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ElectronicallySentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ElectronicallyOpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PriorNoticeSentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    StatementAdoption = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    StatementAdoptionReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RequiredApprovals = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    CaseNumber = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    DecisionNumber = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Facts = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    ViolationDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ActEndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DiscoveredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ExtendedLimitationFacts = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FiledBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SourceRef = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ActKey = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    LegalBasisId = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    VisibleToParty = table.Column<bool>(type: "boolean", nullable: false),
                    DecisionDueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ReviewConclusion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PriorNoticeServedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    StatementDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    StatementWaived = table.Column<bool>(type: "boolean", nullable: false),
                    HearingOffered = table.Column<bool>(type: "boolean", nullable: false),
                    HearingRequestDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    HearingRequestedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HearingNoticeServedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HearingNoticeServiceMethod = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    HearingDate = table.Column<DateOnly>(type: "date", nullable: true),
                    HearingTime = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    HearingNoticeSentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HearingNoticeLate = table.Column<bool>(type: "boolean", nullable: false),
                    HearingPlace = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    HearingHeldOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HearingRecord = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DiscretionReason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ServiceDueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ServedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ServiceMethod = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ServiceLate = table.Column<bool>(type: "boolean", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PaymentDueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ExitReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    TransferredTo = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ConcurrencyToken = table.Column<Guid>(type: "uuid", nullable: false),
                    NoPenaltyGroundCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    NoPenaltyGround = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    NoPenaltyArticle = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    NoPenaltyActEstablished = table.Column<bool>(type: "boolean", nullable: true),
                    NoPenaltyNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IsMajor = table.Column<bool>(type: "boolean", nullable: false),
                    IsComplex = table.Column<bool>(type: "boolean", nullable: false),
                    SignificanceReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FineNeedsLegalReview = table.Column<bool>(type: "boolean", nullable: false),
                    DecisionRevokedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EnforcementDemandServedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EnforcementAppliedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EnforcementCourt = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EnforcementRuledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EnforcementRuling = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ReviewPeriodEnds = table.Column<DateOnly>(type: "date", nullable: true),
                    SuitPeriodEnds = table.Column<DateOnly>(type: "date", nullable: true),
                    EnforcementWindowCloses = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnforcementCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EnforcementCases_Branches_BranchId",
                        column: x => x.BranchId,
                        principalTable: "Branches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EnforcementCases_CorrectiveOrders_CorrectiveOrderId",
                        column: x => x.CorrectiveOrderId,
                        principalTable: "CorrectiveOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EnforcementCases_LegalBases_LegalBasisId",
                        column: x => x.LegalBasisId,
                        principalTable: "LegalBases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExtensionRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    VisibleToParty = table.Column<bool>(type: "boolean", nullable: false),
                    OrderId = table.Column<long>(type: "bigint", nullable: false),
                    CurrentDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    RequestedDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ApprovedDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    DecisionReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExtensionRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExtensionRequests_CorrectiveOrders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "CorrectiveOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RectificationReplies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    VisibleToParty = table.Column<bool>(type: "boolean", nullable: false),
                    OrderId = table.Column<long>(type: "bigint", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Late = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectificationReplies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RectificationReplies_CorrectiveOrders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "CorrectiveOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Step = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Content = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    Proposal = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RequestedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ApproverId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ApproverName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Opinion = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConcurrencyToken = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalRequests_EnforcementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "EnforcementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseApproval",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ApprovalRequestId = table.Column<long>(type: "bigint", nullable: true),
                    ApprovedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NewDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Schedule = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseApproval", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseApproval_EnforcementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "EnforcementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseDiscussion",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Participants = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Conclusion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseDiscussion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseDiscussion_EnforcementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "EnforcementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseEvidence",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CollectedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CollectedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    FileId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseEvidence_EnforcementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "EnforcementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseEvidence_StoredFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseInvestigator",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseInvestigator", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseInvestigator_EnforcementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "EnforcementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseLegalReview",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    ReviewerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ReviewerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Opinion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Proposal = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Superseded = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseLegalReview", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseLegalReview_EnforcementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "EnforcementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CasePayment",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reference = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CasePayment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CasePayment_EnforcementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "EnforcementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseRemedy",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Body = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CaseNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LateReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ExecutionSuspendedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SuspensionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SuitPeriodEnds = table.Column<DateOnly>(type: "date", nullable: true),
                    OutcomeOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OutcomeNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    FileId = table.Column<long>(type: "bigint", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseRemedy", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseRemedy_EnforcementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "EnforcementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseRemedy_StoredFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseSanction",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LegalBasisId = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CorrectionDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ExecutedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ExecutionNote = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSanction", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseSanction_EnforcementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "EnforcementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseSanction_LegalBases_LegalBasisId",
                        column: x => x.LegalBasisId,
                        principalTable: "LegalBases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseServiceRecord",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Document = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Method = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ServedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecipientName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    RecipientPost = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Servers = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PostedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    TrackingNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OpenedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Record = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseServiceRecord", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseServiceRecord_EnforcementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "EnforcementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseStatement",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    IsWaiver = table.Column<bool>(type: "boolean", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    FileId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseStatement", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseStatement_EnforcementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "EnforcementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseStatement_StoredFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseStep",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Action = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LegalDate = table.Column<DateOnly>(type: "date", nullable: true),
                    BackEntered = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseStep", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseStep_EnforcementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "EnforcementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ElectronicServices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    DocumentId = table.Column<long>(type: "bigint", nullable: false),
                    DocumentKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ConfirmationId = table.Column<long>(type: "bigint", nullable: false),
                    ConfirmationSignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OpenedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    OpenedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OpenedFromAddress = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    DocumentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ElectronicServices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ElectronicServices_EnforcementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "EnforcementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ElectronicServices_ServiceAddressConfirmations_Confirmation~",
                        column: x => x.ConfirmationId,
                        principalTable: "ServiceAddressConfirmations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "AuditHeads",
                columns: new[] { "Id", "LastHash", "LastSequence", "Version" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_Announcements_LegalBasisId",
                table: "Announcements",
                column: "LegalBasisId");

            migrationBuilder.CreateIndex(
                name: "IX_Announcements_ProvinceId_Status",
                table: "Announcements",
                columns: new[] { "ProvinceId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Announcements_PublishedOn_PublicUntil_Status_Kind_ProvinceId",
                table: "Announcements",
                columns: new[] { "PublishedOn", "PublicUntil", "Status", "Kind", "ProvinceId" });

            migrationBuilder.CreateIndex(
                name: "IX_Announcements_SourceType_SourceId_Kind",
                table: "Announcements",
                columns: new[] { "SourceType", "SourceId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Prefix",
                table: "ApiKeys",
                column: "Prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_CaseId",
                table: "ApprovalRequests",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_ProvinceId_Status_RequestedAt",
                table: "ApprovalRequests",
                columns: new[] { "ProvinceId", "Status", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_BranchId",
                table: "AspNetUsers",
                column: "BranchId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ExternalId",
                table: "AspNetUsers",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ProvinceId",
                table: "AspNetUsers",
                column: "ProvinceId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Role_ProvinceId",
                table: "AspNetUsers",
                columns: new[] { "Role", "ProvinceId" });

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Actor",
                table: "AuditEntries",
                column: "Actor");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_EntityId",
                table: "AuditEntries",
                columns: new[] { "EntityType", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Branches_CarrierId",
                table: "Branches",
                column: "CarrierId");

            migrationBuilder.CreateIndex(
                name: "IX_Branches_CityId",
                table: "Branches",
                column: "CityId");

            migrationBuilder.CreateIndex(
                name: "IX_Branches_Code",
                table: "Branches",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Branches_ParentBranchId",
                table: "Branches",
                column: "ParentBranchId");

            migrationBuilder.CreateIndex(
                name: "IX_Branches_ProvinceId_CarrierId",
                table: "Branches",
                columns: new[] { "ProvinceId", "CarrierId" });

            migrationBuilder.CreateIndex(
                name: "IX_CalendarDays_Date",
                table: "CalendarDays",
                column: "Date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CalendarDays_Year",
                table: "CalendarDays",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_Carriers_Code",
                table: "Carriers",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseApproval_CaseId",
                table: "CaseApproval",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseDiscussion_CaseId",
                table: "CaseDiscussion",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseEvidence_CaseId",
                table: "CaseEvidence",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseEvidence_FileId",
                table: "CaseEvidence",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseInvestigator_CaseId",
                table: "CaseInvestigator",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseLegalReview_CaseId",
                table: "CaseLegalReview",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CasePayment_CaseId",
                table: "CasePayment",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseRemedy_CaseId",
                table: "CaseRemedy",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseRemedy_FileId",
                table: "CaseRemedy",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSanction_CaseId",
                table: "CaseSanction",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSanction_LegalBasisId",
                table: "CaseSanction",
                column: "LegalBasisId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseServiceRecord_CaseId",
                table: "CaseServiceRecord",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseStatement_CaseId",
                table: "CaseStatement",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseStatement_FileId",
                table: "CaseStatement",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseStep_CaseId",
                table: "CaseStep",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistItems_Code",
                table: "ChecklistItems",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistItems_LegalBasisId",
                table: "ChecklistItems",
                column: "LegalBasisId");

            migrationBuilder.CreateIndex(
                name: "IX_Cities_Code",
                table: "Cities",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cities_ProvinceId",
                table: "Cities",
                column: "ProvinceId");

            migrationBuilder.CreateIndex(
                name: "IX_CorrectiveOrders_BranchId",
                table: "CorrectiveOrders",
                column: "BranchId");

            migrationBuilder.CreateIndex(
                name: "IX_CorrectiveOrders_FindingId",
                table: "CorrectiveOrders",
                column: "FindingId");

            migrationBuilder.CreateIndex(
                name: "IX_CorrectiveOrders_LegalBasisId",
                table: "CorrectiveOrders",
                column: "LegalBasisId");

            migrationBuilder.CreateIndex(
                name: "IX_CorrectiveOrders_ProvinceId_State",
                table: "CorrectiveOrders",
                columns: new[] { "ProvinceId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentSequences_ProvinceId_Code_Year",
                table: "DocumentSequences",
                columns: new[] { "ProvinceId", "Code", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DrawReplacements_DrawId",
                table: "DrawReplacements",
                column: "DrawId");

            migrationBuilder.CreateIndex(
                name: "IX_DrawReplacements_InspectionId",
                table: "DrawReplacements",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_DrawReplacements_ProvinceId_DrawId",
                table: "DrawReplacements",
                columns: new[] { "ProvinceId", "DrawId" });

            migrationBuilder.CreateIndex(
                name: "IX_DrawRiskFactors_Code",
                table: "DrawRiskFactors",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ElectronicServices_CaseId",
                table: "ElectronicServices",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ElectronicServices_ConfirmationId",
                table: "ElectronicServices",
                column: "ConfirmationId");

            migrationBuilder.CreateIndex(
                name: "IX_ElectronicServices_DocumentId",
                table: "ElectronicServices",
                column: "DocumentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EnforcementCases_ActKey",
                table: "EnforcementCases",
                column: "ActKey");

            migrationBuilder.CreateIndex(
                name: "IX_EnforcementCases_BranchId",
                table: "EnforcementCases",
                column: "BranchId");

            migrationBuilder.CreateIndex(
                name: "IX_EnforcementCases_CorrectiveOrderId",
                table: "EnforcementCases",
                column: "CorrectiveOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_EnforcementCases_LegalBasisId",
                table: "EnforcementCases",
                column: "LegalBasisId");

            migrationBuilder.CreateIndex(
                name: "IX_EnforcementCases_ProvinceId_State",
                table: "EnforcementCases",
                columns: new[] { "ProvinceId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_EnforcementSettings_AgentListLegalBasisId",
                table: "EnforcementSettings",
                column: "AgentListLegalBasisId");

            migrationBuilder.CreateIndex(
                name: "IX_EnforcementSettings_ProvinceId",
                table: "EnforcementSettings",
                column: "ProvinceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_FileId",
                table: "EvidenceFiles",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_OwnerType_OwnerId",
                table: "EvidenceFiles",
                columns: new[] { "OwnerType", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ExtensionRequests_OrderId",
                table: "ExtensionRequests",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_FailedSignIns_LastFailureAt",
                table: "FailedSignIns",
                column: "LastFailureAt");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_BranchId",
                table: "Findings",
                column: "BranchId");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_InspectionId",
                table: "Findings",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_ItemResultId",
                table: "Findings",
                column: "ItemResultId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Findings_LegalBasisId",
                table: "Findings",
                column: "LegalBasisId");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_ProvinceId_Status",
                table: "Findings",
                columns: new[] { "ProvinceId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_SubmissionFlagId",
                table: "Findings",
                column: "SubmissionFlagId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionAmendments_InspectionId",
                table: "InspectionAmendments",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionDraws_PlanId",
                table: "InspectionDraws",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionDraws_ProvinceId_PlanId",
                table: "InspectionDraws",
                columns: new[] { "ProvinceId", "PlanId" });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionInspectors_InspectionId_UserId",
                table: "InspectionInspectors",
                columns: new[] { "InspectionId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionInspectors_UserId",
                table: "InspectionInspectors",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionItemResults_InspectionId_ChecklistItemId",
                table: "InspectionItemResults",
                columns: new[] { "InspectionId", "ChecklistItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionPlans_ProvinceId_Year",
                table: "InspectionPlans",
                columns: new[] { "ProvinceId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_BranchId",
                table: "Inspections",
                column: "BranchId");

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_DrawId",
                table: "Inspections",
                column: "DrawId");

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_PlanId",
                table: "Inspections",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_ProvinceId_Status",
                table: "Inspections",
                columns: new[] { "ProvinceId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_InspectorRecusals_CarrierId",
                table: "InspectorRecusals",
                column: "CarrierId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectorRecusals_ProvinceId_InspectorUserId_CarrierId",
                table: "InspectorRecusals",
                columns: new[] { "ProvinceId", "InspectorUserId", "CarrierId" });

            migrationBuilder.CreateIndex(
                name: "IX_InternalNotes_OwnerType_OwnerId",
                table: "InternalNotes",
                columns: new[] { "OwnerType", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocuments_FileId",
                table: "IssuedDocuments",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocuments_OwnerType_OwnerId",
                table: "IssuedDocuments",
                columns: new[] { "OwnerType", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocuments_ProvinceId_NumberCode_Year_Sequence",
                table: "IssuedDocuments",
                columns: new[] { "ProvinceId", "NumberCode", "Year", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocuments_VerificationCode",
                table: "IssuedDocuments",
                column: "VerificationCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LegalBases_Code",
                table: "LegalBases",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LogSystemRows_SubmissionId_RowNumber",
                table: "LogSystemRows",
                columns: new[] { "SubmissionId", "RowNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageKinds_Code",
                table: "MessageKinds",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoPenaltyGrounds_Code",
                table: "NoPenaltyGrounds",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NotificationPreferences_UserId_KindCode",
                table: "NotificationPreferences",
                columns: new[] { "UserId", "KindCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_DedupKey",
                table: "Notifications",
                columns: new[] { "UserId", "DedupKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAt",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ClaimToken",
                table: "OutboxMessages",
                column: "ClaimToken");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_NotificationId",
                table: "OutboxMessages",
                column: "NotificationId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_NextAttemptAt",
                table: "OutboxMessages",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutletRows_SubmissionId_RowNumber",
                table: "OutletRows",
                columns: new[] { "SubmissionId", "RowNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_PlausibilityExplanations_ProvinceId_Check",
                table: "PlausibilityExplanations",
                columns: new[] { "ProvinceId", "Check" });

            migrationBuilder.CreateIndex(
                name: "IX_PlausibilityExplanations_SubmissionId",
                table: "PlausibilityExplanations",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_ProvinceFonts_FileId",
                table: "ProvinceFonts",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_ProvinceFonts_ProvinceId_Role",
                table: "ProvinceFonts",
                columns: new[] { "ProvinceId", "Role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Provinces_Code",
                table: "Provinces",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Provinces_SealFileId",
                table: "Provinces",
                column: "SealFileId");

            migrationBuilder.CreateIndex(
                name: "IX_PublicationCategories_Code",
                table: "PublicationCategories",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RankingIndicators_Code",
                table: "RankingIndicators",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RectificationReplies_OrderId",
                table: "RectificationReplies",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnDrafts_BranchId_TemplateCode_Period",
                table: "ReturnDrafts",
                columns: new[] { "BranchId", "TemplateCode", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReturnTemplates_Code_Version",
                table: "ReturnTemplates",
                columns: new[] { "Code", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RnSummaryRows_SubmissionId_RowNumber",
                table: "RnSummaryRows",
                columns: new[] { "SubmissionId", "RowNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_SelfCheckRows_SubmissionId_RowNumber",
                table: "SelfCheckRows",
                columns: new[] { "SubmissionId", "RowNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceAddressConfirmations_BranchId_SignedOn",
                table: "ServiceAddressConfirmations",
                columns: new[] { "BranchId", "SignedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceAddressConfirmations_OriginalFileId",
                table: "ServiceAddressConfirmations",
                column: "OriginalFileId");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_Sha256",
                table: "StoredFiles",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_SubmissionAttempts_BranchId_TemplateCode_Period",
                table: "SubmissionAttempts",
                columns: new[] { "BranchId", "TemplateCode", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_SubmissionComments_BranchId_TemplateCode_Period",
                table: "SubmissionComments",
                columns: new[] { "BranchId", "TemplateCode", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_SubmissionFlags_ProvinceId_Code",
                table: "SubmissionFlags",
                columns: new[] { "ProvinceId", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_SubmissionFlags_SubmissionId",
                table: "SubmissionFlags",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_Submissions_AttachmentFileId",
                table: "Submissions",
                column: "AttachmentFileId");

            migrationBuilder.CreateIndex(
                name: "IX_Submissions_BranchId_IdempotencyKey",
                table: "Submissions",
                columns: new[] { "BranchId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Submissions_BranchId_TemplateCode_Period_Version",
                table: "Submissions",
                columns: new[] { "BranchId", "TemplateCode", "Period", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Submissions_FileId",
                table: "Submissions",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_Submissions_ProvinceId_TemplateCode_Period_Status",
                table: "Submissions",
                columns: new[] { "ProvinceId", "TemplateCode", "Period", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Submissions_TemplateId",
                table: "Submissions",
                column: "TemplateId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Announcements");

            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "ApprovalRequests");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "AuditHeads");

            migrationBuilder.DropTable(
                name: "CalendarDays");

            migrationBuilder.DropTable(
                name: "CaseApproval");

            migrationBuilder.DropTable(
                name: "CaseDiscussion");

            migrationBuilder.DropTable(
                name: "CaseEvidence");

            migrationBuilder.DropTable(
                name: "CaseInvestigator");

            migrationBuilder.DropTable(
                name: "CaseLegalReview");

            migrationBuilder.DropTable(
                name: "CasePayment");

            migrationBuilder.DropTable(
                name: "CaseRemedy");

            migrationBuilder.DropTable(
                name: "CaseSanction");

            migrationBuilder.DropTable(
                name: "CaseServiceRecord");

            migrationBuilder.DropTable(
                name: "CaseStatement");

            migrationBuilder.DropTable(
                name: "CaseStep");

            migrationBuilder.DropTable(
                name: "ChecklistItems");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DocumentSequences");

            migrationBuilder.DropTable(
                name: "DrawReplacements");

            migrationBuilder.DropTable(
                name: "DrawRiskFactors");

            migrationBuilder.DropTable(
                name: "ElectronicServices");

            migrationBuilder.DropTable(
                name: "EnforcementSettings");

            migrationBuilder.DropTable(
                name: "EvidenceFiles");

            migrationBuilder.DropTable(
                name: "ExtensionRequests");

            migrationBuilder.DropTable(
                name: "FailedSignIns");

            migrationBuilder.DropTable(
                name: "FileContents");

            migrationBuilder.DropTable(
                name: "IndicatorValues");

            migrationBuilder.DropTable(
                name: "InspectionAmendments");

            migrationBuilder.DropTable(
                name: "InspectionInspectors");

            migrationBuilder.DropTable(
                name: "InspectionItemResults");

            migrationBuilder.DropTable(
                name: "InspectorRecusals");

            migrationBuilder.DropTable(
                name: "InternalNotes");

            migrationBuilder.DropTable(
                name: "IssuedDocuments");

            migrationBuilder.DropTable(
                name: "LogSystemRows");

            migrationBuilder.DropTable(
                name: "MessageKinds");

            migrationBuilder.DropTable(
                name: "NoPenaltyGrounds");

            migrationBuilder.DropTable(
                name: "NotificationPreferences");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "OutletRows");

            migrationBuilder.DropTable(
                name: "PlausibilityExplanations");

            migrationBuilder.DropTable(
                name: "ProvinceFonts");

            migrationBuilder.DropTable(
                name: "ProvinceIndicatorValues");

            migrationBuilder.DropTable(
                name: "PublicationCategories");

            migrationBuilder.DropTable(
                name: "RankingIndicators");

            migrationBuilder.DropTable(
                name: "RectificationReplies");

            migrationBuilder.DropTable(
                name: "ReturnDrafts");

            migrationBuilder.DropTable(
                name: "RnSummaryRows");

            migrationBuilder.DropTable(
                name: "RolePolicies");

            migrationBuilder.DropTable(
                name: "SelfCheckRows");

            migrationBuilder.DropTable(
                name: "SubmissionAttempts");

            migrationBuilder.DropTable(
                name: "SubmissionComments");

            migrationBuilder.DropTable(
                name: "SubmissionFlags");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "HolidayYears");

            migrationBuilder.DropTable(
                name: "EnforcementCases");

            migrationBuilder.DropTable(
                name: "ServiceAddressConfirmations");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "Submissions");

            migrationBuilder.DropTable(
                name: "CorrectiveOrders");

            migrationBuilder.DropTable(
                name: "ReturnTemplates");

            migrationBuilder.DropTable(
                name: "Findings");

            migrationBuilder.DropTable(
                name: "Inspections");

            migrationBuilder.DropTable(
                name: "LegalBases");

            migrationBuilder.DropTable(
                name: "Branches");

            migrationBuilder.DropTable(
                name: "InspectionDraws");

            migrationBuilder.DropTable(
                name: "Carriers");

            migrationBuilder.DropTable(
                name: "Cities");

            migrationBuilder.DropTable(
                name: "InspectionPlans");

            migrationBuilder.DropTable(
                name: "Provinces");

            migrationBuilder.DropTable(
                name: "StoredFiles");
        }
    }
}
