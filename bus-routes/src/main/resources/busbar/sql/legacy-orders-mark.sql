update legacy.legacy_orders set status = :status where order_no = :orderNo and status = :from
