package io.busbar.services.billing;

import jakarta.jws.WebService;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.soap.SOAPBinding;

import org.apache.cxf.annotations.SchemaValidation;
import org.apache.cxf.interceptor.InInterceptors;
import org.apache.cxf.interceptor.OutFaultInterceptors;

import io.quarkiverse.cxf.annotation.CXFEndpoint;

/** The billing service's SOAP 1.2 endpoint: /soap/billing/soap12. */
@WebService(serviceName = "BillingService", portName = "BillingServiceSoap12", targetNamespace = "http://busbar.io/service/billing/v1", endpointInterface = "io.busbar.contract.billing.service.v1.BillingServicePortType", wsdlLocation = "busbar/contracts/v1/wsdl/BillingService.wsdl")
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
@CXFEndpoint("/billing/soap12")
@SchemaValidation(type = SchemaValidation.SchemaValidationType.IN)
@InInterceptors(classes = { io.busbar.services.soap.WsdlAddresses.class, io.busbar.services.soap.WsSecurityInterceptor.class,
        io.busbar.services.soap.IdentityInterceptor.class })
@OutFaultInterceptors(classes = io.busbar.services.soap.FaultGuard.class)
public class BillingSoap12Endpoint extends BillingSoapDoor {
}
