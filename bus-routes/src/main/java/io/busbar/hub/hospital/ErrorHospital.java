package io.busbar.hub.hospital;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import javax.sql.DataSource;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;
import org.apache.activemq.artemis.utils.collections.LinkedListIterator;

import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.hospital.DeadLetterViews.ActionResult;
import io.busbar.hub.hospital.DeadLetterViews.AuditEntry;
import io.busbar.hub.hospital.DeadLetterViews.DeadLetter;
import io.busbar.hub.hospital.DeadLetterViews.DeadLetterDetail;
import io.busbar.hub.hospital.DeadLetterViews.ParkingQueue;
import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.journal.FlowJournal;
import io.busbar.services.common.ServiceException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The error hospital: the messages parked in {@code DLQ.*}, {@code invalid.*} and the broker's catch-all {@code DLQ},
 * browsed where they are (a page at a time, at the broker); an
 * operator's edit kept beside the message until it is resubmitted; resubmission to the original queue and discarding,
 * each in one XA transaction with its audit row. A parked message is resubmitted or discarded at most once: the audit
 * table's unique index makes a repeated request find the first action instead of acting again.
 */
@ApplicationScoped
public class ErrorHospital {

    public static final String RESUBMITTED_FROM = "busbarResubmittedFrom";
    public static final String RESUBMITTED_BY = "busbarResubmittedBy";
    private static final Set<String> PARKING_HEADERS = Set.of(BusHeaders.REASON, BusHeaders.EXCEPTION,
            BusHeaders.ORIGINAL_QUEUE, BusHeaders.ATTEMPTS, BusHeaders.ROUTE, BusHeaders.PARKED_AT);
    // plain words joined by dots: no Artemis wildcard (#, *), no fully qualified name (::), no prefix (queue://);
    // DLQ alone is the broker's catch-all dead-letter queue (dead-letter-address of deploy/broker/broker.xml)
    private static final String NAME = "[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*";
    private static final Pattern QUEUE_NAME = Pattern.compile(NAME);
    private static final Pattern PARKING_QUEUE = Pattern.compile("DLQ|(DLQ|invalid)\\." + NAME);
    private static final String ORIG_QUEUE = "_AMQ_ORIG_QUEUE";
    private static final String ORIG_ADDRESS = "_AMQ_ORIG_ADDRESS";

    /** One page of parked messages, and how many there are in all. */
    public record Listing(List<DeadLetter> items, long total) {
    }

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    DataSource dataSource;

    @Inject
    MessageChecks checks;

    @Inject
    FlowJournal journal;

    /** Queues holding parked messages: {@code DLQ}, {@code DLQ.*} and {@code invalid.*}, with their message counts. */
    public List<ParkingQueue> parkingQueues() {
        ActiveMQServer broker = infrastructure.embeddedBroker();
        if (broker == null) {
            throw new ServiceException.Conflict("EXTERNAL_BROKER",
                    "the error hospital lists parked messages of the embedded broker only; use the broker's console");
        }
        List<ParkingQueue> queues = new ArrayList<>();
        for (SimpleString address : broker.getPostOffice().getAddresses()) {
            String name = address.toString();
            if (PARKING_QUEUE.matcher(name).matches()) {
                // parking addresses are anycast: one queue of the same name
                org.apache.activemq.artemis.core.server.Queue queue = broker.locateQueue(address);
                if (queue != null && queue.getAddress().equals(address)) {
                    queues.add(new ParkingQueue(name, queue.getMessageCount()));
                }
            }
        }
        queues.sort(Comparator.comparing(ParkingQueue::queue));
        return queues;
    }

