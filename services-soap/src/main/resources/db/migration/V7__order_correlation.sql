-- The correlation id of the request that submitted an order: every later message about the order carries it.
alter table fulfilment.orders add column correlation_id varchar(100);
