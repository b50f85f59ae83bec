update legacy.legacy_orders_race set status = :status where order_no = :orderNo and status = :from
