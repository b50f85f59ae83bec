-- The customer service owns the customer schema; nothing else writes it.
create schema customer;

create sequence customer.customer_id_seq;

create table customer.customer (
    customer_id         varchar(12)  not null primary key,
    name                varchar(200) not null,
    kind                varchar(20)  not null,
    email               varchar(254) not null,
    phone               varchar(30),
    address_line1       varchar(200) not null,
    address_line2       varchar(200),
    city                varchar(100) not null,
    postal_code         varchar(20)  not null,
    region              varchar(100),
    country             varchar(2)   not null,
    status              varchar(20)  not null,
    deactivation_reason varchar(500),
    version             bigint       not null,
    created_at          timestamp with time zone not null,
    created_by          varchar(100) not null,
    updated_at          timestamp with time zone not null,
    updated_by          varchar(100) not null
);
-- one customer per email address, whatever its case
create unique index customer_email_unique on customer.customer (lower(email));
create index customer_name_lower on customer.customer (lower(name) varchar_pattern_ops);
