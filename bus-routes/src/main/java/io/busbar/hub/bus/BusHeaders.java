package io.busbar.hub.bus;

/** Message properties the hub adds; they travel as JMS properties from hop to hop. */
public final class BusHeaders {

    /** Why a message was parked in {@code DLQ.<queue>} or {@code invalid.<queue>}. */
    public static final String REASON = "busbarReason";
    /** Class of the exception behind {@link #REASON}. */
    public static final String EXCEPTION = "busbarException";
    /** The queue a parked message came from, and goes back to on resubmission. */
    public static final String ORIGINAL_QUEUE = "busbarOriginalQueue";
    /** How many times the hub tried to process a parked message. */
    public static final String ATTEMPTS = "busbarAttempts";
    /** Id of the route that failed. */
    public static final String ROUTE = "busbarRoute";
    /** When the message was parked (ISO-8601). */
    public static final String PARKED_AT = "busbarParkedAt";

    /** Follows one business transaction across every hop (and is the JMSCorrelationID). */
    public static final String CORRELATION_ID = "busbarCorrelationId";
    /** Business keys, so a message can be found by what it is about. */
    public static final String ORDER_ID = "busbarOrderId";
    public static final String CUSTOMER_ID = "busbarCustomerId";
    /** The canonical type of the message body, e.g. OrderSubmitted. */
    public static final String EVENT_TYPE = "busbarEventType";
    /** Identifies one event: a subscriber that sees it twice records it once. */
    public static final String EVENT_ID = "busbarEventId";

    public static final String JMS_DELIVERY_COUNT = "JMSXDeliveryCount";
    public static final String JMS_DESTINATION = "JMSDestination";
    public static final String JMS_MESSAGE_ID = "JMSMessageID";

    private BusHeaders() {
    }
}
