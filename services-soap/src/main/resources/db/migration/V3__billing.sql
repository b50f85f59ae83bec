-- The billing service owns the billing schema; nothing else writes it.
create schema billing;

create sequence billing.invoice_id_seq;
create sequence billing.payment_id_seq;
create sequence billing.credit_note_id_seq;

create table billing.invoice (
    invoice_id      varchar(12)    not null primary key,
    order_id        varchar(12)    not null,
    customer_id     varchar(12)    not null,
    currency        varchar(3)     not null,
    issue_date      date           not null,
    due_date        date           not null,
    total           numeric(18, 4) not null,
    amount_paid     numeric(18, 4) not null,
    amount_credited numeric(18, 4) not null,
    status          varchar(20)    not null,
    version         bigint         not null,
    created_at      timestamp with time zone not null,
    created_by      varchar(100)   not null,
    updated_at      timestamp with time zone not null,
    updated_by      varchar(100)   not null,
    -- one invoice per order
    constraint invoice_order_unique unique (order_id),
    constraint invoice_amounts check (amount_paid >= 0 and amount_credited >= 0 and amount_paid + amount_credited <= total)
);
create index invoice_customer on billing.invoice (customer_id, issue_date desc);

create table billing.invoice_line (
    invoice_id  varchar(12)    not null references billing.invoice (invoice_id),
    line_number integer        not null,
    description varchar(200)   not null,
    quantity    integer        not null check (quantity > 0),
    unit_price  numeric(18, 4) not null,
    line_total  numeric(18, 4) not null,
    primary key (invoice_id, line_number)
);

create table billing.payment (
    payment_id  varchar(12)    not null primary key,
    invoice_id  varchar(12)    not null references billing.invoice (invoice_id),
    amount      numeric(18, 4) not null check (amount > 0),
    method      varchar(20)    not null,
    reference   varchar(100),
    received_at timestamp with time zone not null,
    recorded_by varchar(100)   not null
);
create index payment_invoice on billing.payment (invoice_id);

create table billing.credit_note (
    credit_note_id varchar(12)    not null primary key,
    invoice_id     varchar(12)    not null references billing.invoice (invoice_id),
    amount         numeric(18, 4) not null check (amount > 0),
    reason         varchar(500)   not null,
    issued_at      timestamp with time zone not null,
    issued_by      varchar(100)   not null
);
create index credit_note_invoice on billing.credit_note (invoice_id);
