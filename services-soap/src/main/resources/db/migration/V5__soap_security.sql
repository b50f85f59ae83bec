-- WS-Security UsernameToken nonces seen recently, shared by all hub instances: a replayed token is refused.
create schema soap;

create table soap.ws_nonce (
    nonce      varchar(200) not null primary key,
    expires_at timestamp with time zone not null
);
create index ws_nonce_expiry on soap.ws_nonce (expires_at);