    /**
     * One page of the parked messages of one queue, or of every parking queue (queue by queue, oldest first). Only
     * the page is read, at the broker: the messages before it are skipped there, their bodies never read.
     */
    public Listing list(String onlyQueue, long offset, int size) {
        List<ParkingQueue> queues = onlyQueue != null ? List.of(new ParkingQueue(onlyQueue, existing(onlyQueue)))
                : parkingQueues();
        long total = queues.stream().mapToLong(ParkingQueue::messages).sum();
        Set<String> edited = editedIds();
        List<DeadLetter> letters = new ArrayList<>();
        long skip = offset;
        for (ParkingQueue queue : queues) {
            if (letters.size() >= size) {
                break;
            }
            if (skip >= queue.messages()) {
                skip -= queue.messages();
                continue;
            }
            letters.addAll(page(queue.queue(), skip, size - letters.size(), edited));
            skip = 0;
        }
        return new Listing(letters, total);
    }

    /** One parked message with its body: masked unless {@code unmasked}. */
    public DeadLetterDetail open(String queue, String messageId, boolean unmasked, String actor) {
        return open(queue, messageId, unmasked, actor, true);
    }

    private DeadLetterDetail open(String queue, String messageId, boolean unmasked, String actor, boolean auditUnmasked) {
        existing(queue);
        Message message = browse(queue, selector(messageId)).stream().findFirst().orElseThrow(() -> notFound(queue, messageId));
        Optional<String[]> edit = edit(messageId);
        String body = body(message);
        Map<String, Object> properties = new TreeMap<>();
        try {
            for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements();) {
                String name = (String) names.nextElement();
                properties.put(name, message.getObjectProperty(name));
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read the properties of " + messageId, e);
        }
        if (unmasked && auditUnmasked) {
            audit(actor, "VIEW_UNMASKED", queue, messageId, str(message, BusHeaders.ORIGINAL_QUEUE),
                    str(message, BusHeaders.CORRELATION_ID), null);
        }
        return new DeadLetterDetail(summary(queue, message, edit.isPresent() ? Set.of(messageId) : Set.of()),
                unmasked ? body : journal.mask().apply(body), !unmasked,
                edit.map(e -> unmasked ? e[0] : journal.mask().apply(e[0])).orElse(null), edit.map(e -> e[1]).orElse(null),
                properties, audit(messageId));
    }

