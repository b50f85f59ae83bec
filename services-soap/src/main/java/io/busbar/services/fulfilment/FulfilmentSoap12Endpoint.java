package io.busbar.services.fulfilment;

import jakarta.jws.WebService;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.soap.SOAPBinding;

import org.apache.cxf.annotations.SchemaValidation;
import org.apache.cxf.interceptor.InInterceptors;
import org.apache.cxf.interceptor.OutFaultInterceptors;

import io.quarkiverse.cxf.annotation.CXFEndpoint;

/** The fulfilment service's SOAP 1.2 endpoint: /soap/fulfilment/soap12. */
@WebService(serviceName = "FulfilmentService", portName = "FulfilmentServiceSoap12", targetNamespace = "http://busbar.io/service/fulfilment/v1", endpointInterface = "io.busbar.contract.fulfilment.service.v1.FulfilmentServicePortType", wsdlLocation = "busbar/contracts/v1/wsdl/FulfilmentService.wsdl")
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
@CXFEndpoint("/fulfilment/soap12")
@SchemaValidation(type = SchemaValidation.SchemaValidationType.IN)
@InInterceptors(classes = { io.busbar.services.soap.WsdlAddresses.class, io.busbar.services.soap.WsSecurityInterceptor.class,
        io.busbar.services.soap.IdentityInterceptor.class })
@OutFaultInterceptors(classes = io.busbar.services.soap.FaultGuard.class)
public class FulfilmentSoap12Endpoint extends FulfilmentSoapDoor {
}
