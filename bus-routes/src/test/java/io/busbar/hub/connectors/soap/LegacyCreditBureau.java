package io.busbar.hub.connectors.soap;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;

import io.busbar.legacy.creditcheck.v2.CheckCreditRequest;
import io.busbar.legacy.creditcheck.v2.CheckCreditResponse;
import io.busbar.legacy.creditcheck.v2.CreditCheckPortType;
import io.busbar.legacy.creditcheck.v2.Decision;
import io.busbar.legacy.creditcheck.v2.SystemUnavailable;
import io.busbar.legacy.creditcheck.v2.SystemUnavailableFault;
import io.busbar.legacy.creditcheck.v2.UnknownAccount;
import io.busbar.legacy.creditcheck.v2.UnknownAccountFault;
import io.quarkiverse.cxf.annotation.CXFEndpoint;

/**
 * The legacy credit bureau the tests call: a real CXF endpoint at {@code /soap/legacy/credit-check}, served by the
 * test application. It publishes its own WSDL ({@code legacy-bureau/CreditCheckService.wsdl}, schema imported from
 * {@code credit-types.xsd}), written apart from the committed contract with other prefixes, names and layout, so the
 * drift test compares two independently written documents. (Code-first would not do: CXF derives
 * {@code Decision} as a plain {@code xs:string} from the xjc classes, which the drift check rightly reports.)
 * <p>
 * Every account has a limit of {@link #LIMIT}; accounts in {@link #UNKNOWN} answer the declared UnknownAccount fault;
 * {@link #unavailableAnswers} SystemUnavailable faults are answered first; {@link #delayMillis} slows every answer.
 */
@WebService(serviceName = "CreditCheckService", portName = "CreditCheckPort", targetNamespace = "urn:legacy:creditcheck:v2", endpointInterface = "io.busbar.legacy.creditcheck.v2.CreditCheckPortType", wsdlLocation = "legacy-bureau/CreditCheckService.wsdl")
@CXFEndpoint("/legacy/credit-check")
public class LegacyCreditBureau implements CreditCheckPortType {

    public static final BigDecimal LIMIT = new BigDecimal("5000.00");
    public static final Set<String> UNKNOWN = ConcurrentHashMap.newKeySet();
    public static final AtomicInteger unavailableAnswers = new AtomicInteger();
    public static final List<Call> calls = new CopyOnWriteArrayList<>();
    public static volatile long delayMillis;

    /** What the bureau received: the request and the HTTP Authorization header. */
    public record Call(String account, BigDecimal amount, String currency, String reference, String authorization) {
    }

    @Resource
    WebServiceContext context;

    @Override
    public CheckCreditResponse checkCredit(CheckCreditRequest request) throws UnknownAccountFault, SystemUnavailableFault {
        calls.add(new Call(request.getAccountNumber(), request.getAmount(), request.getCurrency(),
                request.getRequestReference(), authorization()));
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (unavailableAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            SystemUnavailable down = new SystemUnavailable();
            down.setCode("BATCH-WINDOW");
            down.setMessage("the nightly batch is running");
            throw new SystemUnavailableFault("system unavailable", down);
        }
        if (UNKNOWN.contains(request.getAccountNumber())) {
            UnknownAccount unknown = new UnknownAccount();
            unknown.setAccountNumber(request.getAccountNumber());
            unknown.setMessage("no such account in the bureau");
            throw new UnknownAccountFault("unknown account", unknown);
        }
        CheckCreditResponse response = new CheckCreditResponse();
        response.setCreditLimit(LIMIT);
        response.setAvailable(LIMIT);
        if (request.getAmount().compareTo(LIMIT) <= 0) {
            response.setDecision(Decision.APPROVED);
        } else {
            response.setDecision(Decision.REFUSED);
            response.setReasonCode("LIMIT");
            response.setReasonText("amount above the available credit of " + LIMIT);
        }
        return response;
    }

    /** Calls for one order (the request reference is the order id). */
    public static List<Call> callsFor(String orderId) {
        return calls.stream().filter(c -> orderId.equals(c.reference())).toList();
    }

    public static void reset() {
        UNKNOWN.clear();
        unavailableAnswers.set(0);
        delayMillis = 0;
    }

    private String authorization() {
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) context.getMessageContext()
                .get(MessageContext.HTTP_REQUEST_HEADERS);
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }
}