    /** Keeps an edited body for the message, checked against what its original queue takes. */
    public DeadLetterDetail edit(String queue, String messageId, String body, String actor) {
        existing(queue);
        Message message = browse(queue, selector(messageId)).stream().findFirst().orElseThrow(() -> notFound(queue, messageId));
        String original = resubmitTarget(queue, message);
        String problem = checks.problem(original, body);
        if (problem != null) {
            throw new ServiceException.InvalidRequest("INVALID_MESSAGE", "the edited message would not be accepted by "
                    + original + ": " + problem);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            update("insert into dead_letter_edit (message_id, queue_name, body, edited_by, edited_at) values (?, ?, ?, ?, now())"
                    + " on conflict (message_id) do update set body = excluded.body, edited_by = excluded.edited_by,"
                    + " edited_at = excluded.edited_at", messageId, queue, body, actor);
            audit(actor, "EDIT", queue, messageId, original, str(message, BusHeaders.CORRELATION_ID),
                    body.length() + " characters");
        });
        // the editor sees what they wrote; that is not another view to audit
        return open(queue, messageId, true, actor, false);
    }

    /** Sends the message (as edited, if it was) back to its original queue, once. */
    public ActionResult resubmit(String queue, String messageId, String actor) {
        return act("RESUBMIT", queue, messageId, actor);
    }

    /** Removes the message for good, once. */
    public ActionResult discard(String queue, String messageId, String actor) {
        return act("DISCARD", queue, messageId, actor);
    }

    public List<AuditEntry> audit(String messageId) {
        String sql = "select * from dead_letter_audit" + (messageId == null ? "" : " where message_id = ?")
                + " order by acted_at desc, audit_id desc limit 200";
        List<AuditEntry> entries = new ArrayList<>();
        try (java.sql.Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (messageId != null) {
                ps.setString(1, messageId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getLong("audit_id"), time(rs.getTimestamp("acted_at")), rs.getString("actor"),
                            rs.getString("action"), rs.getString("queue_name"), rs.getString("message_id"),
                            rs.getString("original_queue"), rs.getString("correlation_id"), rs.getString("detail")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the error hospital's audit", e);
        }
        return entries;
    }

    private ActionResult act(String action, String queue, String messageId, String actor) {
        existing(queue);
        Optional<ActionResult> before = handled(messageId);
        if (before.isPresent()) {
            return before.get();
        }
        AtomicReference<ActionResult> result = new AtomicReference<>();
        try {
            QuarkusTransaction.requiringNew().run(() -> result.set(actInTransaction(action, queue, messageId, actor)));
        } catch (AlreadyHandled | ServiceException.NotFound e) {
            // handled meanwhile by someone else: their result; otherwise the message is not (or no longer) there
            Optional<ActionResult> first = handled(messageId);
            if (first.isPresent()) {
                return first.get();
            }
            throw e;
        }
        return result.get();
    }

    private ActionResult actInTransaction(String action, String queue, String messageId, String actor) {
        Optional<String[]> edit = edit(messageId);
        // the audit row first, before looking at the queue: a second resubmission of the same message waits here on
        // the unique index until the first commits (its broker branch may commit before its database branch), then
        // inserts nothing and answers with the first one's result
        int inserted = update("insert into dead_letter_audit (actor, action, queue_name, message_id) values (?, ?, ?, ?)"
                + " on conflict (message_id) where action in ('RESUBMIT', 'DISCARD') do nothing", actor, action, queue,
                messageId);
        if (inserted == 0) {
            throw new AlreadyHandled();
        }
        Message seen = browse(queue, selector(messageId)).stream().findFirst().orElseThrow(() -> notFound(queue, messageId));
        // a discard needs no queue to go back to (it may be gone); a resubmission goes only to one that is there
        String original = "RESUBMIT".equals(action) ? resubmitTarget(queue, seen)
                : originalQueue(queue, name -> property(seen, name));
        update("update dead_letter_audit set original_queue = ?, correlation_id = ? where message_id = ? and action = ?",
                original, str(seen, BusHeaders.CORRELATION_ID), messageId, action);
        // sessions of the XA pool created inside the transaction are enlisted in it, with the database
        try (Connection connection = infrastructure.connectionFactory().createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            Message parked;
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector(messageId))) {
                parked = consumer.receive(2_000);
            }
            if (parked == null) {
                throw notFound(queue, messageId);
            }
            String newMessageId = null;
            String target = null;
            if ("RESUBMIT".equals(action)) {
                Message copy = copy(session, parked, edit.map(e -> e[0]));
                copy.setStringProperty(RESUBMITTED_FROM, messageId);
                copy.setStringProperty(RESUBMITTED_BY, actor);
                try (MessageProducer producer = session.createProducer(session.createQueue(original))) {
                    producer.send(copy);
                }
                newMessageId = copy.getJMSMessageID();
                target = original;
            }
            update("update dead_letter_audit set detail = ? where message_id = ? and action = ?",
                    target == null ? (edit.isPresent() ? "edited body discarded" : null)
                            : "to " + target + " as " + newMessageId + (edit.isPresent() ? " (edited)" : ""),
                    messageId, action);
            update("delete from dead_letter_edit where message_id = ?", messageId);
            return new ActionResult(action, queue, messageId, target, newMessageId, actor, OffsetDateTime.now(ZoneOffset.UTC),
                    false);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot " + action.toLowerCase() + " " + messageId + " from " + queue, e);
        }
    }

    private Optional<ActionResult> handled(String messageId) {
        try (java.sql.Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select * from dead_letter_audit where message_id = ?"
                        + " and action in ('RESUBMIT', 'DISCARD')")) {
            ps.setString(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String detail = rs.getString("detail");
                String newId = detail != null && detail.contains(" as ") ? detail.replaceFirst("^.* as (\\S+).*$", "$1") : null;
                boolean resubmit = "RESUBMIT".equals(rs.getString("action"));
                return Optional.of(new ActionResult(rs.getString("action"), rs.getString("queue_name"), messageId,
                        resubmit ? rs.getString("original_queue") : null, newId, rs.getString("actor"),
                        time(rs.getTimestamp("acted_at")), true));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the error hospital's audit", e);
        }
    }

    private static Message copy(Session session, Message parked, Optional<String> editedBody) throws JMSException {
        Message copy;
        if (editedBody.isPresent() || parked instanceof TextMessage) {
            copy = session.createTextMessage(editedBody.orElseGet(() -> body(parked)));
        } else if (parked instanceof BytesMessage bytes) {
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            BytesMessage b = session.createBytesMessage();
            b.writeBytes(data);
            copy = b;
        } else {
            throw new ServiceException.Conflict("UNSUPPORTED_MESSAGE", "only text and bytes messages can be resubmitted");
        }
        for (Enumeration<?> names = parked.getPropertyNames(); names.hasMoreElements();) {
            String name = (String) names.nextElement();
            if (!PARKING_HEADERS.contains(name) && !name.startsWith("JMSX") && !name.startsWith("_AMQ")) {
                copy.setObjectProperty(name, parked.getObjectProperty(name));
            }
        }
        copy.setJMSCorrelationID(parked.getJMSCorrelationID());
        copy.setJMSType(parked.getJMSType());
        return copy;
    }

    /** The messages of a queue the selector picks (one message id: at most one), bodies read. */
    private List<Message> browse(String queue, String selector) {
        return browse(queue, selector, 0, 1000, true);
    }

    /**
     * Browses an existing queue: a browser on a queue that does not exist would have the broker create it (and one
     * named with a wildcard would then collect copies of every message parked after), so existence is asked first.
     */
    private List<Message> browse(String queue, String selector, long skip, int limit, boolean readBodies) {
        try (ActiveMQConnectionFactory factory = infrastructure.brokerEndpoint().connectionFactory();
                Connection connection = factory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            if (messageCount(session, queue, queue) < 0) {
                throw queueNotFound(queue);
            }
            try (QueueBrowser browser = session.createBrowser((Queue) session.createQueue(queue), selector)) {
                connection.start();
                List<Message> messages = new ArrayList<>();
                long skipped = 0;
                for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements() && messages.size() < limit;) {
                    Message m = (Message) e.nextElement();
                    if (skipped < skip) {
                        skipped++;
                        continue;
                    }
                    if (readBodies) {
                        body(m);
                    }
                    messages.add(m);
                }
                return messages;
            }
        } catch (InvalidDestinationException e) {
            throw queueNotFound(queue);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse " + queue, e);
        }
    }

    /** One page of a parking queue's summaries: on the embedded broker straight from the queue, bodies untouched. */
    private List<DeadLetter> page(String queue, long skip, int limit, Set<String> edited) {
        ActiveMQServer broker = infrastructure.embeddedBroker();
        if (broker == null) {
            // an external broker: its browser skips at the broker's end of the connection, bodies left unread here
            return browse(queue, null, skip, limit, false).stream().map(m -> summary(queue, m, edited)).toList();
        }
        org.apache.activemq.artemis.core.server.Queue q = broker.locateQueue(SimpleString.of(queue));
        if (q == null) {
            return List.of();
        }
        List<DeadLetter> letters = new ArrayList<>();
        try (LinkedListIterator<MessageReference> refs = q.browserIterator()) {
            long skipped = 0;
            while (refs.hasNext() && letters.size() < limit) {
                MessageReference ref = refs.next();
                if (skipped < skip) {
                    skipped++;
                    continue;
                }
                org.apache.activemq.artemis.api.core.Message m = ref.getMessage();
                Object correlation = m.getCorrelationID();
                letters.add(summary(queue, m.getUserID() == null ? null : "ID:" + m.getUserID(),
                        correlation == null ? null : correlation.toString(), m::getObjectProperty, edited));
            }
        }
        return letters;
    }

    /**
     * The message count of a queue that exists (bound to the address given), -1 otherwise; asked of the broker
     * without creating anything.
     */
    private static long messageCount(Session session, String address, String queue) throws JMSException {
        try {
            ClientSession core = ((ActiveMQSession) session).getCoreSession();
            ClientSession.QueueQuery query = core.queueQuery(SimpleString.of(queue));
            return query.isExists() && query.getAddress() != null && query.getAddress().toString().equals(address)
                    ? query.getMessageCount()
                    : -1;
        } catch (org.apache.activemq.artemis.api.core.ActiveMQException e) {
            throw new IllegalStateException("cannot ask the broker about " + queue, e);
        }
    }

    private long messageCount(String address, String queue) {
        try (ActiveMQConnectionFactory factory = infrastructure.brokerEndpoint().connectionFactory();
                Connection connection = factory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            return messageCount(session, address, queue);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot ask the broker about " + queue, e);
        }
    }

    /**
     * A parking queue named in a request: its message count. A name that is not a plain parking queue name (a
     * wildcard, a fully qualified name) is a bad request; one that names no existing queue is not found.
     */
    private long existing(String queue) {
        if (queue == null || queue.length() > 300 || !QUEUE_NAME.matcher(queue).matches()) {
            throw new ServiceException.InvalidRequest("INVALID_QUEUE", "not a queue name: words of letters, digits,"
                    + " '_' and '-' joined by dots, without wildcards");
        }
        if (!PARKING_QUEUE.matcher(queue).matches()) {
            throw new ServiceException.NotFound("QUEUE_NOT_FOUND", "no parking queue " + queue
                    + ": parked messages are in DLQ, DLQ.<queue> and invalid.<queue>");
        }
        long count = messageCount(queue, queue);
        if (count < 0) {
            throw queueNotFound(queue);
        }
        return count;
    }

    private static ServiceException queueNotFound(String queue) {
        return new ServiceException.NotFound("QUEUE_NOT_FOUND", "no parking queue " + queue);
    }

    private DeadLetter summary(String queue, Message m, Set<String> edited) {
        try {
            return summary(queue, m.getJMSMessageID(), m.getJMSCorrelationID(), name -> property(m, name), edited);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read a parked message of " + queue, e);
        }
    }

    private DeadLetter summary(String queue, String id, String jmsCorrelation, Function<String, Object> properties,
            Set<String> edited) {
        String correlation = text(properties.apply(BusHeaders.CORRELATION_ID));
        if (correlation == null) {
            correlation = jmsCorrelation;
        }
        Object attempts = properties.apply(BusHeaders.ATTEMPTS);
        return new DeadLetter(queue, id, originalQueue(queue, properties), text(properties.apply(BusHeaders.REASON)),
                attempts == null ? null : Integer.valueOf(attempts.toString()), text(properties.apply(BusHeaders.ROUTE)),
                text(properties.apply(BusHeaders.PARKED_AT)), correlation, text(properties.apply(BusHeaders.ORDER_ID)),
                text(properties.apply(BusHeaders.EVENT_TYPE)), edited.contains(id),
                correlation == null ? null : "/api/v1/flows/" + correlation);
    }

    /**
     * Where the message came from: the hub's parking header; for what the broker moved to its catch-all DLQ, the
     * queue Artemis recorded (fully qualified when it was a subscription of a topic); else the parking queue's suffix.
     */
    private static String originalQueue(String queue, Function<String, Object> properties) {
        String original = text(properties.apply(BusHeaders.ORIGINAL_QUEUE));
        if (original != null) {
            return original;
        }
        String origQueue = text(properties.apply(ORIG_QUEUE));
        if (origQueue != null) {
            String origAddress = text(properties.apply(ORIG_ADDRESS));
            return origAddress == null || origAddress.equals(origQueue) ? origQueue : origAddress + "::" + origQueue;
        }
        return queue.contains(".") ? queue.substring(queue.indexOf('.') + 1) : null;
    }

    /** The queue a resubmission goes to: the original one, if it is a plain queue that exists, and not a parking one. */
    private String resubmitTarget(String queue, Message m) {
        String target = originalQueue(queue, name -> property(m, name));
        if (target == null) {
            throw new ServiceException.Conflict("ORIGINAL_QUEUE_UNKNOWN", "the message in " + queue
                    + " does not say which queue it came from");
        }
        String[] parts = target.split("::", -1);
        boolean plain = parts.length <= 2 && java.util.Arrays.stream(parts).allMatch(p -> QUEUE_NAME.matcher(p).matches())
                && !PARKING_QUEUE.matcher(parts[parts.length - 1]).matches();
        if (!plain || messageCount(parts[0], parts[parts.length - 1]) < 0) {
            throw new ServiceException.Conflict("ORIGINAL_QUEUE_NOT_FOUND", "the original queue " + target
                    + " of the message in " + queue + " is not a queue of the bus");
        }
        return target;
    }

    private static Object property(Message m, String name) {
        try {
            return m.getObjectProperty(name);
        } catch (JMSException e) {
            return null;
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String selector(String messageId) {
        if (messageId == null || !messageId.matches("[A-Za-z0-9:._-]{1,200}")) {
            throw new ServiceException.NotFound("DEAD_LETTER_NOT_FOUND", "no parked message " + messageId);
        }
        return "JMSMessageID = '" + messageId + "'";
    }

    private static ServiceException notFound(String queue, String messageId) {
        return new ServiceException.NotFound("DEAD_LETTER_NOT_FOUND", "no parked message " + messageId + " in " + queue);
    }

    static String body(Message m) {
        try {
            if (m instanceof TextMessage text) {
                return text.getText();
            }
            if (m instanceof BytesMessage bytes) {
                bytes.reset();
                byte[] data = new byte[(int) Math.min(bytes.getBodyLength(), 1 << 20)];
                bytes.readBytes(data);
                bytes.reset();
                return new String(data, java.nio.charset.StandardCharsets.UTF_8);
            }
            return null;
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read a parked message's body", e);
        }
    }

    private static String str(Message m, String property) {
        try {
            Object value = m.getObjectProperty(property);
            return value == null ? null : value.toString();
        } catch (JMSException e) {
            return null;
        }
    }

    private Set<String> editedIds() {
        try (java.sql.Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select message_id from dead_letter_edit");
                ResultSet rs = ps.executeQuery()) {
            Set<String> ids = new java.util.HashSet<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read edits", e);
        }
    }

    private Optional<String[]> edit(String messageId) {
        try (java.sql.Connection c = dataSource.getConnection();
                PreparedStatement ps = c
                        .prepareStatement("select body, edited_by from dead_letter_edit where message_id = ?")) {
            ps.setString(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] { rs.getString(1), rs.getString(2) }) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the edit of " + messageId, e);
        }
    }

    private void audit(String actor, String action, String queue, String messageId, String originalQueue,
            String correlationId, String detail) {
        update("insert into dead_letter_audit (actor, action, queue_name, message_id, original_queue, correlation_id, detail)"
                + " values (?, ?, ?, ?, ?, ?, ?)", actor, action, queue, messageId, originalQueue, correlationId, detail);
    }

    private int update(String sql, Object... params) {
        try (java.sql.Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the error hospital's records", e);
        }
    }

    private static OffsetDateTime time(Timestamp t) {
        return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
    }

    /** Rolls the transaction back: someone resubmitted or discarded the message first. */
    private static final class AlreadyHandled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AlreadyHandled() {
            super("already handled", null, false, false);
        }
    }
}
