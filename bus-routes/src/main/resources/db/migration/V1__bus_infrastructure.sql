-- Why a bus message failed, kept outside the transaction that failed; read when the message is parked in DLQ.<queue>.
create table bus_delivery_failure (
    message_id      varchar(200)  not null primary key,
    queue_name      varchar(250)  not null,
    route_id        varchar(200),
    failures        integer       not null,
    reason          varchar(4000) not null,
    exception_type  varchar(300),
    first_failed_at timestamp with time zone not null,
    last_failed_at  timestamp with time zone not null,
    parked_to       varchar(260),
    parked_at       timestamp with time zone
);
create index bus_delivery_failure_queue on bus_delivery_failure (queue_name, last_failed_at);

-- Rows written by the bus self-test (bus.selftest.v1).
create table bus_selftest_probe (
    probe_id    varchar(64) not null primary key,
    node_name   varchar(28) not null,
    received_at timestamp with time zone not null
);
