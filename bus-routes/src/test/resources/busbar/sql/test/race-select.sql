-- New legacy orders, oldest first; rows another transaction holds are skipped
select order_no, cust_no, currency, sku, qty, price
  from legacy.legacy_orders_race
 where status = :status
 order by order_no
 limit :limit
   for update skip locked
