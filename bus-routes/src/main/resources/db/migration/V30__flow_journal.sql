-- The flow journal: one row per hop of a message through the hub (a door, a bus step), written asynchronously in
-- batches by the journal's writer. Keys are copied from the message so a flow can be found by what it is about.
create table flow_hop (
    hop_id          bigserial primary key,
    correlation_id  varchar(200) not null,
    route_id        varchar(200) not null,
    endpoint        varchar(500),
    exchange_id     varchar(100),
    message_id      varchar(200),
    started_at      timestamptz not null,
    ended_at        timestamptz not null,
    duration_ms     bigint not null,
    outcome         varchar(20) not null,
    error           varchar(4000),
    order_id        varchar(100),
    customer_id     varchar(100),
    file_name       varchar(500),
    record_number   bigint,
    event_type      varchar(100),
    payload         text
);

create index flow_hop_correlation on flow_hop (correlation_id, started_at);
create index flow_hop_order on flow_hop (order_id) where order_id is not null;
create index flow_hop_customer on flow_hop (customer_id) where customer_id is not null;
create index flow_hop_file on flow_hop (file_name) where file_name is not null;
create index flow_hop_started on flow_hop (started_at);
