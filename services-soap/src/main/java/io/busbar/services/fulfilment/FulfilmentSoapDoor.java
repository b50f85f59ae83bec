package io.busbar.services.fulfilment;

import jakarta.inject.Inject;

import io.busbar.contract.fulfilment.service.v1.AccessDeniedFault;
import io.busbar.contract.fulfilment.service.v1.ApproveOrder;
import io.busbar.contract.fulfilment.service.v1.ApproveOrderResponse;
import io.busbar.contract.fulfilment.service.v1.CancelOrder;
import io.busbar.contract.fulfilment.service.v1.CancelOrderResponse;
import io.busbar.contract.fulfilment.service.v1.ConflictFault;
import io.busbar.contract.fulfilment.service.v1.FulfilmentServicePortType;
import io.busbar.contract.fulfilment.service.v1.GetOrder;
import io.busbar.contract.fulfilment.service.v1.GetOrderResponse;
import io.busbar.contract.fulfilment.service.v1.InvalidRequestFault;
import io.busbar.contract.fulfilment.service.v1.ListCustomerOrders;
import io.busbar.contract.fulfilment.service.v1.ListCustomerOrdersResponse;
import io.busbar.contract.fulfilment.service.v1.NotFoundFault;
import io.busbar.contract.fulfilment.service.v1.RecordShipment;
import io.busbar.contract.fulfilment.service.v1.RecordShipmentResponse;
import io.busbar.contract.fulfilment.service.v1.RejectOrder;
import io.busbar.contract.fulfilment.service.v1.RejectOrderResponse;
import io.busbar.contract.fulfilment.service.v1.SubmitOrder;
import io.busbar.contract.fulfilment.service.v1.SubmitOrderResponse;
import io.busbar.contract.order.v1.Order;
import io.busbar.services.security.Roles;
import io.busbar.services.soap.Faults;
import io.busbar.services.soap.SoapDoor;

/**
 * The order fulfilment service's SOAP door: every operation, once. Two endpoints publish it, one per SOAP version
 * ({@link FulfilmentSoap11Endpoint}, {@link FulfilmentSoap12Endpoint}).
 */
public abstract class FulfilmentSoapDoor extends SoapDoor implements FulfilmentServicePortType {

    protected FulfilmentSoapDoor() {
        super(new Faults<>(NotFoundFault::new, InvalidRequestFault::new, ConflictFault::new, AccessDeniedFault::new));
    }

    @Inject
    FulfilmentService fulfilment;

    @Override
    public SubmitOrderResponse submitOrder(SubmitOrder request)
            throws NotFoundFault, AccessDeniedFault, InvalidRequestFault, ConflictFault {
        return call(Roles.ORDER_WRITE, () -> {
            SubmitOrderResponse response = new SubmitOrderResponse();
            response.setOrder(fulfilment.submit(request.getOrder()).order());
            return response;
        });
    }

    @Override
    public GetOrderResponse getOrder(GetOrder request) throws NotFoundFault, AccessDeniedFault, InvalidRequestFault {
        return call(Roles.ORDER_READ, () -> {
            GetOrderResponse response = new GetOrderResponse();
            response.setOrder(fulfilment.get(request.getOrderId()));
            return response;
        });
    }

    @Override
    public CancelOrderResponse cancelOrder(CancelOrder request)
            throws NotFoundFault, AccessDeniedFault, InvalidRequestFault, ConflictFault {
        return call(Roles.ORDER_WRITE, () -> {
            CancelOrderResponse response = new CancelOrderResponse();
            response.setOrder(fulfilment.cancel(request.getOrderId(), request.getReason(), null));
            return response;
        });
    }

    @Override
    public ListCustomerOrdersResponse listCustomerOrders(ListCustomerOrders request)
            throws AccessDeniedFault, InvalidRequestFault {
        return call(Roles.ORDER_READ, () -> {
            FulfilmentService.Page page = fulfilment.listForCustomer(request.getCustomerId(), request.getStatus(),
                    request.getPage(), request.getSize());
            ListCustomerOrdersResponse response = new ListCustomerOrdersResponse();
            response.getOrders().addAll(page.orders());
            response.setPageInfo(page.pageInfo());
            return response;
        });
    }

    @Override
    public RecordShipmentResponse recordShipment(RecordShipment request)
            throws NotFoundFault, AccessDeniedFault, InvalidRequestFault, ConflictFault {
        return call(Roles.ORDER_WRITE, () -> {
            RecordShipmentResponse response = new RecordShipmentResponse();
            response.setOrder(fulfilment.recordShipment(request.getOrderId(), request.getShipment(), null));
            return response;
        });
    }

    @Override
    public ApproveOrderResponse approveOrder(ApproveOrder request)
            throws NotFoundFault, AccessDeniedFault, InvalidRequestFault, ConflictFault {
        return call(Roles.ORDER_WRITE, () -> {
            ApproveOrderResponse response = new ApproveOrderResponse();
            response.setOrder(fulfilment.approve(request.getOrderId(), request.getComment(), null));
            return response;
        });
    }

    @Override
    public RejectOrderResponse rejectOrder(RejectOrder request)
            throws NotFoundFault, AccessDeniedFault, InvalidRequestFault, ConflictFault {
        return call(Roles.ORDER_WRITE, () -> {
            Order order = fulfilment.reject(request.getOrderId(), request.getReason(), null);
            RejectOrderResponse response = new RejectOrderResponse();
            response.setOrder(order);
            return response;
        });
    }
}
