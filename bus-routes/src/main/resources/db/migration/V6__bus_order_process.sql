-- Keys of the messages each bus consumer has processed: a redelivered or re-sent message has no second effect.
create table bus_processed_message (
    consumer     varchar(100) not null,
    message_key  varchar(200) not null,
    processed_at timestamp with time zone not null,
    primary key (consumer, message_key)
);
create index bus_processed_message_age on bus_processed_message (processed_at);

-- What the notification subscriber of the order events topic received (one row per event).
create table bus_notification_log (
    event_id    varchar(64)  not null primary key,
    event_type  varchar(50)  not null,
    order_id    varchar(12)  not null,
    customer_id varchar(12)  not null,
    recipient   varchar(254),
    message     varchar(1000) not null,
    received_at timestamp with time zone not null
);
create index bus_notification_log_order on bus_notification_log (order_id);

-- What the analytics subscriber received, as JSON documents (one row per event).
create table bus_analytics_event (
    event_id    varchar(64) not null primary key,
    event_type  varchar(50) not null,
    order_id    varchar(12) not null,
    occurred_at timestamp with time zone not null,
    document    text        not null
);
create index bus_analytics_event_order on bus_analytics_event (order_id);
