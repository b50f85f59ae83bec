-- The error hospital: what operators did with parked messages (DLQ.* and invalid.*), and the edits waiting to be
-- resubmitted. A parked message is resubmitted or discarded at most once: the unique index makes a second attempt
-- find the first instead of having a second effect.
create table dead_letter_audit (
    audit_id        bigserial primary key,
    acted_at        timestamptz not null default now(),
    actor           varchar(200) not null,
    action          varchar(20) not null,
    queue_name      varchar(300) not null,
    message_id      varchar(200) not null,
    original_queue  varchar(300),
    correlation_id  varchar(200),
    detail          varchar(4000)
);

create unique index dead_letter_audit_once on dead_letter_audit (message_id) where action in ('RESUBMIT', 'DISCARD');
create index dead_letter_audit_message on dead_letter_audit (message_id, acted_at);

create table dead_letter_edit (
    message_id      varchar(200) primary key,
    queue_name      varchar(300) not null,
    body            text not null,
    edited_by       varchar(200) not null,
    edited_at       timestamptz not null
);
