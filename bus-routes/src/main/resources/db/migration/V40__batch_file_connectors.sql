-- Batch files a connector instance has taken in, keyed by the SHA-256 of their content: records_done moves in the
-- same XA transaction as the messages those records became, so a restart resumes after the last committed record.
create table connector_file (
    instance      varchar(100) not null,
    file_key      varchar(64)  not null,
    file_name     varchar(255) not null,
    records_done  bigint       not null,
    records_total bigint,
    bad_records   bigint       not null,
    status        varchar(10)  not null,
    started_at    timestamp with time zone not null,
    finished_at   timestamp with time zone,
    primary key (instance, file_key)
);

-- The bad records of a file, written in the same transaction as their invalid.<queue> messages: the error report.
create table connector_file_error (
    id            bigserial    primary key,
    instance      varchar(100) not null,
    file_key      varchar(64)  not null,
    record_number bigint       not null,
    field         varchar(100),
    reason        varchar(1000) not null,
    raw           varchar(600)
);
create index connector_file_error_file on connector_file_error (instance, file_key, record_number);

-- Events waiting to be written to an outbound batch file; deleted in the transaction that follows the file's write.
create table connector_outbox (
    id         bigserial    primary key,
    instance   varchar(100) not null,
    record     text         not null,
    created_at timestamp with time zone not null
);
create index connector_outbox_instance on connector_outbox (instance, id);
