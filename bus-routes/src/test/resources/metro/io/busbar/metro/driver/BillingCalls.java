package io.busbar.metro.driver;

import java.math.BigDecimal;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

import jakarta.xml.ws.Holder;

import io.busbar.metro.wsdl.billing.AccessDeniedFault;
import io.busbar.metro.wsdl.billing.BillingService;
import io.busbar.metro.wsdl.billing.BillingServicePortType;
import io.busbar.metro.wsdl.billing.ConflictFault;
import io.busbar.metro.wsdl.billing.CreditNote;
import io.busbar.metro.wsdl.billing.FaultDetail;
import io.busbar.metro.wsdl.billing.InvalidRequestFault;
import io.busbar.metro.wsdl.billing.Invoice;
import io.busbar.metro.wsdl.billing.InvoiceLineData;
import io.busbar.metro.wsdl.billing.Money;
import io.busbar.metro.wsdl.billing.NotFoundFault;
import io.busbar.metro.wsdl.billing.PageInfo;
import io.busbar.metro.wsdl.billing.Payment;
import io.busbar.metro.wsdl.billing.PaymentMethod;

/** Every operation of the billing service through the Metro-generated client. */
final class BillingCalls {

    private final BillingService service;
    private final String run;
    private final Seen seen;
    private final DatatypeFactory datatypes;

    BillingCalls(URL wsdl, String run, Seen seen) throws Exception {
        this.service = new BillingService(wsdl);
        this.run = run;
        this.seen = seen;
        this.datatypes = DatatypeFactory.newInstance();
    }

