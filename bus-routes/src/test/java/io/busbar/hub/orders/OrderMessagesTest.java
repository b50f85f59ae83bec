package io.busbar.hub.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.busbar.contract.common.v1.Money;
import io.busbar.contract.order.v1.ObjectFactory;
import io.busbar.contract.order.v1.OrderLineData;
import io.busbar.contract.order.v1.OrderSubmission;
import io.busbar.contract.order.v1.OrderSubmitted;
import io.busbar.hub.bus.InvalidMessageException;

/** The canonical order messages read with one reused validator per thread: same answers as a fresh one each time. */
class OrderMessagesTest {

    private final OrderMessages messages = new OrderMessages();

    @Test
    void aWrittenSubmissionReadsBackWithItsValues() {
        OrderSubmission read = messages.readSubmission(xml(submission("PO-1", "12.50")));
        assertThat(read.getCustomerId()).isEqualTo("CUS-00000001");
        assertThat(read.getCustomerReference()).isEqualTo("PO-1");
        assertThat(read.getLines()).singleElement().satisfies(line -> {
            assertThat(line.getSku()).isEqualTo("SKU-1");
            assertThat(line.getUnitPrice().getAmount()).isEqualByComparingTo("12.50");
        });
    }

    @Test
    void aMessageThatBreaksTheSchemaIsInvalidWithTheValidatorsReason() {
        String xml = xml(submission("PO-2", "1.00")).replace("CUS-00000001", "CUS-1");
        assertThatThrownBy(() -> messages.readSubmission(xml)).isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("not a valid OrderSubmission: ").hasMessageContaining("CUS-1")
                .hasMessageNotContaining("cvc-");
    }

    @Test
    void aTruncatedMessageIsInvalidAndTheNextOneOnTheSameThreadReadsCleanly() {
        String xml = xml(submission("PO-3", "1.00"));
        assertThatThrownBy(() -> messages.readSubmission(xml.substring(0, xml.length() / 2)))
                .isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("not a valid OrderSubmission: ");
        assertThat(messages.readSubmission(xml(submission("PO-4", "2.00"))).getCustomerReference())
                .isEqualTo("PO-4");
    }

    @Test
    void aMessageOfAnotherTypeIsNamedAsSuch() {
        String xml = xml(submission("PO-5", "1.00"));
        assertThatThrownBy(() -> messages.read(xml, OrderSubmitted.class)).isInstanceOf(InvalidMessageException.class)
                .hasMessage("expected OrderSubmitted but the message is OrderSubmission");
    }

    @Test
    void aDocumentTypeDeclarationIsRefusedSoNoEntityIsExpandedOrFetched() {
        String xml = xml(submission("PO-6", "1.00")).replaceFirst("\\?>",
                "?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>").replace("PO-6", "&e;");
        assertThatThrownBy(() -> messages.readSubmission(xml)).isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("not a valid OrderSubmission: ").hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("root:");
    }

    @Test
    void threadsReadingAtOnceEachGetTheirOwnMessage() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> reads = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String reference = "PO-P" + i;
                String xml = xml(submission(reference, i % 7 == 0 ? "bad" : "3.00"));
                reads.add(pool.submit(() -> {
                    try {
                        return messages.readSubmission(xml).getCustomerReference();
                    } catch (InvalidMessageException e) {
                        return "invalid";
                    }
                }));
            }
            for (int i = 0; i < reads.size(); i++) {
                assertThat(reads.get(i).get()).isEqualTo(i % 7 == 0 ? "invalid" : "PO-P" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String xml(OrderSubmission submission) {
        return messages.write(new ObjectFactory().createOrderSubmission(submission));
    }

    private static OrderSubmission submission(String reference, String amount) {
        OrderSubmission submission = new OrderSubmission();
        submission.setCustomerId("CUS-00000001");
        submission.setCustomerReference(reference);
        OrderLineData line = new OrderLineData();
        line.setSku("SKU-1");
        line.setDescription("Difference engine part");
        line.setQuantity(1);
        Money price = new Money();
        price.setAmount(amount.equals("bad") ? new BigDecimal("0.123456") : new BigDecimal(amount));
        price.setCurrency("GBP");
        line.setUnitPrice(price);
        submission.getLines().add(line);
        return submission;
    }
}
