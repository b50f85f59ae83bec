package io.busbar.services.security;

/** The roles of Busbar's callers, and which roles each kind of operation admits. Both doors enforce the same sets. */
public final class Roles {

    public static final String CUSTOMER_SERVICE = "customer-service";
    public static final String BILLING = "billing";
    public static final String ORDER_DESK = "order-desk";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";
    /** Reads the console and the flow journal; changes nothing. */
    public static final String VIEWER = "viewer";
    /** Deploys route files (upload, restore): code that runs as the hub, so a role of its own. */
    public static final String ROUTE_AUTHOR = "route-author";

    public static final String[] CUSTOMER_WRITE = { CUSTOMER_SERVICE, ADMIN };
    public static final String[] CUSTOMER_READ = { CUSTOMER_SERVICE, BILLING, ORDER_DESK, OPERATOR, ADMIN };
    public static final String[] BILLING_WRITE = { BILLING, ADMIN };
    public static final String[] BILLING_READ = { BILLING, CUSTOMER_SERVICE, OPERATOR, ADMIN };
    public static final String[] ORDER_WRITE = { ORDER_DESK, ADMIN };
    public static final String[] ORDER_READ = { ORDER_DESK, CUSTOMER_SERVICE, BILLING, OPERATOR, ADMIN };

    private Roles() {
    }
}
