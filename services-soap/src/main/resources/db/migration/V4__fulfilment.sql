-- The order fulfilment service owns the fulfilment schema; nothing else writes it.
create schema fulfilment;

create sequence fulfilment.order_id_seq;
create sequence fulfilment.shipment_id_seq;

create table fulfilment.orders (
    order_id           varchar(12)    not null primary key,
    customer_id        varchar(12)    not null,
    customer_reference varchar(100)   not null,
    submitted_at       timestamp with time zone not null,
    currency           varchar(3)     not null,
    total              numeric(18, 4) not null,
    status             varchar(20)    not null,
    invoice_id         varchar(12),
    ship_line1         varchar(200),
    ship_line2         varchar(200),
    ship_city          varchar(100),
    ship_postal_code   varchar(20),
    ship_region        varchar(100),
    ship_country       varchar(2),
    shipment_id        varchar(12),
    carrier            varchar(100),
    tracking_number    varchar(100),
    shipped_at         timestamp with time zone,
    version            bigint         not null,
    created_at         timestamp with time zone not null,
    created_by         varchar(100)   not null,
    updated_at         timestamp with time zone not null,
    updated_by         varchar(100)   not null,
    -- a customer's own reference names one order: resubmitting it is idempotent
    constraint orders_reference_unique unique (customer_id, customer_reference)
);
create index orders_customer on fulfilment.orders (customer_id, submitted_at desc);

create table fulfilment.order_line (
    order_id    varchar(12)    not null references fulfilment.orders (order_id),
    line_number integer        not null,
    sku         varchar(40)    not null,
    description varchar(200)   not null,
    quantity    integer        not null check (quantity > 0),
    unit_price  numeric(18, 4) not null,
    line_total  numeric(18, 4) not null,
    primary key (order_id, line_number)
);

create table fulfilment.order_status_change (
    order_id   varchar(12)  not null references fulfilment.orders (order_id),
    seq        integer      not null,
    status     varchar(20)  not null,
    changed_at timestamp with time zone not null,
    changed_by varchar(100) not null,
    reason     varchar(500),
    primary key (order_id, seq)
);
