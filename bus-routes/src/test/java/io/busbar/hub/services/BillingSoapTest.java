package io.busbar.hub.services;

import static io.busbar.hub.testsupport.SoapClients.soap11;
import static io.busbar.hub.testsupport.SoapClients.soap12;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.busbar.contract.billing.service.v1.AccessDeniedFault;
import io.busbar.contract.billing.service.v1.BillingServicePortType;
import io.busbar.contract.billing.service.v1.ConflictFault;
import io.busbar.contract.billing.service.v1.CreateInvoice;
import io.busbar.contract.billing.service.v1.GetInvoice;
import io.busbar.contract.billing.service.v1.InvalidRequestFault;
import io.busbar.contract.billing.service.v1.IssueCreditNote;
import io.busbar.contract.billing.service.v1.ListCustomerInvoices;
import io.busbar.contract.billing.service.v1.NotFoundFault;
import io.busbar.contract.billing.service.v1.RecordPayment;
import io.busbar.contract.billing.service.v1.RecordPaymentResponse;
import io.busbar.contract.billing.v1.Invoice;
import io.busbar.contract.billing.v1.InvoiceLineData;
import io.busbar.contract.billing.v1.InvoiceStatus;
import io.busbar.contract.billing.v1.PaymentMethod;
import io.busbar.contract.common.v1.Money;
import io.busbar.hub.testsupport.Json;
import io.quarkus.test.junit.QuarkusTest;

/** The billing service's SOAP door (1.1 and 1.2) over real HTTP with WS-Security, every operation and fault. */
@QuarkusTest
class BillingSoapTest {

    final BillingServicePortType soap11 = soap11(BillingServicePortType.class, "billing", "demo-billing");
    final BillingServicePortType soap12 = soap12(BillingServicePortType.class, "billing", "demo-billing");

    @Test
    void everyOperationOverBothSoapVersions() throws Exception {
        String customer = CustomerRestTest.register(Json.uniqueEmail());
        String order = InvoiceRestTest.nextOrderId();
        CreateInvoice create = create(order, customer, "CHF", "19.95");
        create.setDueDate(LocalDate.now().plusDays(10));
        Invoice invoice = soap11.createInvoice(create).getInvoice();
        assertThat(invoice.getTotal().getAmount()).isEqualByComparingTo("39.90");
        assertThat(invoice.getDueDate()).isEqualTo(create.getDueDate());
        assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.OPEN);

        GetInvoice get = new GetInvoice();
        get.setInvoiceId(invoice.getInvoiceId());
        assertThat(soap12.getInvoice(get).getInvoice()).usingRecursiveComparison().isEqualTo(invoice);

        RecordPaymentResponse paid = soap12.recordPayment(payment(invoice.getInvoiceId(), "9.90", "CHF"));
        assertThat(paid.getInvoice().getStatus()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
        assertThat(paid.getInvoice().getBalance().getAmount()).isEqualByComparingTo("30.00");
        assertThat(paid.getPayment().getMethod()).isEqualTo(PaymentMethod.CARD);

        InvalidRequestFault over = catchThrowableOfType(InvalidRequestFault.class,
                () -> soap11.recordPayment(payment(invoice.getInvoiceId(), "30.01", "CHF")));
        assertThat(over.getFaultInfo().getCode()).isEqualTo("OVERPAYMENT");
        assertThat(over.getFaultInfo().getFieldErrors()).extracting("field").containsExactly("amount.amount");

        IssueCreditNote credit = new IssueCreditNote();
        credit.setInvoiceId(invoice.getInvoiceId());
        credit.setAmount(money("30.00", "CHF"));
        credit.setReason("goodwill");
        Invoice credited = soap11.issueCreditNote(credit).getInvoice();
        assertThat(credited.getStatus()).isEqualTo(InvoiceStatus.CREDITED);
        assertThat(credited.getCreditNotes()).hasSize(1);
        assertThat(credited.getPayments()).hasSize(1);

        ListCustomerInvoices list = new ListCustomerInvoices();
        list.setCustomerId(customer);
        assertThat(soap12.listCustomerInvoices(list).getInvoices()).extracting(Invoice::getInvoiceId)
                .containsExactly(invoice.getInvoiceId());
        list.setStatus(InvoiceStatus.OPEN);
        assertThat(soap11.listCustomerInvoices(list).getPageInfo().getTotalItems()).isZero();
    }

    @Test
    void everyDeclaredFault() {
        String customer = CustomerRestTest.register(Json.uniqueEmail());
        String order = InvoiceRestTest.nextOrderId();
        GetInvoice get = new GetInvoice();
        get.setInvoiceId("INV-99999997");
        assertThat(catchThrowableOfType(NotFoundFault.class, () -> soap11.getInvoice(get)).getFaultInfo().getCode())
                .isEqualTo("INVOICE_NOT_FOUND");
        assertThat(catchThrowableOfType(NotFoundFault.class,
                () -> soap11.createInvoice(create(order, "CUS-99999997", "EUR", "1.00"))).getFaultInfo().getCode())
                .isEqualTo("CUSTOMER_NOT_FOUND");
        assertThat(catchThrowableOfType(InvalidRequestFault.class,
                () -> soap12.createInvoice(create(order, customer, "EUR", "-1.00"))).getFaultInfo().getCode())
                .isEqualTo("INVALID_AMOUNT");
        assertThat(catchThrowableOfType(InvalidRequestFault.class, () -> {
            CreateInvoice mixed = create(order, customer, "EUR", "1.00");
            mixed.getLines().get(0).getUnitPrice().setCurrency("USD");
            soap11.createInvoice(mixed);
        }).getFaultInfo().getCode()).isEqualTo("CURRENCY_MISMATCH");
        try {
            soap11.createInvoice(create(order, customer, "EUR", "1.00"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(catchThrowableOfType(ConflictFault.class, () -> soap12.createInvoice(create(order, customer, "EUR", "2.00")))
                .getFaultInfo().getCode()).isEqualTo("INVOICE_EXISTS");
        BillingServicePortType desk = soap11(BillingServicePortType.class, "billing", "demo-order-desk");
        assertThat(catchThrowableOfType(AccessDeniedFault.class,
                () -> desk.createInvoice(create(InvoiceRestTest.nextOrderId(), customer, "EUR", "1.00")))).isNotNull();
    }

    static CreateInvoice create(String order, String customer, String currency, String unitPrice) {
        CreateInvoice create = new CreateInvoice();
        create.setOrderId(order);
        create.setCustomerId(customer);
        create.setCurrency(currency);
        InvoiceLineData line = new InvoiceLineData();
        line.setDescription("Difference engine cog");
        line.setQuantity(2);
        line.setUnitPrice(money(unitPrice, currency));
        create.getLines().add(line);
        return create;
    }

    static RecordPayment payment(String invoice, String amount, String currency) {
        RecordPayment payment = new RecordPayment();
        payment.setInvoiceId(invoice);
        payment.setAmount(money(amount, currency));
        payment.setMethod(PaymentMethod.CARD);
        return payment;
    }

    static Money money(String amount, String currency) {
        Money money = new Money();
        money.setAmount(new BigDecimal(amount));
        money.setCurrency(currency);
        return money;
    }
}
