package io.busbar.services.customer;

import jakarta.jws.WebService;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.soap.SOAPBinding;

import org.apache.cxf.annotations.SchemaValidation;
import org.apache.cxf.interceptor.InInterceptors;
import org.apache.cxf.interceptor.OutFaultInterceptors;

import io.quarkiverse.cxf.annotation.CXFEndpoint;

/** The customer service's SOAP 1.1 endpoint: /soap/customer. */
@WebService(serviceName = "CustomerService", portName = "CustomerServiceSoap11", targetNamespace = "http://busbar.io/service/customer/v1", endpointInterface = "io.busbar.contract.customer.service.v1.CustomerServicePortType", wsdlLocation = "busbar/contracts/v1/wsdl/CustomerService.wsdl")
@BindingType(SOAPBinding.SOAP11HTTP_BINDING)
@CXFEndpoint("/customer")
@SchemaValidation(type = SchemaValidation.SchemaValidationType.IN)
@InInterceptors(classes = { io.busbar.services.soap.WsdlAddresses.class, io.busbar.services.soap.WsSecurityInterceptor.class,
        io.busbar.services.soap.IdentityInterceptor.class })
@OutFaultInterceptors(classes = io.busbar.services.soap.FaultGuard.class)
public class CustomerSoap11Endpoint extends CustomerSoapDoor {
}