    /** Invoices the order, reads it, takes a partial payment and an overpayment, lists, issues a credit note. */
    void run(String customerId, String orderId) throws Exception {
        BillingServicePortType soap11 = service.getBillingServiceSoap11();
        WsSecurityHandler.install(soap11, "demo-billing", "demo-billing", seen);
        BillingServicePortType soap12 = service.getBillingServiceSoap12();
        WsSecurityHandler wss12 = WsSecurityHandler.install(soap12, "demo-billing", "demo-billing", seen);
        seen.put("billing.soap11.endpoint", CustomerCalls.endpoint(soap11));
        seen.put("billing.soap12.endpoint", CustomerCalls.endpoint(soap12));

        // create: 2 x 10.00 + 1 x 5.50 EUR, due in two weeks; a second invoice for the order is a conflict
        LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(14);
        seen.put("billing.create.dueDateSent", due.toString());
        Invoice invoice = soap11.createInvoice(orderId, customerId, "EUR", lines(), date(due));
        seen.put("billing.create.id", invoice.getInvoiceId());
        seen.put("billing.create.orderId", invoice.getOrderId());
        seen.put("billing.create.customerId", invoice.getCustomerId());
        seen.put("billing.create.dueDate", invoice.getDueDate().toXMLFormat());
        seen.put("billing.create.lines", invoice.getLine().stream()
                .map(l -> l.getLineNumber() + " " + l.getDescription() + " = "
                        + l.getLineTotal().getAmount().stripTrailingZeros().toPlainString())
                .toList());
        seen.put("billing.create.total", invoice.getTotal().getAmount());
        seen.put("billing.create.currency", invoice.getTotal().getCurrency());
        seen.put("billing.create.balance", invoice.getBalance().getAmount());
        seen.put("billing.create.status", invoice.getStatus().value());
        seen.fault("billing.create.again", () -> soap11.createInvoice(orderId, customerId, "EUR", lines(), null),
                BillingCalls::fault);

        // get, over SOAP 1.2
        Invoice read = soap12.getInvoice(invoice.getInvoiceId());
        seen.put("billing.get.id", read.getInvoiceId());
        seen.put("billing.get.total", read.getTotal().getAmount());
        seen.put("billing.get.responseEnvelope", wss12.responseEnvelope());
        seen.fault("billing.get.unknown", () -> soap12.getInvoice("INV-99999999"), BillingCalls::fault);

        // a partial payment, then one above the balance
        Instant receivedAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        seen.put("billing.pay.receivedAtSent", receivedAt.toString());
        Holder<Payment> payment = new Holder<>();
        Holder<Invoice> paid = new Holder<>();
        soap11.recordPayment(invoice.getInvoiceId(), money("10.00"), PaymentMethod.BANK_TRANSFER, "metro-" + run,
                dateTime(receivedAt), payment, paid);
        seen.put("billing.pay.paymentId", payment.value.getPaymentId());
        seen.put("billing.pay.amount", payment.value.getAmount().getAmount());
        seen.put("billing.pay.method", payment.value.getMethod().value());
        seen.put("billing.pay.reference", payment.value.getReference());
        seen.put("billing.pay.receivedAt", payment.value.getReceivedAt().toGregorianCalendar().toInstant().toString());
        seen.put("billing.pay.invoiceStatus", paid.value.getStatus().value());
        seen.put("billing.pay.amountPaid", paid.value.getAmountPaid().getAmount());
        seen.put("billing.pay.balance", paid.value.getBalance().getAmount());
        seen.put("billing.pay.payments", paid.value.getPayment().size());
        try {
            soap11.recordPayment(invoice.getInvoiceId(), money("100.00"), PaymentMethod.CARD, null, null,
                    new Holder<>(), new Holder<>());
            seen.put("billing.overpay", "no fault");
        } catch (InvalidRequestFault e) {
            FaultDetail detail = e.getFaultInfo();
            seen.put("billing.overpay", "invalidRequest/" + detail.getCode());
            seen.put("billing.overpay.fields", detail.getFieldError().stream().map(f -> f.getField()).toList());
        }

        // the customer's invoices
        Holder<List<Invoice>> invoices = new Holder<>();
        Holder<PageInfo> info = new Holder<>();
        soap11.listCustomerInvoices(customerId, null, 0, 5, invoices, info);
        seen.put("billing.list.ids", invoices.value.stream().map(Invoice::getInvoiceId).toList());
        seen.put("billing.list.info", List.of(info.value.getPage(), info.value.getSize(), info.value.getTotalItems(),
                info.value.getTotalPages()));

        // a credit note within the balance, then one above it
        Holder<CreditNote> note = new Holder<>();
        Holder<Invoice> credited = new Holder<>();
        soap11.issueCreditNote(invoice.getInvoiceId(), money("5.50"), "goodwill " + run, note, credited);
        seen.put("billing.credit.id", note.value.getCreditNoteId());
        seen.put("billing.credit.amount", note.value.getAmount().getAmount());
        seen.put("billing.credit.reason", note.value.getReason());
        seen.put("billing.credit.amountCredited", credited.value.getAmountCredited().getAmount());
        seen.put("billing.credit.balance", credited.value.getBalance().getAmount());
        seen.put("billing.credit.status", credited.value.getStatus().value());
        seen.fault("billing.credit.tooMuch", () -> soap11.issueCreditNote(invoice.getInvoiceId(), money("50.00"),
                "too generous", new Holder<>(), new Holder<>()), BillingCalls::fault);

        // the invoice now, over SOAP 1.1: with its payment and its credit note
        Invoice now = soap11.getInvoice(invoice.getInvoiceId());
        seen.put("billing.get11.payments", now.getPayment().stream().map(Payment::getPaymentId).toList());
        seen.put("billing.get11.creditNotes", now.getCreditNote().stream().map(CreditNote::getCreditNoteId).toList());
        seen.put("billing.get11.balance", now.getBalance().getAmount());
        seen.put("billing.get11.version", now.getAudit().getVersion());

        // a role this service does not admit
        BillingServicePortType orderDesk = service.getBillingServiceSoap11();
        WsSecurityHandler.install(orderDesk, "demo-order-desk", "demo-order-desk", seen);
        seen.fault("billing.orderDesk.create", () -> orderDesk.createInvoice(orderId, customerId, "EUR", lines(), null),
                BillingCalls::fault);
    }

    private static List<InvoiceLineData> lines() {
        return List.of(line("Metro widget", 2, "10.00"), line("Metro gadget", 1, "5.50"));
    }

    private static InvoiceLineData line(String description, int quantity, String unitPrice) {
        InvoiceLineData line = new InvoiceLineData();
        line.setDescription(description);
        line.setQuantity(quantity);
        line.setUnitPrice(money(unitPrice));
        return line;
    }

    private static Money money(String amount) {
        Money money = new Money();
        money.setAmount(new BigDecimal(amount));
        money.setCurrency("EUR");
        return money;
    }

    private XMLGregorianCalendar date(LocalDate date) {
        return datatypes.newXMLGregorianCalendar(date.toString());
    }

    private XMLGregorianCalendar dateTime(Instant instant) {
        return datatypes.newXMLGregorianCalendar(instant.toString());
    }

    static String fault(Exception e) {
        if (e instanceof NotFoundFault f) {
            return "notFound/" + f.getFaultInfo().getCode();
        }
        if (e instanceof InvalidRequestFault f) {
            return "invalidRequest/" + f.getFaultInfo().getCode();
        }
        if (e instanceof ConflictFault f) {
            return "conflict/" + f.getFaultInfo().getCode();
        }
        if (e instanceof AccessDeniedFault f) {
            return "accessDenied/" + f.getFaultInfo().getCode();
        }
        return null;
    }
}
