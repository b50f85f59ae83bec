package io.busbar.services.billing;

import jakarta.jws.WebService;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.soap.SOAPBinding;

import org.apache.cxf.annotations.SchemaValidation;
import org.apache.cxf.interceptor.InInterceptors;
import org.apache.cxf.interceptor.OutFaultInterceptors;

import io.quarkiverse.cxf.annotation.CXFEndpoint;

/** The billing service's SOAP 1.1 endpoint: /soap/billing. */
@WebService(serviceName = "BillingService", portName = "BillingServiceSoap11", targetNamespace = "http://busbar.io/service/billing/v1", endpointInterface = "io.busbar.contract.billing.service.v1.BillingServicePortType", wsdlLocation = "busbar/contracts/v1/wsdl/BillingService.wsdl")
@BindingType(SOAPBinding.SOAP11HTTP_BINDING)
@CXFEndpoint("/billing")
@SchemaValidation(type = SchemaValidation.SchemaValidationType.IN)
@InInterceptors(classes = { io.busbar.services.soap.WsdlAddresses.class, io.busbar.services.soap.WsSecurityInterceptor.class,
        io.busbar.services.soap.IdentityInterceptor.class })
@OutFaultInterceptors(classes = io.busbar.services.soap.FaultGuard.class)
public class BillingSoap11Endpoint extends BillingSoapDoor {
}
